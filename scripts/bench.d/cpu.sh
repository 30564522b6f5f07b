# deli cpu against the chapter's MuchCPU, as processes and as threads, one worker per core x
# the chapter's 100,000,000 terms each (about 3.5 s of Python as processes, 7 s as threads, on
# 2 cores). CPU_TERMS=N sets another number of terms.
set -euo pipefail
n="${CPU_TERMS:-100000000}"
w=$(nproc)
echo "Whole commands, $w workers x $n terms each, $RUNS runs. deli's own figure (in-process, JIT warm):"
$DELI cpu --work $n --workers $w | tail -1
$MEASURE \
  --case "deli cpu=$DELI cpu --work $n --workers $w" \
  --case "python much_cpu.py --kind process=python3 $BASELINES/much_cpu.py --kind process --n $n --workers $w" \
  --case "python much_cpu.py --kind thread=python3 $BASELINES/much_cpu.py --kind thread --n $n --workers $w"
