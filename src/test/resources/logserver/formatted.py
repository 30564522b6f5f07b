"""SocketHandler frames of varied records, and what logging.Formatter(FMT) makes of each once
logging.makeLogRecord has rebuilt it (as the logging cookbook's receiver does), in UTC.

usage: formatted.py FRAMES_OUT TEXT_OUT FMT COUNT
"""
import logging
import os
import pickle
import random
import struct
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()
frames_out, text_out, fmt, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rnd = random.Random(5)
formatter = logging.Formatter(fmt)


def record(i):
    name = rnd.choice(["app_1.GnomeSort", "root", "caf\u00e9.\u65e5\u672c"])
    msg, args = rnd.choice([("plain %d" % i, ()), ("Sorting %d", (i,)), ("n=%d f=%.3f s=%s", (i, 2.5, "x")),
                            ("a=%s b=%r c=%s", ("\u00e9", None, True))])
    r = logging.LogRecord(name, rnd.choice([10, 20, 30, 40, 50]), "/tmp/app.py", rnd.randint(1, 999), msg, args or None, None,
                          func="sort")
    r.created = rnd.uniform(0, 2e9)
    r.msecs = int((r.created - int(r.created)) * 1000) + 0.0
    r.relativeCreated = rnd.uniform(0, 1e6)
    if i % 7 == 0:
        r.exc_text = "Traceback (most recent call last):\n  File \"app.py\", line 3\nValueError: caf\u00e9"
    if i % 11 == 0:
        r.stack_info = "Stack (most recent call last):\n  File \"app.py\", line 9"
    if i % 5 == 0:
        r.user = "M\u00f6"
    # As SocketHandler.makePickle sends it: the message formatted, no args.
    d = dict(r.__dict__)
    d["msg"] = r.getMessage()
    d["args"] = None
    d["exc_info"] = None
    d.pop("message", None)
    return d


with open(frames_out, "wb") as frames, open(text_out, "w", encoding="utf-8", newline="") as text:
    for i in range(count):
        payload = pickle.dumps(record(i), 1)
        frames.write(struct.pack(">L", len(payload)) + payload)
        text.write(formatter.format(logging.makeLogRecord(pickle.loads(payload))) + "\n")
