# deli factor against the chapter's prime_factors on Pool.map and GNU factor, on the chapter's
# 40,960 9-digit numbers (factor_input.txt, the list random.seed(42) draws), in one run.
set -euo pipefail
input="$BASELINES/factor_input.txt"
count=$(wc -l < "$input")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$DELI factor --file "$input" > "$tmp/deli.txt"
factor < "$input" > "$tmp/gnu.txt"
if cmp -s "$tmp/deli.txt" "$tmp/gnu.txt"; then
  echo "deli factor's output is GNU factor's, byte for byte ($count numbers)."
else
  echo "deli factor's output DIFFERS from GNU factor's" >&2
  exit 1
fi

echo
echo "Whole commands on the $count numbers, $RUNS runs (JVM start included for deli):"
$MEASURE \
  --case "deli factor=$DELI factor --file $input" \
  --case "python prime_factors.py (Pool.map)=python3 $BASELINES/prime_factors.py --count $count --mode pool --quiet" \
  --case "GNU factor=factor < $input"

echo
echo "Steady state, numbers/s: deli inside one JVM, 30 rounds over the list (--repeat, JIT warm,"
echo "median of the last 10 rounds, printing excluded), against GNU factor on the list x20:"
for _ in $(seq 20); do cat "$input"; done > "$tmp/x20.txt"
$DELI factor --file "$input" --repeat 30 2>&1 >/dev/null | python3 -c '
import re, statistics, sys
rates = [int(m.group(1).replace(",", "")) / float(m.group(2))
         for m in (re.search(r"round \d+ of \d+: ([\d,]+) numbers in ([\d.]+) s", l) for l in sys.stdin) if m]
print(f"deli factor, {len(rates)} rounds: last 10 median {statistics.median(rates[-10:]) / 1e6:.2f} M numbers/s")'
python3 - "$tmp/x20.txt" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
path, runs = sys.argv[1], int(sys.argv[2])
n = sum(1 for _ in open(path))
walls = []
for _ in range(runs):
    with open(path) as f:
        start = time.monotonic()
        subprocess.run(["factor"], stdin=f, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.monotonic() - start)
print(f"GNU factor, {n:,} numbers, median of {runs} runs: {n / statistics.median(walls) / 1e6:.2f} M numbers/s")
PY

echo
echo "Hard numbers by size (issue 17): time per number, GNU factor's whole process against deli's"
echo "own time for the run (JVM start excluded, after a warm-up round where the class is light);"
echo "every deli answer checked (product, primality, order) and equal to GNU's where GNU finished:"
python3 "$DELI_ROOT/scripts/bench.d/factor_hard.py" "$DELI"
