# deli imports against the chapter's find_imports (ThreadPoolExecutor(24)) on the machine's
# Python library tree, and both against CPython's own ast (the oracle of the tests).
set -euo pipefail
tree=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Tree: $tree, $(python3 --version)."
echo
echo "In one process: deli's last of 15 runs in one JVM (steady state), then the chapter's own figure:"
$DELI imports "$tree" --repeat 15 2>/dev/null | tail -1
python3 "$BASELINES/find_imports.py" "$tree" --json "$work/chapter.json" --failures "$work/chapter-failures.json" 2>/dev/null | tail -1
echo
echo "Agreement with CPython's ast on every file (ast.parse of the file's bytes):"
$DELI imports "$tree" --json >"$work/deli.json" 2>/dev/null
python3 "$DELI_ROOT/src/test/resources/deli/imports/oracle.py" "$tree" >"$work/ast.jsonl"
python3 "$DELI_ROOT/scripts/bench.d/imports_agree.py" "$work/deli.json" "$work/ast.jsonl" "$work/chapter.json" "$work/chapter-failures.json"
echo
echo "Whole commands, $RUNS runs each:"
$MEASURE \
  --case "deli imports=$DELI imports $tree" \
  --case "python find_imports.py=python3 $BASELINES/find_imports.py $tree --json $work/i.json --failures $work/f.json"
