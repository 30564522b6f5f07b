# deli's cluster on this machine: the chapter's factor workload (40,960 9-digit numbers, the
# list random.seed(42) draws) as POST /factor jobs on a cluster of 1 node, then of 3 nodes,
# all on 127.0.0.1; then messages per second across nodes, with one-number batches.
# Every node shares the same cores: 3 nodes cannot be faster than 1 here; this measures what
# spreading costs. ROUNDS=N timed jobs per case (default 30), after 20 jobs of warm-up.
set -euo pipefail
input="$BASELINES/factor_input.txt"
rounds="${ROUNDS:-30}"
warmup=20
tmp=$(mktemp -d)
export DELI_CLUSTER_DIR="$tmp/cluster"
base="${BENCH_BASE_PORT:-27400}"
cluster="$DELI_ROOT/scripts/cluster"
post="python3 $DELI_ROOT/scripts/bench.d/cluster_post.py"
trap '"$cluster" stop >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

echo "Cluster on 127.0.0.1, $(nproc) cores shared by every node; each case: $warmup jobs of"
echo "warm-up, then $rounds timed jobs (HTTP, JSON in and out, factoring, spreading)."
echo

"$cluster" start 1 --base-port "$base" >/dev/null
$post "http://127.0.0.1:$((base + 1))" "$input" "$rounds" "$warmup" "1 node" "$tmp/one.json"
"$cluster" stop >/dev/null

"$cluster" start 3 --base-port "$base" >/dev/null
$post "http://127.0.0.1:$((base + 1))" "$input" "$rounds" "$warmup" "3 nodes" "$tmp/three.json"
"$cluster" stop >/dev/null

python3 - "$tmp/one.json" "$tmp/three.json" <<'PY'
import json, sys
one, three = (json.load(open(p))["median"] for p in sys.argv[1:3])
print(f"3 nodes / 1 node, time per job: {three / one:.2f}x")
PY

echo
echo "Messages across nodes: 3 nodes, one number per batch (batch-size 1, 64 batches at each"
echo "pool at a time), so each batch is a FactorBatch out and a BatchFactored back:"
JAVA_OPTS="-Ddeli.cluster.factor.batch-size=1 -Ddeli.cluster.factor.window=64" \
  "$cluster" start 3 --base-port "$base" >/dev/null
$post "http://127.0.0.1:$((base + 1))" "$input" 5 3 "3 nodes, 1-number batches" "$tmp/msgs.json"
"$cluster" stop >/dev/null
python3 - "$tmp/msgs.json" "$base" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
med, spread, rounds = r["median"], r["batches"], r["rounds"]
local = f"127.0.0.1:{int(sys.argv[2]) + 101}"
remote = sum(b for n, b in spread.items() if n != local) / rounds
print(f"  per job: {remote:,.0f} batches went to the other two nodes: {2 * remote:,.0f} messages across nodes"
      f" in {med * 1000:.0f} ms, {2 * remote / med:,.0f} messages/s across nodes"
      f" ({sum(spread.values()) / rounds * 2 / med:,.0f} messages/s between the job and all pools)")
PY
