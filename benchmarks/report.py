"""Turns the results.jsonl of benchmarks/run.sh into a markdown report: tables, ratios, targets.

    python3 benchmarks/report.py benchmarks/results/<date>.jsonl

Every point may have been measured in several rounds: the tables show each point's median over its
rounds, and each ratio is the median of the ratios within each round (both servers measured minutes
apart), with their range.
"""

import json
import statistics
import sys

NAMES = {
    "ml-on": "ml-service, dynamic batching on",
    "ml-off": "ml-service, dynamic batching off",
    "naive": "naive Spring Boot + DJL (Predictor per request)",
    "fastapi-1": "FastAPI + PyTorch, 1 worker",
    "fastapi-2": "FastAPI + PyTorch, 2 workers",
    "no-model": "no-model ceiling (ml-service's web stack, fixed answer)",
}
ORDER = ["ml-on", "ml-off", "naive", "fastapi-1", "fastapi-2", "no-model"]


def main(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    machine = next((r for r in rows if r["kind"] == "machine"), {})
    inprocess = [r for r in rows if r["kind"] == "inprocess"]
    http = [r for r in rows if r["kind"] == "http"]
    ready = {r["server"]: r["ready_s"] for r in rows if r["kind"] == "server"}
    idle = {r["server"]: r for r in rows if r["kind"] == "idle"}
    failed = [r["server"] for r in rows if r["kind"] == "failed"]
    for r in http:
        w = r["wrk"]
        r["rps"] = w["requests"] / (w["duration_us"] / 1e6)
        r["p50"] = w["p50_us"] / 1000
        r["p99"] = w["p99_us"] / 1000
        r["errors"] = sum(w[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
        r.setdefault("round", 1)
    by_round = {(r["server"], r["connections"], r["round"]): r for r in http}
    point = {}
    for (server, c) in {(r["server"], r["connections"]) for r in http}:
        runs = [r for r in http if r["server"] == server and r["connections"] == c]
        point[(server, c)] = {
            "runs": len(runs),
            "rps": median(r["rps"] for r in runs),
            "rps_min": min(r["rps"] for r in runs),
            "rps_max": max(r["rps"] for r in runs),
            "p50": median(r["p50"] for r in runs),
            "p99": median(r["p99"] for r in runs),
            "cpu_pct": median(r["cpu_pct"] for r in runs),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "wrk_cpu_pct": median(r.get("wrk_cpu_pct", 0) for r in runs),
            "other_cpu_pct": max(r.get("other_cpu_pct", 0) for r in runs),
            "errors": sum(r["errors"] for r in runs),
        }
    levels = sorted({r["connections"] for r in http})
    rounds = sorted({r["round"] for r in http})

    def ratio(a, b, c, metric):
        """Median over the rounds of a/b within one round, with the lowest and highest."""
        values = []
        for n in rounds:
            ra, rb = by_round.get((a, c, n)), by_round.get((b, c, n))
            if ra is not None and rb is not None and rb[metric]:
                values.append(ra[metric] / rb[metric])
        return (median(values), min(values), max(values)) if values else None

    out = []
    out.append(f"# Serving benchmark, {machine.get('date', '?')}")
    out.append("")
    out.append(f"Command: `{machine.get('command', '?')}`")
    out.append("")
    out.append("| Machine | |")
    out.append("|---|---|")
    for key, label in [("cpu", "CPU"), ("cores", "cores"), ("memory_gib", "memory (GiB)"), ("kernel", "kernel"),
                       ("load_before", "load average before the run"), ("java", "Java"),
                       ("java_opts", "JVM options (every Java server)"), ("torch", "PyTorch (FastAPI)"),
                       ("fastapi", "FastAPI"), ("wrk", "load tool"), ("commit", "commit"), ("ml_jar", "ml-service jar"),
                       ("body_bytes", "request body (bytes)")]:
        out.append(f"| {label} | {machine.get(key, '?')} |")
    layout = (f"in {machine['rounds']} round(s); all servers up side by side, measured one at a time"
              if "rounds" in machine else "one server at a time")
    out.append(f"| per point | {machine.get('warmup_s', '?'):g} s warm-up + {machine.get('duration_s', '?'):g} s measured, "
               f"{layout}; wrk and servers share the machine, loopback |")
    out.append("")

    if failed:
        out.append(f"**Not measured: {', '.join(failed)}** (failed to start, answered wrongly or died; see the "
                   "run's logs).")
        out.append("")

    if inprocess:
        out.append("## (a) In-process DJL limit (no HTTP)")
        out.append("")
        out.append("One Predictor per thread, one reused direct buffer per thread, forward passes back to back "
                   f"({machine.get('inprocess_warmup_s', '?'):g} s warm-up + {machine.get('inprocess_s', '?'):g} s "
                   "measured per point). Latency is per forward pass.")
        out.append("")
        out.append("| threads | batch | images/s | forward passes/s | p50 ms | p99 ms | CPU % | other processes CPU % "
                   "| peak RSS MB |")
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in inprocess:
            out.append(f"| {r['threads']} | {r['batch']} | {r['images_per_s']:,.0f} | {r['calls_per_s']:,.0f} | "
                       f"{r['p50_ms']:.3f} | {r['p99_ms']:.3f} | {r['cpu_pct']:.0f} | {other(r)} | "
                       f"{r['peak_rss_mb']:.0f} |")
        out.append("")

    if http:
        out.append("## (b)-(e) Over HTTP: V2 JSON infer, one digit per request")
        out.append("")
        out.append("Median over the rounds of each point (req/s range: lowest and highest round). Server CPU: "
                   "utime + stime of the server's processes over the measured period / wall time (100 % = one "
                   "core). Peak RSS: VmHWM since the server started, summed over its processes, highest reading. "
                   "Other processes: the machine's busy time minus server and wrk, i.e. the noise in that point "
                   "(highest round).")
        out.append("")
        out.append("| server | connections | req/s | req/s range | p50 ms | p99 ms | server CPU % | req/s per server core "
                   "| peak RSS MB | wrk CPU % | other processes CPU % | errors |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for server in ORDER + sorted({r["server"] for r in http} - set(ORDER)):
            for c in levels:
                r = point.get((server, c))
                if r is None:
                    continue
                per_core = r["rps"] / (r["cpu_pct"] / 100) if r["cpu_pct"] > 0 else float("nan")
                spread = f"{r['rps_min']:,.0f}-{r['rps_max']:,.0f}" if r["runs"] > 1 else ""
                out.append(f"| {NAMES.get(server, server)} | {c} | {r['rps']:,.0f} | {spread} | {r['p50']:.2f} | "
                           f"{r['p99']:.2f} | {r['cpu_pct']:.0f} | {per_core:,.0f} | {r['peak_rss_mb']} | "
                           f"{r['wrk_cpu_pct']:.0f} | {other(r)} | {r['errors'] or ''} |")
        out.append("")
        if len(rounds) > 1:
            top_c = levels[-1]
            out.append(f"Requests/s at {top_c} connections in each round:")
            out.append("")
            out.append("| server | " + " | ".join(f"round {n}" for n in rounds) + " |")
            out.append("|---|" + "---:|" * len(rounds))
            for server in ORDER + sorted({r["server"] for r in http} - set(ORDER)):
                cells = [by_round.get((server, top_c, n)) for n in rounds]
                if any(cells):
                    out.append(f"| {NAMES.get(server, server)} | " + " | ".join(
                        f"{cell['rps']:,.0f}" if cell else "-" for cell in cells) + " |")
            out.append("")
        if ready:
            out.append("Start to ready (process launch to first 200 from `/v2/health/ready`, on this machine, "
                       "not in a container): " + ", ".join(
                           f"{s} {t:.1f} s" for s, t in ready.items()) + ".")
            out.append("")
        if idle:
            out.append("Idle CPU (no requests, after the load, all servers over the same period): " + ", ".join(
                f"{s} {r['cpu_pct']:.2f} % over {r['seconds']:g} s" for s, r in idle.items()) + ".")
            out.append("")

        out.append("## Ratios (same run; median of the per-round ratios, lowest-highest round in brackets)")
        out.append("")
        ratio_defs = [
            ("ml-service on / naive, req/s", "ml-on", "naive", "rps"),
            ("ml-service on / FastAPI 2 workers, req/s", "ml-on", "fastapi-2", "rps"),
            ("ml-service on / no-model ceiling, req/s", "ml-on", "no-model", "rps"),
            ("batching on / off, req/s", "ml-on", "ml-off", "rps"),
            ("ml-service on / naive, p50", "ml-on", "naive", "p50"),
            ("ml-service on / naive, p99", "ml-on", "naive", "p99"),
            ("ml-service off / naive, req/s", "ml-off", "naive", "rps"),
            ("FastAPI 2 workers / 1 worker, req/s", "fastapi-2", "fastapi-1", "rps"),
        ]
        out.append("| ratio | " + " | ".join(f"{c} conn." for c in levels) + " |")
        out.append("|---|" + "---:|" * len(levels))
        for label, a, b, metric in ratio_defs:
            cells = [fmt_ratio(ratio(a, b, c, metric)) for c in levels]
            if any(cell != "-" for cell in cells):
                out.append(f"| {label} | " + " | ".join(cells) + " |")
        out.append("")

        top = 64 if 64 in levels else levels[-1]
        low = 1 if 1 in levels else levels[0]
        out.append(f"## Targets (ml-service = batching on; high load = {top} connections)")
        out.append("")
        out.append("| target | measured | met |")
        out.append("|---|---:|---|")
        targets = [
            (f"req/s at {top} >= 2.5x naive", ratio("ml-on", "naive", top, "rps"), lambda v: v >= 2.5, "x"),
            (f"req/s at {top} >= 6x FastAPI (2 workers)", ratio("ml-on", "fastapi-2", top, "rps"),
             lambda v: v >= 6, "x"),
            (f"p99 at {top} <= 1/5 of naive's", ratio("ml-on", "naive", top, "p99"), lambda v: v <= 0.2, "x"),
            (f"req/s at {top} >= 0.7 of the no-model ceiling", ratio("ml-on", "no-model", top, "rps"),
             lambda v: v >= 0.7, "x"),
            (f"batching on >= 1.5x off at {top}", ratio("ml-on", "ml-off", top, "rps"), lambda v: v >= 1.5, "x"),
            (f"p50 at {low} connection no worse than naive's", ratio("ml-on", "naive", low, "p50"),
             lambda v: v <= 1.0, "x"),
            ("idle CPU ~0 (<= 1 % of a core over the idle period)", single(idle.get("ml-on", {}).get("cpu_pct")),
             lambda v: v <= 1.0, " %"),
            ("peak RSS under load <= 600 MB", single(max((r["peak_rss_mb"] for r in http if r["server"] == "ml-on"),
                                                          default=None)), lambda v: v <= 600, " MB"),
        ]
        for label, value, test, unit in targets:
            if value is None:
                out.append(f"| {label} | not measured | - |")
                continue
            mid, low_v, high_v = value
            shown = f"{mid:.2f}{unit}" if unit != " MB" else f"{mid:.0f}{unit}"
            if high_v != low_v:
                shown += f" ({low_v:.2f}-{high_v:.2f})"
            met = "yes" if test(mid) else "NO"
            if test(low_v) != test(high_v):
                met += ", not in every round" if test(mid) else ", met in some rounds"
            out.append(f"| {label} | {shown} | {met} |")
        out.append("")
        out.append("Image size and container start-to-ready are measured elsewhere (docker), not by this run.")
        if any(r["errors"] for r in http):
            out.append("")
            out.append("**Some points had errors** (non-2xx answers, timeouts or socket errors): see the errors "
                       "column; their numbers are not comparable.")
        out.append("")
    noisy = [r for r in inprocess + http if (r.get("other_cpu_pct") or 0) > 20]
    if noisy:
        out.append(f"**The machine was not quiet**: other processes used more than 20 % of a core during "
                   f"{len(noisy)} of {len(inprocess) + len(http)} points (column 'other processes CPU %'). "
                   "Those numbers are low and noisy; rerun on a quiet machine before comparing.")
        out.append("")
    print("\n".join(out))


def median(values):
    return statistics.median(list(values))


def single(value):
    return None if value is None else (value, value, value)


def other(row):
    value = row.get("other_cpu_pct")
    return "?" if value is None else f"{max(value, 0):.0f}"


def fmt_ratio(value):
    if value is None:
        return "-"
    mid, low, high = value
    return f"{mid:.2f}" if low == high else f"{mid:.2f} ({low:.2f}-{high:.2f})"


if __name__ == "__main__":
    main(sys.argv[1])
