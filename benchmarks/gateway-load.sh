# Sourced by the gateway's benchmarks (gateway.sh, gateway-tracing.sh): the stack's settings for
# load far above the gateway's rate limits, one V2 inference request body, and a container's CPU.
command -v wrk >/dev/null || { echo "needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
export BERTH_RATE_LIMIT=1000000 BERTH_RATE_LIMIT_BURST=1000000
export BERTH_KEY_RATE_LIMIT=1000000 BERTH_KEY_RATE_LIMIT_BURST=1000000
export BENCH_API_KEY=${BENCH_API_KEY:-berth-dev-only-api-key}

v2_body() { # file: one held-out digit as a V2 inference request
  python3 - ml-service/src/test/resources/mnist-held-out-sample.json "$1" <<'PY'
import json, sys
pixels = json.load(open(sys.argv[1]))["images"][1]
json.dump({"inputs": [{"name": "input__0", "shape": [1, 1, 28, 28], "datatype": "FP32", "data": pixels}]},
          open(sys.argv[2], "w"), separators=(",", ":"))
PY
}

cpu_ns() { # service -> CPU time its container has used, in ns (cgroup v1 or v2); 0 if unknown
  local id; id=$(docker inspect -f '{{.Id}}' "$(docker compose ps -q "$1")")
  if [ -r "/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage" ]; then
    cat "/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage"
  elif [ -r "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat" ]; then
    echo $(($(awk '$1 == "usage_usec" {print $2}' "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat") * 1000))
  else
    echo 0
  fi
}
