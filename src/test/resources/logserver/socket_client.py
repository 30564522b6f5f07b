"""A real CPython logging client: logging.handlers.SocketHandler, logging COUNT records as
logger NAME to HOST:PORT, and keeping in SENT what the chapter's serialize() must write for
each frame it sent: json.dumps(pickle.loads(payload)), computed from the very bytes sent.

usage: socket_client.py HOST PORT COUNT NAME SENT [PAUSE_EVERY PAUSE_SECONDS]
Prints "started" once connected, "sent N" at the end. The messages vary: args, non-ASCII, extra fields, exceptions.
"""
import json
import logging
import logging.handlers
import pickle
import sys
import time

host, port, count, name, sent_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
pause_every = int(sys.argv[6]) if len(sys.argv) > 6 else 0
pause = float(sys.argv[7]) if len(sys.argv) > 7 else 0.0
sent = open(sent_path, "w", encoding="ascii")


class RecordingHandler(logging.handlers.SocketHandler):
    def makePickle(self, record):
        frame = super().makePickle(record)
        sent.write(json.dumps(pickle.loads(frame[4:])) + "\n")
        return frame


handler = RecordingHandler(host, port)
logger = logging.getLogger(name)
logger.propagate = False
logger.addHandler(handler)
logger.setLevel(logging.DEBUG)

for i in range(count):
    kind = i % 5
    if kind == 0:
        logger.info("Sorting %d", i % 8 + 3)
    elif kind == 1:
        logger.warning("Sorted %d items in %d steps, %.3f ms", i % 8 + 3, i * 7919 % 3628800, i * 0.37)
    elif kind == 2:
        logger.debug("caf\u00e9 \u65e5\u672c \U0001F600 %s", {"k": [1, 2.5, None]}, extra={"user": "M\u00f6", "n": i, "ratio": i / 7})
    elif kind == 3:
        try:
            raise ValueError("bad value %d" % i)
        except ValueError:
            logger.exception("failed at %d", i)
    else:
        logger.error("quote \" backslash \\ tab\t%r", ("tuple", i))
    if i == 0:
        print("started", flush=True)  # connected: SocketHandler connects on the first record
    if pause_every and i % pause_every == pause_every - 1:
        time.sleep(pause)

logging.shutdown()
sent.close()
print("sent", count, flush=True)
