#!/usr/bin/env python3
"""Hard numbers by size, deli factor against GNU factor: for each class (primes, semiprimes
with two factors of equal size, the issue's three 39-43-digit numbers with 17-22-digit
factors), the numbers are drawn from a fixed seed, written one per line, factored by each,
and the outputs compared. Time per number: GNU factor's whole process over the class's list
(its start-up is a millisecond); deli's own --stats time of the run (JVM start-up excluded),
after one round of JIT warm-up (--repeat 2, last round) for the classes that take under a
few seconds (FACTOR_HARD_REPEAT=N: N rounds instead, the last one timed, to see deli's JIT-warm
speed). A GNU run longer than GNU_TIMEOUT seconds (default 300) is stopped and shown as such.

usage: factor_hard.py DELI_COMMAND
"""
import os
import random
import re
import subprocess
import sys
import tempfile
import time

rng = random.Random(20261204)
GNU_TIMEOUT = float(os.environ.get("GNU_TIMEOUT", "300"))
REPEAT = os.environ.get("FACTOR_HARD_REPEAT", "2")


def is_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(bits):
    while True:
        n = rng.getrandbits(bits) | (1 << (bits - 1)) | 1
        if is_prime(n):
            return n


def prime_digits(digits):
    while True:
        n = rng.randrange(10 ** (digits - 1), 10 ** digits) | 1
        if is_prime(n):
            return n


CLASSES = [
    ("primes, 64 bits", [prime(64) for _ in range(200)]),
    ("primes, 96 bits", [prime(96) for _ in range(200)]),
    ("primes, 127 bits", [prime(127) for _ in range(200)]),
    ("primes, 200 bits", [prime(200) for _ in range(50)]),
    ("semiprimes, 64 bits (32 x 32)", [prime(32) * prime(32) for _ in range(100)]),
    ("semiprimes, 80 bits (40 x 40)", [prime(40) * prime(40) for _ in range(20)]),
    ("semiprimes, 96 bits (48 x 48)", [prime(48) * prime(48) for _ in range(5)]),
    ("semiprimes, 112 bits (56 x 56)", [prime(56) * prime(56) for _ in range(2)]),
    ("semiprimes, 127 bits (63 x 64)", [prime(63) * prime(64) for _ in range(1)]),
    ("39-43 digits, 17-22-digit factors", [prime_digits(17) * prime_digits(22), prime_digits(19) * prime_digits(21),
                                           prime_digits(21) * prime_digits(22)]),
]


def main():
    deli = sys.argv[1].split()
    tmp = tempfile.mkdtemp()
    print("| class | numbers | GNU factor, per number | deli factor, per number | GNU / deli |")
    print("| --- | ---: | ---: | ---: | ---: |")
    # FACTOR_HARD_CLASSES="primes, 64;semiprimes, 64": only the classes whose names start so (the
    # numbers stay the same: every class is still drawn, in order, from the one seed).
    only = [c.strip() for c in os.environ.get("FACTOR_HARD_CLASSES", "").split(";") if c.strip()]
    for name, numbers in CLASSES:
        if only and not any(name.startswith(o) for o in only):
            continue
        path = os.path.join(tmp, "in.txt")
        with open(path, "w") as f:
            f.write("".join(f"{n}\n" for n in numbers))
        with open(path) as f:
            start = time.monotonic()
            try:
                gnu = subprocess.run(["factor"], stdin=f, capture_output=True, text=True, timeout=GNU_TIMEOUT)
                gnu_s, gnu_out = time.monotonic() - start, gnu.stdout
            except subprocess.TimeoutExpired:
                gnu_s, gnu_out = None, None
        light = gnu_s is not None and gnu_s < 5
        run = subprocess.run(deli + ["factor", "--stats", "--file", path] + (["--repeat", REPEAT] if light else []),
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"deli factor failed on {name}: {run.stderr}")
        rounds = re.findall(r"round \d+ of \d+: [\d,]+ numbers in ([\d.]+) s", run.stderr)
        stats = re.search(r"deli factor: [\d,]+ numbers in ([\d.]+) s", run.stderr)
        deli_s = float(rounds[-1]) if rounds else float(stats.group(1))
        for n, line in zip(numbers, run.stdout.splitlines()):
            factors = [int(x) for x in line.split(":")[1].split()]
            product = 1
            for p in factors:
                product *= p
            if product != n or not all(is_prime(p) for p in factors) or factors != sorted(factors):
                sys.exit(f"deli factor is wrong on {n}: {line}")
        if gnu_out is not None and gnu_out != run.stdout:
            sys.exit(f"deli factor's output differs from GNU factor's on {name}")
        count = len(numbers)
        gnu_text = f"> {GNU_TIMEOUT:.0f} s (stopped)" if gnu_s is None else fmt(gnu_s / count)
        ratio = "" if gnu_s is None else f"{gnu_s / deli_s:.1f}x"
        print(f"| {name} | {count} | {gnu_text} | {fmt(deli_s / count)} | {ratio} |", flush=True)


def fmt(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


if __name__ == "__main__":
    main()
