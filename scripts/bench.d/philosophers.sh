# deli philosophers against the chapter's asyncio dinner with zero sleeps (sleep-scale 0):
# faculty 5, 100,000 servings = 500,000 meals, timeless (--eat 0 --think 0).
set -euo pipefail
f=5
s=100000
echo "Meals per second inside each program, $RUNS runs each, taking turns (deli's JIT warms up during its run):"
python3 - "$RUNS" "$f" "$s" "$BASELINES/philosophers.py" "$DELI" <<'PY'
import re, statistics, subprocess, sys
runs, f, s, baseline, deli = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
cases = {
    "python philosophers.py --sleep-scale 0": (
        ["python3", baseline, "--faculty", f, "--servings", s, "--sleep-scale", "0"], "stderr", r"meals_per_s=([0-9.]+)"),
    "deli philosophers --quiet": (
        [deli, "philosophers", "--faculty", f, "--servings", s, "--eat", "0", "--think", "0", "--quiet"], "stdout", r"\(([0-9,.]+) meals/s\)"),
    "deli philosophers (every line, into a pipe)": (
        [deli, "philosophers", "--faculty", f, "--servings", s, "--eat", "0", "--think", "0"], "last", r"\(([0-9,.]+) meals/s\)"),
}
rates = {k: [] for k in cases}
for _ in range(runs):
    for label, (cmd, where, pattern) in cases.items():
        out = subprocess.DEVNULL if where == "stderr" else subprocess.PIPE
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
        if where == "last":
            # 1.1 million lines, read and dropped as they come, like the baseline's into /dev/null
            last = ""
            for line in p.stdout:
                last = line
            text = last
        else:
            text = p.stdout.read() if where == "stdout" else ""
        err = p.stderr.read()
        if p.wait() != 0:
            sys.exit(f"{label} failed: {err}")
        text = err if where == "stderr" else text
        rates[label].append(float(re.search(pattern, text).group(1).replace(",", "")))
base = statistics.median(rates["python philosophers.py --sleep-scale 0"])
print("| case | median meals/s | min | max | vs python |")
print("| --- | ---: | ---: | ---: | ---: |")
for label, r in rates.items():
    print(f"| {label} | {statistics.median(r):,.0f} | {min(r):,.0f} | {max(r):,.0f} | {statistics.median(r) / base:.2f}x |")
PY
echo
echo "Fairness, dining continuously for 10 s (no servings):"
$DELI philosophers --faculty $f --eat 0 --think 0 --continuous 10s --quiet
echo
echo "Whole commands (JVM start-up included), $RUNS runs:"
$MEASURE \
  --case "deli philosophers --quiet=$DELI philosophers --faculty $f --servings $s --eat 0 --think 0 --quiet" \
  --case "deli philosophers=$DELI philosophers --faculty $f --servings $s --eat 0 --think 0" \
  --case "python philosophers.py=python3 $BASELINES/philosophers.py --faculty $f --servings $s --sleep-scale 0"
echo
echo "Dispatchers and collectors for the same quiet dinner, meals/s inside the process, median of $RUNS runs each (taking turns):"
python3 - "$RUNS" "$f" "$s" "$DELI" <<'PY'
import os, re, statistics, subprocess, sys
runs, f, s, deli = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
d = "-Ddeli.philosophers-dispatcher"
variants = {
    "deli.philosophers-dispatcher: fork-join, 1 thread, throughput 100 (the default)": "",
    "the same, throughput 5": f"{d}.throughput=5",
    "fork-join, 2 threads": f"{d}.fork-join-executor.parallelism-min=2 {d}.fork-join-executor.parallelism-max=2",
    "thread-pool-executor, 1 thread": f"{d}.executor=thread-pool-executor {d}.thread-pool-executor.fixed-pool-size=1",
    "affinity-pool-executor, 1 thread": f"{d}.executor=affinity-pool-executor {d}.affinity-pool-executor.parallelism-min=1 {d}.affinity-pool-executor.parallelism-max=1",
    "Pekko's default dispatcher (fork-join, 8 threads, throughput 5)": "-Ddeli.philosophers.dispatcher=",
    "the default, with -XX:+UseParallelGC": "-XX:+UseParallelGC",
    "the default, with -XX:+UseSerialGC": "-XX:+UseSerialGC",
}
rates = {k: [] for k in variants}
cmd = [deli, "philosophers", "--faculty", f, "--servings", s, "--eat", "0", "--think", "0", "--quiet"]
for _ in range(runs):
    for label, opts in variants.items():
        env = dict(os.environ, JAVA_OPTS=opts)
        out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=True).stdout
        rates[label].append(float(re.search(r"\(([0-9,.]+) meals/s\)", out).group(1).replace(",", "")))
first = statistics.median(next(iter(rates.values())))
print("| dispatcher | median meals/s | min | max | vs the default |")
print("| --- | ---: | ---: | ---: | ---: |")
for label, r in rates.items():
    print(f"| {label} | {statistics.median(r):,.0f} | {min(r):,.0f} | {max(r):,.0f} | {statistics.median(r) / first:.2f}x |")
PY
