#!/usr/bin/env bash
# The web app's request path against ml-service's own, on one running stack, both through the
# gateway's published port: POST /api/predictions (validate, ask ml, store, answer) against
# POST /v2/models/mnist/infer (ml alone), at the same concurrency. Prints a markdown table and
# the ratio the project's target is stated in (web req/s / ml req/s).
#
#   ./berth up && benchmarks/web-api.sh
#
# Every load runs once as JIT warm-up (BENCH_WARM_S), then again measured (BENCH_LOAD_S), with
# wrk at BENCH_CONNECTIONS. The predictions it stores stay in the database (source API).
# Environment: BERTH_PORT [8080], BENCH_CONNECTIONS [64], BENCH_WARM_S [40], BENCH_LOAD_S [30],
# BENCH_API_KEY [the development key]. Every request carries the key, so the gateway counts them
# against the key's rate limit (BERTH_KEY_RATE_LIMIT, 2,000/s by default), above what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BERTH_PORT:-8080}
connections=${BENCH_CONNECTIONS:-64}
warm_s=${BENCH_WARM_S:-40}
load_s=${BENCH_LOAD_S:-30}
command -v wrk >/dev/null || { echo "needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
curl -fsS "http://localhost:$port/api/status" >/dev/null || { echo "no stack answers on :$port (./berth up)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - ml-service/src/test/resources/mnist-held-out-sample.json "$work" <<'PY'
import json, sys
pixels = json.load(open(sys.argv[1]))["images"][1]
json.dump({"inputs": [{"name": "input__0", "shape": [1, 1, 28, 28], "datatype": "FP32", "data": pixels}]},
          open(sys.argv[2] + "/v2.json", "w"), separators=(",", ":"))
json.dump({"pixels": pixels}, open(sys.argv[2] + "/api.json", "w"), separators=(",", ":"))
PY

export BENCH_API_KEY=${BENCH_API_KEY:-berth-dev-only-api-key}
load() { # path body seconds -> one WRK_RESULT line
  BENCH_BODY=$work/$2 wrk -t2 -c"$connections" -d"$3s" --timeout 10s -s benchmarks/wrk/post-body.lua \
    "http://localhost:$port$1" | grep -E '^WRK_RESULT' | sed 's/^WRK_RESULT //'
}
echo "warm-up: ${warm_s} s of each path at $connections connections" >&2
load /v2/models/mnist/infer v2.json "$warm_s" >/dev/null
load /api/predictions api.json "$warm_s" >/dev/null
echo "measured: ${load_s} s of each path" >&2
load /v2/models/mnist/infer v2.json "$load_s" >"$work/ml"
load /api/predictions api.json "$load_s" >"$work/web"

python3 - "$work/ml" "$work/web" "$connections" <<'PY'
import json, sys
ml, web = (json.load(open(f)) for f in sys.argv[1:3])
def rate(r): return r["requests"] / (r["duration_us"] / 1e6)
def errors(r): return sum(r[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
print(f"| path (through the gateway, {sys.argv[3]} connections) | req/s | p50 ms | p99 ms | errors |")
print("|---|---:|---:|---:|---:|")
for name, r in (("POST /v2/models/mnist/infer (ml alone)", ml), ("POST /api/predictions (web: ml + store)", web)):
    print(f"| {name} | {rate(r):,.0f} | {r['p50_us']/1000:.1f} | {r['p99_us']/1000:.1f} | {errors(r)} |")
print()
print(f"web / ml throughput: {rate(web) / rate(ml):.2f} (target >= 0.25); web p99: {web['p99_us']/1000:.1f} ms (target <= 100)")
PY
