# deli tune against the book's knn_tuning.py (a pool of 2 workers, and --serial) and scikit-learn's
# GridSearchCV(n_jobs=2) (sklearn_grid.py), on Iris and scikit-learn's bundled breast_cancer and
# digits sets written in the book's format: the book's grid (k 1..39 step 2 x ED, MD, CD, SD) and
# split (every 5th row tests), whole commands and in-process times. The book's program on digits
# (minutes) only with TUNE_BOOK_DIGITS=1. Needs Debian's python3-sklearn (installed if missing).
set -euo pipefail
if ! /usr/bin/python3 -c "import sklearn" >/dev/null 2>&1; then
  echo "bench tune: installing python3-sklearn (apt-get install -y python3-sklearn)" >&2
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get install -y -q python3-sklearn >/dev/null 2>&1 \
    || { $sudo_ apt-get update -q >/dev/null 2>&1 && $sudo_ apt-get install -y -q python3-sklearn >/dev/null 2>&1; } \
    || echo "bench tune: python3-sklearn could not be installed: Iris only, no GridSearchCV rows" >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$DELI_ROOT/src/main/resources/deli/tune/iris.data" "$tmp/iris.data"
if /usr/bin/python3 -c "import sklearn" >/dev/null 2>&1; then
  # Rewrites iris.data too, byte for byte the same (tune_data.py's docstring).
  /usr/bin/python3 "$DELI_ROOT/scripts/bench.d/tune_data.py" "$tmp"
fi
extra=()
[ "${TUNE_BOOK_DIGITS:-0}" = 1 ] && extra+=(--book-digits)
# TUNE_ALSO: more delis timed in the same rounds, one 'LABEL=COMMAND' a line (e.g. deli on
# another JVM: 'deli tune, Java 17=DELI_JAVA=/usr/lib/jvm/java-17-openjdk-amd64 scripts/deli').
while IFS= read -r also; do
  [ -n "$also" ] && extra+=(--also "$also")
done <<<"${TUNE_ALSO:-}"
extra+=(--sets "${TUNE_SETS:-iris,breast_cancer,digits}")
python3 "$DELI_ROOT/scripts/bench.d/tune.py" --data "$tmp" --deli "$DELI" --book "$BASELINES/knn_tuning.py" \
  --sklearn "$DELI_ROOT/scripts/bench.d/sklearn_grid.py" --runs "$RUNS" ${extra[@]+"${extra[@]}"}
