"""The cost of watching: meals/s of a timeless continuous dinner on a node, with no one
watching, with the live page open in headless Chromium, and with N viewers of /events.
Cases take turns, round after round; prints the median meals/s of each and the ratios, and
what the viewers received. Usage: page_watch.py BASE_URL ROUNDS SECONDS VIEWERS"""
import http.client, json, os, shutil, statistics, subprocess, sys, tempfile, threading, time
from urllib.parse import urlparse

base, rounds, seconds, viewers = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
url = urlparse(base)


def dinner():
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    body = json.dumps({"faculty": 5, "continuous": seconds, "eat": "0", "think": "0"})
    c.request("POST", "/philosophers", body, {"Content-Type": "application/json"})
    answer = json.loads(c.getresponse().read())
    c.close()
    return answer["mealsPerSecond"]


class Viewer(threading.Thread):
    """One /events client: counts the events it gets, by name."""

    def __init__(self):
        super().__init__(daemon=True)
        self.counts, self.stop, self.error = {}, False, None

    def run(self):
        try:
            c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            c.request("GET", "/events")
            r = c.getresponse()
            while not self.stop:
                line = r.fp.readline()
                if not line:
                    break
                if line.startswith(b"event:"):
                    name = line[6:].strip().decode()
                    self.counts[name] = self.counts.get(name, 0) + 1
        except Exception as e:  # reported with the figures
            self.error = repr(e)


def chromium():
    profile = tempfile.mkdtemp(prefix="deli-bench-chromium")
    p = subprocess.Popen(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
         "--user-data-dir=" + profile, base + "/"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)  # the page loads and opens its stream
    return p, profile


cases = ["no viewer", "the page in Chromium", f"{viewers} /events viewers"]
if not os.access("/usr/bin/chromium", os.X_OK):
    cases.remove("the page in Chromium")
    print("(no /usr/bin/chromium: the page case is left out)")
rates = {c: [] for c in cases}
received = []
dinner()  # warm-up
dinner()
for r in range(rounds):
    for case in cases:
        if case == "no viewer":
            rates[case].append(dinner())
        elif case.startswith("the page"):
            p, profile = chromium()
            try:
                rates[case].append(dinner())
            finally:
                p.terminate()
                p.wait()
                shutil.rmtree(profile, ignore_errors=True)
        else:
            vs = [Viewer() for _ in range(viewers)]
            for v in vs:
                v.start()
            time.sleep(2)
            start = time.time()
            rates[case].append(dinner())
            took = time.time() - start
            for v in vs:
                v.stop = True
            received.append((took, vs))

print(f"{rounds} rounds of a {seconds} continuous timeless dinner of 5 (POST /philosophers), cases taking turns")
print()
print("| case | median meals/s | min | max | vs no viewer (median of the rounds' ratios) |")
print("| --- | ---: | ---: | ---: | ---: |")
for case in cases:
    m = statistics.median(rates[case])
    # each round's ratio to the no-viewer dinner just before it: a busy machine drifts, a pair less
    paired = statistics.median(x / y for x, y in zip(rates[case], rates["no viewer"]))
    print(f"| {case} | {m:,.0f} | {min(rates[case]):,.0f} | {max(rates[case]):,.0f} | {paired:.3f}x |")
print()
errors = [v.error for _, vs in received for v in vs if v.error]
per = [sum(v.counts.values()) for _, vs in received for v in vs]
dinners = [v.counts.get("dinner", 0) for _, vs in received for v in vs]
status = [v.counts.get("status", 0) for _, vs in received for v in vs]
took = statistics.median(t for t, _ in received)
print(f"{viewers} viewers, each over a dinner of {took:.1f} s (+2 s before): events each min {min(per)} / median "
      f"{statistics.median(per)} / max {max(per)}; dinner pictures each min {min(dinners)}, median {statistics.median(dinners)}; "
      f"status events each min {min(status)}; viewers that failed: {len(errors)} {errors[:3]}")
