# deli logserver against the chapter's asyncio log server (log_server.py): the same captured
# SocketHandler frames (socket_frames.bin, 10,000 frames) replayed over the same connections,
# then the chapter's own scenario (256 clients x workload 10 = 5,632 records).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
frames="$BASELINES/socket_frames.bin"
replay="python3 $here/replay.py --frames $frames"
runs=$(( RUNS < 3 ? RUNS : 3 ))
echo "Replayed frames (replay.py, $runs runs each, median): seconds from the first byte sent to the last record in the"
echo "file; server CPU is the server process's user + system time per record; lost and corrupted are checked line by"
echo "line against json.dumps(pickle.loads(frame)) of every frame sent; peak RSS is the server's high-water mark."
echo
echo "| case | records | connections | seconds | records/s | server CPU us/record | lost | corrupted | count line true | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"
$replay --runs $runs --records 200000 --connections 4 --label "deli logserver" \
  --server "$DELI logserver --port {port} --out {out}"
$replay --runs $runs --records 200000 --connections 4 --label "python log_server.py (the chapter's)" \
  --server "python3 -u $BASELINES/log_server.py --port {port} --out {out}"
$replay --runs $runs --records 200000 --connections 4 --label "python log_server.py --exact (corrected variant)" \
  --server "python3 -u $BASELINES/log_server.py --exact --port {port} --out {out}"
$replay --runs $runs --records 3000000 --connections 4 --label "deli logserver, 3M records" \
  --server "$DELI logserver --port {port} --out {out}"
$replay --runs $runs --records 3000000 --connections 4 --label "deli logserver, 3M records, JAVA_OPTS=-Xmx256m" \
  --server "JAVA_OPTS=-Xmx256m $DELI logserver --port {port} --out {out}"
$replay --runs $runs --records 3200000 --connections 16 --label "deli logserver, 3.2M records, 16 connections" \
  --server "$DELI logserver --port {port} --out {out}"
echo
echo "The chapter's scenario: 256 clients x 22 records = 5,632 records. deli: one deli logclient process (256 client"
echo "actors, 256 connections, gnome sort) against deli logserver. Python: 256 log_client.py processes (SocketHandler,"
echo "22 records each, no sorting) against log_server.py. Times from the start of the client command."
echo
echo "| case | records | client command s | until all are in the file s | lost | bad lines | count line true |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
python3 "$here/scenario.py" --runs $runs --records 5632 --label "deli logclient -> deli logserver" \
  --server "$DELI logserver --port {port} --out {out}" \
  --clients "$DELI logclient --port {port} --clients 256 --workload 10"
python3 "$here/scenario.py" --runs $runs --records 5632 --label "256 x log_client.py -> log_server.py" \
  --server "python3 -u $BASELINES/log_server.py --port {port} --out {out}" \
  --clients "for i in \$(seq 256); do python3 $BASELINES/log_client.py 127.0.0.1 {port} 22 >/dev/null & done; wait"
