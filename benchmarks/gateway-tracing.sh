#!/usr/bin/env bash
# What tracing costs the gateway: V2 inference through it at 64 connections, to its container's
# address, as it runs by default (a server span per request, one in ten sampled, the proxied call
# not observed) and as BERTH_TRACING=true runs it (every proxied call observed as the client span
# that web and ml continue; benchmarks/compose-traced.yml, spans not sent anywhere). The two
# alternate twice on one running stack: each time the gateway is recreated, warmed under the same
# load (BENCH_WARM_S), then measured (BENCH_LOAD_S). Prints a markdown table.
#
#   benchmarks/gateway-tracing.sh
#
# Environment: BENCH_WARM_S [40], BENCH_LOAD_S [15], COMPOSE_PROJECT_NAME [berth].
set -euo pipefail
cd "$(dirname "$0")/.."
warm_s=${BENCH_WARM_S:-40}
load_s=${BENCH_LOAD_S:-15}
project=${COMPOSE_PROJECT_NAME:-berth}
source benchmarks/gateway-load.sh
default=docker-compose.yml
traced=docker-compose.yml:benchmarks/compose-traced.yml
COMPOSE_FILE=$default ./berth up >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
v2_body "$work/v2.json"

infer() { # url seconds -> wrk's result line
  BENCH_BODY="$work/v2.json" wrk -t2 -c64 -d"$2s" --timeout 10s -s benchmarks/wrk/post-body.lua \
    "$1/v2/models/mnist/infer" | grep -E '^WRK_RESULT' | sed 's/^WRK_RESULT //'
}

for round in 1 2; do
  for config in default traced; do
    COMPOSE_FILE=${!config} docker compose up -d --wait --no-build gateway >/dev/null 2>&1
    url=http://$(docker inspect -f "{{(index .NetworkSettings.Networks \"${project}_edge\").IPAddress}}" \
      "$(docker compose ps -q gateway)"):8080
    echo "round $round, $config: warm ${warm_s} s, measure ${load_s} s" >&2
    infer "$url" "$warm_s" >/dev/null
    cpu0=$(cpu_ns gateway)
    result=$(infer "$url" "$load_s")
    echo "$config $(($(cpu_ns gateway) - cpu0)) $result" >>"$work/results"
  done
done
COMPOSE_FILE=$default docker compose up -d --wait --no-build gateway >/dev/null 2>&1

python3 - "$work/results" <<'PY'
import json, sys
rows = []
for line in open(sys.argv[1]):
    config, cpu, result = line.split(" ", 2)
    rows.append((config, int(cpu), json.loads(result)))
print("| gateway | req/s | p50 ms | p99 ms | gateway CPU per request | errors |")
print("|---|---:|---:|---:|---:|---:|")
for config, cpu, r in rows:
    errors = sum(r[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    rate = r["requests"] / (r["duration_us"] / 1e6)
    print(f"| {config} | {rate:,.0f} | {r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f} "
          f"| {cpu / r['requests'] / 1000:.0f} µs | {errors} |")
def mean(config, f): return sum(f(r, cpu) for c, cpu, r in rows if c == config) / 2
rate = lambda r, cpu: r["requests"] / (r["duration_us"] / 1e6)
cpu_us = lambda r, cpu: cpu / r["requests"] / 1000
print()
print(f"traced / default: throughput {mean('traced', rate) / mean('default', rate):.2f}, "
      f"gateway CPU per request {mean('traced', cpu_us) / mean('default', cpu_us):.2f}")
PY
