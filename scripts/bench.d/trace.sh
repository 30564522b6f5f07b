# What --trace costs the quiet dinner (issue 15): `deli philosophers --eat 0 --think 0 --quiet`
# untraced, with --trace-sample 0.01 and with every message traced, in process (a JVM per case,
# DINNERS dinners each, the first dropped as warm-up; the cases take turns, ROUNDS rounds). The
# harness is src/test/java/deli/trace/bench/TraceBench.java, compiled here against deli's jar.
# Besides wall meals/s it reports meals per CPU-second of the dinner's thread, of the dinner's
# and the trace writer's threads together, and of the whole process while they worked (GC and
# JIT included): on a shared machine the wall figures swing, the CPU ones far less.
# ROUNDS (default 3), DINNERS (4), SERVINGS untraced (100000), TRACED_SERVINGS (20000),
# CASES (untraced,sample,all); BUILDS='label=classpath ...' compares builds (default: this one).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jar="$DELI_ROOT/target/deli.jar"
builds="${BUILDS:-this=$jar}"
first="${builds%% *}"
javac -nowarn -d "$tmp/bench" -cp "${first#*=}" "$DELI_ROOT/src/test/java/deli/trace/bench/TraceBench.java"
python3 "$DELI_ROOT/scripts/bench.d/trace_bench.py" --harness "$tmp/bench" --dir "$tmp" \
  --rounds "${ROUNDS:-3}" --dinners "${DINNERS:-4}" --servings "${SERVINGS:-100000}" \
  --traced-servings "${TRACED_SERVINGS:-20000}" --cases "${CASES:-untraced,sample,all}" \
  --config "$DELI_ROOT/application.conf" $builds
