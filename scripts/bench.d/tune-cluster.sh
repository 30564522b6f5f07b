# deli tune over the cluster on this machine: POST /tune with scikit-learn's digits set (1,797
# rows, 64 features, in the book's format) and the book's grid, on a cluster of 1 node, then of
# 3 nodes, all on 127.0.0.1. Every node shares the same cores: 3 nodes cannot be faster than 1
# here; this measures what spreading a tuning job costs. ROUNDS=N timed jobs per case (default
# 15), after 5 jobs of warm-up. Needs Debian's python3-sklearn for the data.
set -euo pipefail
rounds="${ROUNDS:-15}"
warmup=5
tmp=$(mktemp -d)
export DELI_CLUSTER_DIR="$tmp/cluster"
base="${BENCH_BASE_PORT:-27500}"
cluster="$DELI_ROOT/scripts/cluster"
post="python3 $DELI_ROOT/scripts/bench.d/tune_post.py"
trap '"$cluster" stop >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
/usr/bin/python3 "$DELI_ROOT/scripts/bench.d/tune_data.py" "$tmp" >/dev/null
echo "Cluster on 127.0.0.1, $(nproc) cores shared by every node; each case: $warmup jobs of"
echo "warm-up, then $rounds timed POST /tune jobs (digits, k 1..39 step 2 x ED, MD, CD, SD)."
echo
"$cluster" start 1 --base-port "$base" >/dev/null
$post "http://127.0.0.1:$((base + 1))" "$tmp/digits.data" "$rounds" "$warmup" "1 node" "$tmp/one.json"
"$cluster" stop >/dev/null
"$cluster" start 3 --base-port "$base" >/dev/null
$post "http://127.0.0.1:$((base + 1))" "$tmp/digits.data" "$rounds" "$warmup" "3 nodes" "$tmp/three.json"
"$cluster" stop >/dev/null
python3 - "$tmp/one.json" "$tmp/three.json" <<'PY'
import json, sys
one, three = (json.load(open(p))["median"] for p in sys.argv[1:3])
print(f"3 nodes / 1 node, time per job: {three / one:.2f}x")
PY
