# deli cpu against the chapter's MuchCPU, as processes and as threads, 2 workers x 10M terms
# (the chapter's 100M is 3 minutes of Python on this machine; 10M keeps the run short).
set -euo pipefail
n=10000000
w=$(nproc)
echo "Whole commands, $w workers x $n terms each, $RUNS runs. deli's own figure (in-process, JIT warm):"
$DELI cpu --work $n --workers $w | tail -1
$MEASURE \
  --case "deli cpu=$DELI cpu --work $n --workers $w" \
  --case "python much_cpu.py --kind process=python3 $BASELINES/much_cpu.py --kind process --n $n --workers $w" \
  --case "python much_cpu.py --kind thread=python3 $BASELINES/much_cpu.py --kind thread --n $n --workers $w"
