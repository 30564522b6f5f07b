# deli's cluster across hosts (scripts/cluster start N --hosts: network namespaces on this
# machine, artery over TLS, a token on HTTP; needs root): the chapter's factor workload as
# POST /factor jobs on 1 host, then on 3 hosts; messages per second across hosts; then a host
# cut off in the middle of a job (host 3, then host 1, the first seed), with the pools slowed
# down (pause-per-number) so that the job lasts long enough to be cut. ROUNDS=N timed jobs per
# case (default 30), after 20 jobs of warm-up.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "hosts: needs root (network namespaces)"; exit 0; }
input="$BASELINES/factor_input.txt"
rounds="${ROUNDS:-30}"
warmup=20
tmp=$(mktemp -d)
export DELI_CLUSTER_DIR="$tmp/cluster"
cluster="$DELI_ROOT/scripts/cluster"
post="python3 $DELI_ROOT/scripts/bench.d/cluster_post.py"
trap '"$cluster" stop >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

echo "Cluster of hosts (network namespaces, one bridge), $(nproc) cores shared by every node; each"
echo "case: $warmup jobs of warm-up, then $rounds timed jobs (HTTP with the token, JSON, factoring, TLS)."
echo

"$cluster" start 1 --hosts >/dev/null
DELI_TOKEN=$("$cluster" token) $post http://10.77.0.1:8080 "$input" "$rounds" "$warmup" "1 host" "$tmp/one.json"
"$cluster" stop >/dev/null

"$cluster" start 3 --hosts >/dev/null
DELI_TOKEN=$("$cluster" token) $post http://10.77.0.1:8080 "$input" "$rounds" "$warmup" "3 hosts" "$tmp/three.json"
"$cluster" stop >/dev/null

python3 - "$tmp/one.json" "$tmp/three.json" <<'PY'
import json, sys
one, three = (json.load(open(p))["median"] for p in sys.argv[1:3])
print(f"3 hosts / 1 host, time per job: {three / one:.2f}x")
PY

echo
echo "Messages across hosts: 3 hosts, one number per batch (batch-size 1, 64 batches at each"
echo "pool at a time), so each batch is a FactorBatch out and a BatchFactored back, over TLS:"
JAVA_OPTS="-Ddeli.cluster.factor.batch-size=1 -Ddeli.cluster.factor.window=64" "$cluster" start 3 --hosts >/dev/null
DELI_TOKEN=$("$cluster" token) $post http://10.77.0.1:8080 "$input" 5 3 "3 hosts, 1-number batches" "$tmp/msgs.json"
"$cluster" stop >/dev/null
python3 - "$tmp/msgs.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
med, spread, rounds = r["median"], r["batches"], r["rounds"]
remote = sum(b for n, b in spread.items() if n != "10.77.0.1:25520") / rounds
print(f"  per job: {remote:,.0f} batches went to the other two hosts: {2 * remote:,.0f} messages across hosts"
      f" in {med * 1000:.0f} ms, {2 * remote / med:,.0f} messages/s across hosts")
PY

echo
echo "A host cut off mid-job (pause-per-number 1ms; SBR keep-majority, stable-after 7 s):"
for cut_entry in "3 1" "1 2"; do
  set -- $cut_entry
  JAVA_OPTS="-Ddeli.cluster.factor.pause-per-number=1ms" "$cluster" start 3 --hosts >/dev/null
  DELI_TOKEN=$("$cluster" token) python3 "$DELI_ROOT/scripts/bench.d/hosts_partition.py" "$cluster" "$DELI_CLUSTER_DIR" "$input" "$1" "$2"
  "$cluster" stop >/dev/null
done
