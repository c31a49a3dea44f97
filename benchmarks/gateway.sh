#!/usr/bin/env bash
# What the gateway costs: the same requests straight to ml and through the gateway, both through a
# port Docker publishes on this host, at 1 and 64 connections: V2 inference of one digit (POST
# /v2/models/mnist/infer, with the API key) and a small GET (/v2/health/live). Then the same
# inference at 64 connections to the containers' own addresses, which skips Docker's userland proxy
# (docker-proxy) that a published port goes through. Prints markdown tables with the ratios the
# project's targets are stated in (gateway / direct).
#
#   benchmarks/gateway.sh
#
# It (re)starts the stack with benchmarks/compose-direct.yml, which publishes ml on 127.0.0.1, and
# with the gateway's rate limits raised far above the load. Every JVM is warmed under the same load
# first (BENCH_WARM_S), then each point is measured once (BENCH_LOAD_S).
# Environment: BERTH_PORT [8080], BENCH_ML_PORT [18081], BENCH_WARM_S [40], BENCH_LOAD_S [15],
# BENCH_API_KEY [the development key], COMPOSE_PROJECT_NAME [berth].
set -euo pipefail
cd "$(dirname "$0")/.."
warm_s=${BENCH_WARM_S:-40}
load_s=${BENCH_LOAD_S:-15}
project=${COMPOSE_PROJECT_NAME:-berth}
source benchmarks/gateway-load.sh

export COMPOSE_FILE=docker-compose.yml:benchmarks/compose-direct.yml
./berth up >&2

address() { # service network -> the container's address on that network
  docker inspect -f "{{(index .NetworkSettings.Networks \"${project}_$2\").IPAddress}}" \
    "$(docker compose ps -q "$1")"
}
gateway_port=http://localhost:${BERTH_PORT:-8080}
ml_port=http://localhost:${BENCH_ML_PORT:-18081}
gateway_ip=http://$(address gateway edge):8080
ml_ip=http://$(address ml bench):8080

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
v2_body "$work/v2.json"

load() { # name url path(infer|live) connections seconds -> a result line, with gateway and ml CPU
  local body=() threads=2
  [ "$3" = infer ] && body=(BENCH_BODY="$work/v2.json")
  [ "$4" = 1 ] && threads=1
  local path=/v2/health/live
  [ "$3" = infer ] && path=/v2/models/mnist/infer
  local gateway0 ml0 result
  gateway0=$(cpu_ns gateway) ml0=$(cpu_ns ml)
  result=$(env "${body[@]}" wrk -t"$threads" -c"$4" -d"$5s" --timeout 10s -s benchmarks/wrk/post-body.lua "$2$path" \
    | grep -E '^WRK_RESULT' | sed 's/^WRK_RESULT //')
  echo "$1 $3 $4 $(($(cpu_ns gateway) - gateway0)) $(($(cpu_ns ml) - ml0)) $result"
}

echo "warm-up: ${warm_s} s of inference through the gateway, then of each other load" >&2
load warm "$gateway_port" infer 64 "$warm_s" >/dev/null
load warm "$ml_port" infer 64 $((warm_s / 2)) >/dev/null
load warm "$gateway_port" live 64 $((warm_s / 2)) >/dev/null
load warm "$ml_port" live 64 $((warm_s / 2)) >/dev/null

echo "measured: ${load_s} s per point" >&2
for c in 1 64; do
  for path in infer live; do
    load direct "$ml_port" "$path" "$c" "$load_s" >>"$work/results"
    load gateway "$gateway_port" "$path" "$c" "$load_s" >>"$work/results"
  done
done
load direct-ip "$ml_ip" infer 64 "$load_s" >>"$work/results"
load gateway-ip "$gateway_ip" infer 64 "$load_s" >>"$work/results"

python3 - "$work/results" <<'PY'
import json, sys
r = {}
for line in open(sys.argv[1]):
    via, path, c, gateway_ns, ml_ns, result = line.split(" ", 5)
    r[(via, path, int(c))] = dict(json.loads(result), gateway_ns=int(gateway_ns), ml_ns=int(ml_ns))
def rate(x): return x["requests"] / (x["duration_us"] / 1e6)
def p50(x): return x["p50_us"] / 1000
def errors(x): return sum(x[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
names = {"infer": "POST /v2/models/mnist/infer", "live": "GET /v2/health/live"}
print("| request | connections | ml direct: req/s, p50 ms | through the gateway: req/s, p50 ms | throughput ratio | p50 ratio | errors |")
print("|---|---:|---:|---:|---:|---:|---:|")
for c in (1, 64):
    for path in ("infer", "live"):
        d, g = r[("direct", path, c)], r[("gateway", path, c)]
        print(f"| {names[path]} | {c} | {rate(d):,.0f}, {p50(d):.2f} | {rate(g):,.0f}, {p50(g):.2f} "
              f"| {rate(g) / rate(d):.2f} | {p50(g) / p50(d):.2f} | {errors(d) + errors(g)} |")
print()
def us(x, key): return x[key] / x["requests"] / 1000
print("| request at 64 connections | ml's CPU per request, direct | through the gateway: ml's CPU | the gateway's CPU |")
print("|---|---:|---:|---:|")
for path in ("infer", "live"):
    d, g = r[("direct", path, 64)], r[("gateway", path, 64)]
    print(f"| {names[path]} | {us(d, 'ml_ns'):.0f} µs | {us(g, 'ml_ns'):.0f} µs | {us(g, 'gateway_ns'):.0f} µs |")
print()
print("| inference at 64 connections | via the published port (docker-proxy) | via the container's address | proxy's share |")
print("|---|---:|---:|---:|")
for name, via in (("ml direct", "direct"), ("through the gateway", "gateway")):
    port, ip = r[(via, "infer", 64)], r[(via + "-ip", "infer", 64)]
    print(f"| {name} | {rate(port):,.0f} req/s | {rate(ip):,.0f} req/s | {1 - rate(port) / rate(ip):.0%} |")
print()
ratio = rate(r[("gateway", "infer", 64)]) / rate(r[("direct", "infer", 64)])
ratio_ip = rate(r[("gateway-ip", "infer", 64)]) / rate(r[("direct-ip", "infer", 64)])
p50_1 = p50(r[("gateway", "infer", 1)]) / p50(r[("direct", "infer", 1)])
print(f"inference through the gateway / direct at 64 connections: {ratio:.2f} via published ports, "
      f"{ratio_ip:.2f} via container addresses (target >= 0.7); p50 at 1 connection: {p50_1:.2f}x (target <= 1.5)")
PY
