"""Runs TraceBench (src/test/java/deli/trace/bench) a JVM per case and build, in turns, and
prints the medians as a Markdown table. See trace.sh."""
import argparse, re, statistics, subprocess, sys

p = argparse.ArgumentParser()
p.add_argument("--harness", required=True)
p.add_argument("--dir", required=True)
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--dinners", type=int, default=4)
p.add_argument("--servings", default="100000")
p.add_argument("--traced-servings", default="20000")
p.add_argument("--cases", default="untraced,sample,all")
p.add_argument("--config", default=None)
p.add_argument("--java-opts", default="")
p.add_argument("builds", nargs="+", help="label=classpath")
a = p.parse_args()

RESULT = re.compile(r"([0-9,]+) meals in ([0-9.]+) s")
cases = a.cases.split(",")
builds = [b.split("=", 1) for b in a.builds]
rows = {(b, c): [] for b, _ in builds for c in cases}
for r in range(a.rounds):
    for label, cp in builds:
        for case in cases:
            servings = a.servings if case != "all" else a.traced_servings
            cmd = ["java", "-Dfile.encoding=UTF-8"] + a.java_opts.split()
            if a.config:
                cmd.append("-Dconfig.file=" + a.config)
            cmd += ["-cp", a.harness + ":" + cp, "deli.trace.bench.TraceBench", case, str(a.dinners), servings, a.dir]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            results = RESULT.findall(proc.stdout)
            bench = [l.split("\t")[1:] for l in proc.stderr.splitlines() if l.startswith("bench\t")]
            if proc.returncode != 0 or len(results) != len(bench) or not bench:
                sys.exit(f"trace bench: {label} {case} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
            for (meals, secs), (_, dinner, writer, window, lines, size) in list(zip(results, bench))[1:]:
                meals = int(meals.replace(",", ""))
                rows[(label, case)].append(dict(
                    wall=meals / float(secs), meals=meals, dinner=int(dinner), writer=int(writer),
                    window=int(window), lines=int(lines), size=int(size)))
            print(f"# round {r + 1} {label} {case}: " + ", ".join(
                f"{x['wall']:,.0f}" for x in rows[(label, case)][-(len(bench) - 1):]) + " meals/s", file=sys.stderr, flush=True)

def per_cpu(rs, key):
    return statistics.median(x["meals"] / (sum(x[k] for k in key) / 1e9) for x in rs if sum(x[k] for k in key) > 0)

print("| build, case | meals/s (wall), median (min-max) | meals per CPU-s: dinner thread | dinner + writer threads | whole process while they ran | bytes per line | dinners |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
med = {}
for label, _ in builds:
    for case in cases:
        rs = rows[(label, case)]
        walls = [x["wall"] for x in rs]
        lines = sum(x["lines"] for x in rs)
        bpl = f"{sum(x['size'] for x in rs) / lines:.1f}" if lines else "-"
        m = (statistics.median(walls), per_cpu(rs, ["dinner"]), per_cpu(rs, ["dinner", "writer"]), per_cpu(rs, ["window"]))
        med[(label, case)] = m
        print(f"| {label}, {case} | {m[0]:,.0f} ({min(walls):,.0f}-{max(walls):,.0f}) | {m[1]:,.0f} | {m[2]:,.0f} | {m[3]:,.0f} | {bpl} | {len(rs)} |")
if "untraced" in cases and "all" in cases:
    print()
    for label, _ in builds:
        u, t = med[(label, "untraced")], med[(label, "all")]
        print(f"- {label}: tracing everything is {u[0] / t[0]:.2f}x slower (wall), {u[1] / t[1]:.2f}x the dinner thread's CPU, "
              f"{u[2] / t[2]:.2f}x with the writer's, {u[3] / t[3]:.2f}x the process's CPU per meal (the goal: at most 3x)")
