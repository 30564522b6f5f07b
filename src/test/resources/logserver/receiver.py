"""A Python receiver for SocketHandler frames, as the logging cookbook's
LogRecordStreamHandler reads them: 4-byte big-endian length, pickle.loads, then
logging.makeLogRecord. It checks each frame strictly and prints a JSON summary at the end.

usage: receiver.py EXPECTED_RECORDS
Prints "PORT <n>" once listening on 127.0.0.1, then, when EXPECTED_RECORDS records arrived
(or 60 s passed), one JSON line: records, connections, frames that are not byte for byte
pickle.dumps(record, 1) of what they decode to, messages per kind, bad messages, loggers.
"""
import json
import logging
import pickle
import re
import socket
import struct
import sys
import threading
import time

expected = int(sys.argv[1])
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1024)
print("PORT", server.getsockname()[1], flush=True)

lock = threading.Lock()
summary = {"records": 0, "connections": 0, "not_protocol_1": 0, "kinds": {}, "bad": [], "loggers": set(), "fields": None}
done = threading.Event()
PATTERNS = {
    "sorting": re.compile(r"sorting \d+ collections$"),
    "Sorting": re.compile(r"Sorting (\d+)$"),
    "Sorted": re.compile(r"Sorted (\d+) items in (\d+) steps, \d+\.\d{3} ms$"),
    "produced": re.compile(r"produced (\d+) entries, taking \d+\.\d{6} s$"),
}


def read_exactly(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve(conn):
    with conn:
        while True:
            header = read_exactly(conn, 4)
            if header is None:
                return
            payload = read_exactly(conn, struct.unpack(">L", header)[0])
            obj = pickle.loads(payload)
            record = logging.makeLogRecord(obj)
            message = record.getMessage()
            kind = next((k for k, p in PATTERNS.items() if p.match(message)), None)
            with lock:
                summary["records"] += 1
                if pickle.dumps(obj, 1) != payload:
                    summary["not_protocol_1"] += 1
                if summary["fields"] is None:
                    summary["fields"] = list(obj.keys())
                summary["loggers"].add(record.name)
                if kind is None or record.levelname != "INFO":
                    summary["bad"].append(message)
                else:
                    summary["kinds"][kind] = summary["kinds"].get(kind, 0) + 1
                if summary["records"] >= expected:
                    done.set()


def accept():
    while True:
        conn, _ = server.accept()
        with lock:
            summary["connections"] += 1
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


threading.Thread(target=accept, daemon=True).start()
done.wait(60)
time.sleep(0.2)  # anything beyond the expected count would show up now
with lock:
    summary["loggers"] = sorted(summary["loggers"])
    print(json.dumps(summary), flush=True)
