# deli search against the chapter's DirectorySearch, grep -rF and ripgrep, in one run, on this
# machine's Python standard library tree (python3's sysconfig 'stdlib' path, every *.py file).
set -euo pipefail
if ! command -v rg >/dev/null 2>&1; then
  echo "bench search: installing ripgrep (apt-get install -y ripgrep)" >&2
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get install -y -q ripgrep >/dev/null 2>&1 \
    || { $sudo_ apt-get update -q >/dev/null 2>&1 && $sudo_ apt-get install -y -q ripgrep >/dev/null 2>&1; } \
    || echo "bench search: ripgrep could not be installed; its rows are left out" >&2
fi
tree="${SEARCH_TREE:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}"
python3 "$DELI_ROOT/scripts/bench.d/search.py" --tree "$tree" --deli "$DELI" --baselines "$BASELINES" --runs "$RUNS"
