# The cost of watching the live page (GET /, GET /events): meals/s of a timeless continuous
# dinner on one node with no viewer, with the page open in headless Chromium, and with VIEWERS
# (default 50) clients of /events at once. ROUNDS=N rounds (default 5), SECONDS per dinner (5s).
set -euo pipefail
tmp=$(mktemp -d)
port="${BENCH_BASE_PORT:-27600}"
"$DELI" node --http-port "$port" --cluster-port 0 --log-port 0 --log-out "$tmp/one.log" >"$tmp/node.out" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 120); do grep -q " up: http://" "$tmp/node.out" && break; sleep 0.5; done
grep -q " up: http://" "$tmp/node.out" || { cat "$tmp/node.out" >&2; exit 1; }
python3 "$DELI_ROOT/scripts/bench.d/page_watch.py" "http://127.0.0.1:$port" "${ROUNDS:-5}" "${SECONDS_PER_DINNER:-5s}" "${VIEWERS:-50}"
