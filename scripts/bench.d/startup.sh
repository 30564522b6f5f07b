# Whole-command times of deli's commands on each JVM the launcher can use, against their peers,
# in one run: deli as scripts/deli picks it (a JDK 25 with its ahead-of-time cache, where the
# machine has one), deli on Java 17 with its class-data-sharing archive (DELI_JAVA), and, with
# STARTUP_BEFORE=PATH, another launcher (an older build's scripts/deli) as "before". Commands:
# factor 42, the chapter's 40,960 numbers x 50 (2,048,000) against GNU factor, one search of the
# Python library against grep, chefs, and tune on scikit-learn's digits against GridSearchCV.
# STARTUP_ONLY=factor42,list,search,chefs,tune picks some.
set -euo pipefail
java17="${STARTUP_JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64}"
only=",${STARTUP_ONLY:-factor42,list,search,chefs,tune},"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

variants=("deli=$DELI")
[ -x "$java17/bin/java" ] && variants+=("deli on Java 17=DELI_JAVA=$java17 $DELI")
[ -n "${STARTUP_BEFORE:-}" ] && variants+=("before=$STARTUP_BEFORE")
echo "JVMs: scripts/deli picks $("$DELI" --version | sed -n 2p); with DELI_JAVA=$java17: $(DELI_JAVA="$java17" "$DELI" --version | sed -n 2p)"
# Each launcher trains its archive on its first run after a build: done above, not timed.
[ -n "${STARTUP_BEFORE:-}" ] && "$STARTUP_BEFORE" --version >/dev/null

# measure LABEL SUFFIX PEER: every variant running "SUFFIX", then the peer.
measure() {
  local cases=() v
  for v in "${variants[@]}"; do cases+=(--case "${v%%=*} $1=${v#*=} $2"); done
  [ -n "$3" ] && cases+=(--case "$3")
  $MEASURE --cpu "${cases[@]}"
}

case "$only" in *,factor42,*)
  echo; echo "factor 42, $RUNS runs:"
  measure factor "factor 42" "GNU factor=factor 42" ;;
esac
case "$only" in *,list,*)
  for _ in $(seq 50); do cat "$BASELINES/factor_input.txt"; done >"$tmp/list.txt"
  echo; echo "factor of the chapter's 40,960 numbers x 50 ($(wc -l <"$tmp/list.txt") numbers), output to /dev/null, $RUNS runs:"
  measure factor "factor --file $tmp/list.txt" "GNU factor=factor <$tmp/list.txt" ;;
esac
case "$only" in *,search,*)
  lib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
  echo; echo "one search for 'import' in $lib ($(find "$lib" -name '*.py' | wc -l) *.py files), $RUNS runs:"
  measure search "search --root $lib import" "grep -rF=grep -rF --include='*.py' import $lib" ;;
esac
case "$only" in *,chefs,*)
  echo; echo "chefs --seed 42 --prep 0, $RUNS runs:"
  measure chefs "chefs --seed 42 --prep 0" "" ;;
esac
case "$only" in *,tune,*)
  if /usr/bin/python3 -c "import sklearn" >/dev/null 2>&1; then
    /usr/bin/python3 "$DELI_ROOT/scripts/bench.d/tune_data.py" "$tmp"
    echo; echo "tune on digits (1,797 rows, 64 features; the book's grid), $RUNS runs:"
    measure tune "tune $tmp/digits.data --quiet" \
      "GridSearchCV, 2 jobs=/usr/bin/python3 $DELI_ROOT/scripts/bench.d/sklearn_grid.py $tmp/digits.data --quiet --jobs 2"
  else
    echo; echo "tune: no python3-sklearn for /usr/bin/python3 (scripts/bench tune installs it): left out"
  fi ;;
esac
