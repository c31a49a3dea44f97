#!/usr/bin/env bash
# Measures what each container of a running stack uses, idle and under load through the gateway,
# to size the resource limits in docker-compose.yml. Prints a markdown table.
#
#   ./berth up && benchmarks/stack-resources.sh
#
# Load (wrk, after the same load once as JIT warm-up): V2 inference of one digit at 64
# connections, then POST /api/predictions (classify and store) at 16, each BENCH_LOAD_S seconds.
# Memory and PIDs are the peaks of `docker stats` sampled every second; CPU is the peak sample.
# Environment: BERTH_PORT [8080], COMPOSE_PROJECT_NAME [berth], BENCH_LOAD_S [30], BENCH_API_KEY
# [the development key]. The load is above the gateway's default rate limit per key: start the
# stack with it raised, e.g. BERTH_KEY_RATE_LIMIT=100000 ./berth up.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/docker ] && export PATH="/usr/bin:$PATH"
port=${BERTH_PORT:-8080}
load_s=${BENCH_LOAD_S:-30}
command -v wrk >/dev/null || { echo "needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - ml-service/src/test/resources/mnist-held-out-sample.json "$work" <<'EOF'
import json, sys
sample = json.load(open(sys.argv[1]))
pixels = sample["images"][1]
json.dump({"inputs": [{"name": "input__0", "shape": [1, 1, 28, 28], "datatype": "FP32", "data": pixels}]},
          open(sys.argv[2] + "/v2.json", "w"), separators=(",", ":"))
json.dump({"pixels": pixels}, open(sys.argv[2] + "/api.json", "w"), separators=(",", ":"))
EOF

containers=$(docker compose ps -q)
[ -n "$containers" ] || { echo "no running stack in project ${COMPOSE_PROJECT_NAME:-berth}: ./berth up first" >&2; exit 1; }
sample() { # phase seconds: one `docker stats` line per container and second, tagged with the phase
  local end=$((SECONDS + $2))
  while [ $SECONDS -lt $end ]; do
    docker stats --no-stream --format "$1 {{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}" $containers >>"$work/stats"
  done
}
export BENCH_API_KEY=${BENCH_API_KEY:-berth-dev-only-api-key}
load() { # path body connections seconds
  BENCH_BODY=$work/$2 wrk -t2 -c"$3" -d"$4s" --timeout 10s -s benchmarks/wrk/post-body.lua \
    "http://localhost:$port$1" | grep -E '^WRK_RESULT' | sed "s|^|$1 |"
}

echo "idle: 10 s" >&2
sample idle 10
echo "warm-up: ${load_s} s of each load" >&2
load /v2/models/mnist/infer v2.json 64 "$load_s" >/dev/null
load /api/predictions api.json 16 "$load_s" >/dev/null
echo "measured: ${load_s} s of each load" >&2
sample load $((2 * load_s + 2)) &
load /v2/models/mnist/infer v2.json 64 "$load_s"
load /api/predictions api.json 16 "$load_s"
wait

python3 - "$work/stats" "${COMPOSE_PROJECT_NAME:-berth}" <<'EOF'
import re, sys
units = {"B": 1 / 2**20, "KiB": 1 / 1024, "MiB": 1, "GiB": 1024}
peak = {}
for line in open(sys.argv[1]):
    phase, name, cpu, used, _, _, pids = line.split()
    number, unit = re.match(r"([\d.]+)(\w+)", used).groups()
    service = re.sub(r"-\d+$", "", name.removeprefix(sys.argv[2] + "-"))
    p = peak.setdefault(service, {"idle": 0, "load": 0, "cpu": 0, "pids": 0})
    p[phase] = max(p[phase], float(number) * units[unit])
    if phase == "load":
        p["cpu"] = max(p["cpu"], float(cpu.rstrip("%")))
    p["pids"] = max(p["pids"], int(pids))
print("| service | memory idle (MiB) | memory peak under load (MiB) | CPU peak (%) | PIDs peak |")
print("|---|---:|---:|---:|---:|")
for service, p in sorted(peak.items()):
    print(f"| {service} | {p['idle']:.0f} | {p['load']:.0f} | {p['cpu']:.0f} | {p['pids']} |")
EOF
