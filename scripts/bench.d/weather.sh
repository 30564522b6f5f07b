# deli weather against the chapter's MarineWX (asyncio + httpx): 1,000 zones fetched from the
# fixture server (deli weather serve) with 50 ms latency per request, both clients with at
# most 100 connections (the baseline's --limit default), printing only the summary line.
set -euo pipefail
n=1000
latency=50ms
limit=100
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The chapter's program needs httpx; install it from the wheels beside it when missing.
if ! python3 -c 'import httpx' 2>/dev/null; then
  python3 -m pip install -q --no-index --find-links "$BASELINES/wheels" httpx >&2
fi

# 1,000 forecasts in the NWS's shape, half with an advisory, named as the chapter's program
# names zones beyond its 13 (Zone i, ANZiii), and a zones file that tells deli the same zones.
mkdir -p "$work/docs"
python3 - "$work" "$n" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/zones.txt", "w") as zones:
    for i in range(n):
        code = f"ANZ{i:03d}"
        zones.write(f"{code} 073{i:03d} Zone {i}\n")
        advisory = f"...SMALL CRAFT ADVISORY IN EFFECT FROM 6 PM THIS EVENING THROUGH\nLATE TONIGHT...\n\n" if i % 2 == 0 else ""
        with open(f"{work}/docs/{code.lower()}.txt", "w") as doc:
            doc.write(
                "Expires:202611250415;;482615\nFZUS51 KLWX 241538\nCWFLWX\n\n"
                "Coastal Waters Forecast for Chesapeake Bay and Tidal Potomac\n"
                "National Weather Service Baltimore MD/Washington DC\n1038 AM EST Tue Nov 24 2026\n\n"
                f"{code}-250415-\nZone {i}-\n1038 AM EST Tue Nov 24 2026\n\n{advisory}"
                ".REST OF TODAY...NW winds 15 to 20 kt with gusts up to 25 kt.\nWaves 2 to 3 ft.\n"
                ".TONIGHT...NW winds 10 to 15 kt. Waves 1 to 2 ft.\n"
                ".WED...W winds 5 to 10 kt. Waves 1 foot or less.\n\n$$\n")
PY

$DELI weather serve "$work/docs" --latency "$latency" >"$work/serve.out" 2>&1 &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.out" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.out" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "weather: the fixture server did not start" >&2; cat "$work/serve.out" >&2; exit 1; }

deli_cmd="$DELI weather --zones $work/zones.txt --base-url $url --concurrency $limit --quiet"
py_cmd="python3 $BASELINES/marine_wx.py --base-url $url --count $n --limit $limit --quiet"
echo "$n zones, $latency latency each, at most $limit connections; ideal: $(( (n + limit - 1) / limit )) x $latency."
echo "Each program's own figure (timed inside, after start-up): deli: $($deli_cmd | tail -1); python: $($py_cmd | tail -1)."
echo "Whole commands, $RUNS runs:"
$MEASURE --case "deli weather=$deli_cmd" --case "python marine_wx.py=$py_cmd"
