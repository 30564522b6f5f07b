"""A real CPython SocketHandler client sending one record whose extra= holds a list that repeats
one object ten times, nested eight deep: shared references, so the pickle is a few hundred
bytes while the record as JSON would be gigabytes (10**8 leaves).

usage: bomb_client.py HOST PORT
Prints the size of the pickle it sent, then "sent".
"""
import logging
import logging.handlers
import sys

host, port = sys.argv[1], int(sys.argv[2])
sizes = []


class Handler(logging.handlers.SocketHandler):
    def makePickle(self, record):
        frame = super().makePickle(record)
        sizes.append(len(frame) - 4)
        return frame


bomb = "boom"
for _ in range(8):
    bomb = [bomb] * 10
handler = Handler(host, port)
logger = logging.getLogger("bomb")
logger.propagate = False
logger.addHandler(handler)
logger.error("m", extra={"x": bomb})
handler.close()
print(sizes[0])
print("sent", flush=True)
