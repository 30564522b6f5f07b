"""Writes pickled log-record dicts the way logging.SocketHandler frames them, and what the
chapter's serialize() writes for each: json.dumps(pickle.loads(payload)) plus a newline.

usage: records.py FRAMES_OUT JSON_OUT COUNT SEED

The records mix what real records hold with what json.dumps has to get exactly right: floats
from random bit patterns (subnormals, 1e-05, 1e+16, NaN, inf), ints of every size, non-ASCII
text, astral characters, lone surrogates, control characters, nested lists, tuples and dicts,
non-str keys, and every pickle protocol.
"""
import json
import logging
import math
import pickle
import random
import struct
import sys

frames_out, json_out, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(seed)

TEXT = ["", "plain", "caf\u00e9", "\u65e5\u672c\u8a9e", "emoji \U0001F600 \U0001F9EA", "quote \" back \\ slash",
        "tab\there\nnewline\r\x00\x1f\x7f\x80\x9f", "lone \ud800 surrogate", "\udfff", "\u2028\u2029",
        "</script>", "'single'", "a" * 300, "\U0010FFFF"]


def a_float():
    kind = rnd.random()
    if kind < 0.4:
        bits = rnd.getrandbits(64)
        return struct.unpack(">d", struct.pack(">Q", bits))[0]
    if kind < 0.6:
        return rnd.choice([0.0, -0.0, 1e-05, 1e-4, 0.0001, 1e16, 1e15, 9999999999999998.0, 1e22, 1e23,
                           5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 0.2, 0.30000000000000004,
                           float("nan"), float("inf"), float("-inf"), 123456789.0, 1.5, 100.0, 2.5e-5, 64.0])
    if kind < 0.8:
        return rnd.uniform(-1e6, 1e6)
    return rnd.random() * 10 ** rnd.randint(-30, 30)


def an_int():
    return rnd.choice([0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**63, -2**63 - 1,
                       2**64 + 7, 10**100, -(10**200), rnd.getrandbits(rnd.randint(1, 900)), rnd.randint(-10**6, 10**6)])


def a_value(depth=0):
    kind = rnd.randint(0, 11 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rnd.random() < 0.5
    if kind in (2, 3):
        return an_int()
    if kind in (4, 5):
        return a_float()
    if kind == 6:
        return rnd.choice(TEXT) + str(rnd.randint(0, 99))
    if kind in (7, 8):
        return [a_value(depth + 1) for _ in range(rnd.randint(0, 4))]
    if kind == 9:
        return tuple(a_value(depth + 1) for _ in range(rnd.randint(0, 4)))
    keys = [rnd.choice(TEXT) + str(i) for i in range(rnd.randint(0, 4))]
    d = {k: a_value(depth + 1) for k in keys}
    if rnd.random() < 0.3:
        d[rnd.choice([1, -7, 2**70, 1.5, float("nan"), True, False, None])] = a_value(depth + 1)
    return d


def a_record(i):
    name = rnd.choice(["app_%d.BogoSort" % i, "root", "app.\u00e9t\u00e9", "x" * 50])
    record = logging.makeLogRecord({
        "name": name, "msg": "Sorted %d items in %d steps, %.3f ms", "args": (rnd.randint(3, 10), rnd.randint(0, 3628800), rnd.random() * 1000),
        "levelname": "INFO", "levelno": 20, "pathname": "/tmp/demo/app.py", "filename": "app.py", "module": "app",
        "lineno": rnd.randint(1, 500), "funcName": "sort", "created": rnd.uniform(0, 2e9), "thread": rnd.getrandbits(47),
        "threadName": "MainThread", "processName": "MainProcess", "process": rnd.randint(1, 4194304),
    })
    d = dict(record.__dict__)
    d["msg"] = record.getMessage()
    d["args"] = None
    d["exc_info"] = None
    d.pop("message", None)
    for j in range(rnd.randint(0, 6)):
        d["extra_%d_%s" % (j, rnd.choice(TEXT)[:8])] = a_value()
    if i % 50 == 0:
        d["floats"] = [a_float() for _ in range(300)]
    if rnd.random() < 0.2:
        d["exc_text"] = "Traceback (most recent call last):\n  File \"app.py\", line 3\nValueError: caf\u00e9"
    return d


with open(frames_out, "wb") as frames, open(json_out, "wb") as out:
    for i in range(count):
        d = a_record(i)
        protocol = 1 if i % 3 else i % (pickle.HIGHEST_PROTOCOL + 1)
        payload = pickle.dumps(d, protocol)
        frames.write(struct.pack(">L", len(payload)) + payload)
        out.write((json.dumps(pickle.loads(payload)) + "\n").encode("ascii"))
