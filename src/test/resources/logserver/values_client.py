"""A real CPython SocketHandler client logging the values Python programs put in extra= that
JSON cannot hold (frozenset, OrderedDict, collections types, datetime types, complex, Decimal,
UUID, bytearray, pathlib paths), each in pickle protocols 1 (SocketHandler's), 2, 4 and 5, and
keeping in SENT what json.dumps(record, default=str) writes for each record sent: CPython's own
str() of every such value.

usage: values_client.py HOST PORT SENT
Prints "sent N" at the end.
"""
import collections
import datetime as dt
import decimal
import json
import logging
import logging.handlers
import pathlib
import pickle
import sys
import uuid

host, port, sent_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sent = open(sent_path, "w", encoding="ascii")
protocol = 1


class Handler(logging.handlers.SocketHandler):
    def makePickle(self, record):
        # SocketHandler.makePickle, in the protocol asked for; the oracle is json.dumps of the
        # very dict pickled, so a set's str() is in the order its pickle holds (a set loaded
        # again may iterate in another order: str() of it depends on the process's hash seed).
        d = dict(record.__dict__)
        d["msg"] = record.getMessage()
        d["args"] = None
        d["exc_info"] = None
        d.pop("message", None)
        payload = pickle.dumps(d, protocol)
        sent.write(json.dumps(d, default=str) + "\n")
        return len(payload).to_bytes(4, "big") + payload


utc2 = dt.timezone(dt.timedelta(hours=2), "CEST")
VALUES = [
    frozenset({1, 2, 3}), frozenset(), set(), {"a", "b", "c"}, {30, 1, 2}, {dt.date(2026, 1, 1)}, frozenset({(1, "x")}),
    collections.OrderedDict(b=1, a=[2]), collections.defaultdict(list, {"x": [1]}), collections.Counter("hello"),
    collections.deque([1, "a", None]), collections.deque(maxlen=3), collections.deque([dt.date(2026, 1, 2)], maxlen=5),
    dt.date(2026, 12, 4), dt.date(1, 1, 1), dt.datetime(2026, 12, 4, 5, 6, 7, 123456), dt.datetime(2026, 12, 4),
    dt.datetime(2026, 12, 4, 5, 6, 7, tzinfo=dt.timezone.utc),
    dt.datetime(2026, 12, 4, 5, 6, 7, 8, tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30))),
    dt.datetime(2026, 11, 1, 1, 30, fold=1), dt.time(5, 6), dt.time(5, 6, 7, 8, tzinfo=utc2), dt.time(23, 59, 59, 999999),
    dt.timedelta(days=-1, seconds=5, microseconds=3), dt.timedelta(0), dt.timedelta(days=2, hours=3), dt.timedelta(weeks=-3),
    dt.timezone.utc, utc2, dt.timezone(dt.timedelta(hours=3, seconds=7)),
    [dt.datetime(2026, 1, 1, 0, 0, 1), dt.time(0, 0, 0, 1), dt.timedelta(seconds=1)],
    complex(1, 2), complex(0, -1.5), complex(-0.0, 1), complex(1e16, float("inf")), complex(0.1, -2.5e-7), complex(3, 0),
    decimal.Decimal("1.50"), decimal.Decimal("-0"), decimal.Decimal("NaN"), decimal.Decimal("1E+3"), decimal.Decimal("-Infinity"),
    uuid.UUID("12345678-1234-5678-1234-567812345678"), uuid.UUID(int=0), uuid.uuid4(),
    bytearray(b"a\x00'\"\xff"), bytearray(),
    pathlib.PurePosixPath("/tmp/x"), pathlib.Path("a/b"), pathlib.PurePosixPath(), pathlib.PurePosixPath("//srv/x/"),
    pathlib.PureWindowsPath("C:/Users/x"), pathlib.Path("/"),
    int, collections.OrderedDict,
    (frozenset({2}), {"d": dt.date(2026, 1, 3)}, [decimal.Decimal("2"), complex(1, 1), b"raw"]),
]

handler = Handler(host, port)
logger = logging.getLogger("values")
logger.propagate = False
logger.addHandler(handler)
logger.setLevel(logging.DEBUG)
n = 0
for protocol in (1, 2, 4, 5):
    for i, v in enumerate(VALUES):
        logger.info("value %d", i, extra={"v": v, "str": str(v)})
        n += 1
logger.info("and the connection goes on")
n += 1
handler.close()
sent.close()
print("sent", n, flush=True)
