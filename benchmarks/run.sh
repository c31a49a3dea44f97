#!/usr/bin/env bash
# Measures ml-service against the DJL limit, a naive Spring + DJL server, FastAPI + PyTorch and its
# own no-model web ceiling, in one run on this machine and model, then prints a results table and
# writes it to benchmarks/results/<date>.md.
#
#   benchmarks/run.sh            # full run, about 20 minutes: 3 rounds of 5 s warm-up + 10 s measured
#   benchmarks/run.sh --quick    # 1 round of 2 s + 4 s per point (about 5 min), for trying the script
#   benchmarks/run.sh --skip-build --only ml-on,naive
#
# All servers run side by side and are measured in rounds: each round loads every server in turn at
# each connection count, so servers compared in a ratio are measured minutes apart, not a quarter of
# an hour. The report gives each point's median over the rounds, and each ratio as the median of
# its per-round ratios with their range: on a shared machine the noise moves all servers together
# within a round far more than it moves one against the other.
#
# Options: --quick, --skip-build (use the jars already built), --only <ids> (comma-separated, from:
# inprocess, no-model, naive, ml-off, ml-on, fastapi-1, fastapi-2).
# Environment (defaults in brackets):
#   BENCH_ROUNDS [3; 1 with --quick]            times every point is measured
#   BENCH_WARMUP_S [5], BENCH_DURATION_S [10]   seconds of wrk per point, warm-up then measured
#   BENCH_CONNECTIONS ["1 16 64"]               concurrent connections (wrk -c) per server
#   BENCH_IDLE_S [10]                           CPU of every server measured with no load at the end
#   BENCH_JIT_WARMUP_S [40; 10 with --quick]    once per Java server, before the first round: load at
#                                               the highest connection count, so that the JIT compiler
#                                               (C2 took up to half the CPU for a minute after start)
#                                               is done before anything is measured
#   BENCH_INPROCESS_WARMUP_S [3], BENCH_INPROCESS_S [5]   per in-process point
#   BENCH_JAVA [the oldest JDK >= 21 found, as the ml image runs Java 21; else java on the PATH]
#   BENCH_JAVA_OPTS [the ml image's JAVA_TOOL_OPTIONS]   for every Java server
#   BENCH_ML_JAR                                an ml-service jar to measure instead of building one
#   BENCH_ML_ARGS                               extra arguments for every ml-service server
#   BENCH_PORT_BASE [28080]                     servers listen on 127.0.0.1 from this port on (the
#                                               next free one, in steps of 10, if taken)
#   BENCH_DIGIT [1]                             which held-out digit (of 200) every request carries
#
# Needs wrk, curl and Debian's python3-fastapi, python3-uvicorn (+ python3-uvloop, python3-httptools)
# and python3-torch, installed when run as root. Everything runs on loopback; every server is started
# here and stopped by its PID.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

command="benchmarks/run.sh${*:+ $*}"
quick=false
build=true
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --skip-build) build=false ;;
    --only) only=${2:?--only needs a list}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if $quick; then
  rounds=${BENCH_ROUNDS:-1}; warmup_s=${BENCH_WARMUP_S:-2}; duration_s=${BENCH_DURATION_S:-4}; idle_s=${BENCH_IDLE_S:-5}
  jit_warmup_s=${BENCH_JIT_WARMUP_S:-10}
  inprocess_warmup_s=${BENCH_INPROCESS_WARMUP_S:-1}; inprocess_s=${BENCH_INPROCESS_S:-3}
else
  rounds=${BENCH_ROUNDS:-3}; warmup_s=${BENCH_WARMUP_S:-5}; duration_s=${BENCH_DURATION_S:-10}; idle_s=${BENCH_IDLE_S:-10}
  jit_warmup_s=${BENCH_JIT_WARMUP_S:-40}
  inprocess_warmup_s=${BENCH_INPROCESS_WARMUP_S:-3}; inprocess_s=${BENCH_INPROCESS_S:-5}
fi
connections=${BENCH_CONNECTIONS:-1 16 64}
# As the ml image runs its JVM (docker/Dockerfile, target ml); the same for every Java server here.
java_opts=${BENCH_JAVA_OPTS:--Xmx320m -Xmn64m -XX:+ExitOnOutOfMemoryError}
port_base=${BENCH_PORT_BASE:-28080}
digit=${BENCH_DIGIT:-1}
python=/usr/bin/python3   # Debian's interpreter: a pyenv/venv python lacks the apt-installed packages
model_repository=$root/ml-service/model-repository
model_file=$model_repository/mnist/1/model.pt
fixture=$root/ml-service/src/test/resources/mnist-held-out-sample.json
clk_tck=$(getconf CLK_TCK)
# ml-service, both variants the same jar: id, dynamic batching, port offset.
ml_variants=(
  "ml-off false 0"
  "ml-on true 4"
)

selected() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

java_major() {  # the feature release of a java launcher: 17, 21, 25 (0 when it does not run)
  "$1" -version 2>&1 | awk -F'"' '/version "/ {split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]) + 0; found = 1; exit}
    END {if (!found) print 0}'
}
# The ml image runs Java 21, and the JVM matters: on this project's machine ml-service on Java 17
# served 10-35 % fewer requests at 64 connections than the image's Java 21 or Java 25, while the
# naive server ran the same on all three. So every Java server here runs on the oldest JDK >= 21 found.
pick_java() {
  local candidate major best="" best_major=999
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ "$major" -ge 21 ] && [ "$major" -lt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -n "$best" ]; then echo "$best"; return; fi
  log "WARNING: no JDK >= 21 found (the ml image runs 21); measuring on $(command -v java), set BENCH_JAVA to choose"
  command -v java
}
java=${BENCH_JAVA:-$(pick_java)}

# --- tools --------------------------------------------------------------------------------------
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v curl >/dev/null || need_apt+=(curl)
"$python" -c 'import torch' 2>/dev/null || need_apt+=(python3-torch)
"$python" -c 'import fastapi' 2>/dev/null || need_apt+=(python3-fastapi)
"$python" -c 'import uvicorn' 2>/dev/null || need_apt+=(python3-uvicorn)
# What `pip install uvicorn[standard]` brings. Without uvloop, uvicorn 0.17's multi-worker mode
# leaves Nagle's algorithm on and every response waits ~40 ms for a delayed ACK.
"$python" -c 'import uvloop' 2>/dev/null || need_apt+=(python3-uvloop)
"$python" -c 'import httptools' 2>/dev/null || need_apt+=(python3-httptools)
# The ml image's allocator (docker/Dockerfile, target ml), given to ml-service and the in-process run.
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
[ -f "$jemalloc" ] || need_apt+=(libjemalloc2)
ml_env=(LD_PRELOAD="$jemalloc" MALLOC_CONF=narenas:2 OMP_WAIT_POLICY=PASSIVE DJL_OFFLINE=true)
if [ ${#need_apt[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing: ${need_apt[*]}; run 'sudo apt-get install -y ${need_apt[*]}'"
  log "installing ${need_apt[*]} (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
[ -f "$model_file" ] || die "model not found: $model_file"

# --- build --------------------------------------------------------------------------------------
modules=benchmarks/djl-inprocess,benchmarks/naive-djl-server,benchmarks/no-model-server
[ -n "${BENCH_ML_JAR:-}" ] || modules="ml-service,$modules"
if $build; then
  log "building $modules"
  ./mvnw -B -q -Pbench -pl "$modules" -am package -DskipTests
fi
jar_of() {  # the runnable jar of a module: its -exec.jar (the plain jar is a library)
  local jar
  for jar in "$root/$1"/target/*-exec.jar "$root/$1"/target/*.jar; do
    case $jar in *-sources.jar|*-javadoc.jar) continue ;; esac
    [ -f "$jar" ] && { echo "$jar"; return; }
  done
  die "no jar in $1/target: run without --skip-build"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/berth-bench.XXXXXX")
mkdir -p "$work/logs"
# The logs stay for reading; the jar and model copies (hundreds of MB) go (see the EXIT trap below).
results=$work/results.jsonl
: >"$results"
# Copies, so that a rebuild by someone else during the run cannot change a jar under a running JVM.
for variant in "${ml_variants[@]}"; do
  if selected "${variant%% *}"; then cp "${BENCH_ML_JAR:-$(jar_of ml-service)}" "$work/ml-service.jar"; break; fi
done
if selected naive; then cp "$(jar_of benchmarks/naive-djl-server)" "$work/naive.jar"; fi
if selected no-model; then cp "$(jar_of benchmarks/no-model-server)" "$work/no-model.jar"; fi
if selected inprocess; then inprocess_jar=$(jar_of benchmarks/djl-inprocess); fi

# --- the request: one held-out digit as V2 JSON, floats as Python writes them (~3.5 KB) ----------
# The expected answer is what PyTorch itself computes for this model and digit.
"$python" - "$fixture" "$digit" "$model_file" "$work/body.json" "$work/expected" <<'EOF'
import json, sys
import torch
fixture, index, model_file, body_file, expected_file = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
sample = json.load(open(fixture))
pixels = [float(v) for v in sample["images"][index]]
body = {"inputs": [{"name": "input__0", "shape": [1, 1, 28, 28], "datatype": "FP32", "data": pixels}]}
open(body_file, "w").write(json.dumps(body, separators=(",", ":")))
with torch.inference_mode():
    logits = torch.jit.load(model_file, map_location="cpu")(torch.tensor(pixels).reshape(1, 1, 28, 28))
open(expected_file, "w").write(str(int(logits.argmax())))
EOF
expected=$(cat "$work/expected")

# --- process bookkeeping ------------------------------------------------------------------------
# Every server started is stopped by PID (its whole process tree) however the script ends.
declare -A server_pid=() server_port=()
servers=()   # started and answering correctly, in start order
failed=()
stop_all() {
  local id pids=()
  for id in "${!server_pid[@]}"; do
    pids+=($(tree_pids "${server_pid[$id]}"))
    kill -TERM "${server_pid[$id]}" 2>/dev/null || true
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  local deadline=$((SECONDS + 30)) pid
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  server_pid=()
}
trap 'stop_all; rm -rf "$work"/*.jar "$work"/model-repository-*' EXIT
trap 'exit 130' INT TERM

tree_pids() {  # a process and all its descendants
  echo "$1"
  local child
  for child in $(pgrep -P "$1" 2>/dev/null || true); do tree_pids "$child"; done
}
cpu_ticks() {  # utime + stime of a process tree, in clock ticks
  local total=0 pid stat
  for pid in $(tree_pids "$1"); do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }           # after "pid (comm) ": field 3 onwards
    # shellcheck disable=SC2086
    set -- $stat
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
peak_rss_kb() {  # sum of VmHWM (peak resident set since start) over a process tree
  local total=0 pid kb
  for pid in $(tree_pids "$1"); do
    kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}
now() { date +%s.%N; }
machine_busy_ticks() {  # CPU time used by everything on the machine, all cores, in clock ticks
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {  # the first free port from $1 on (a shared machine may already use the preferred one)
  local port=$1
  while ! port_free "$port"; do
    port=$((port + 10))
    [ "$port" -lt $(($1 + 1000)) ] || die "no free port near $1 (set BENCH_PORT_BASE)"
  done
  echo "$port"
}

# start_server ID PORT COMMAND...: runs it in the background, waits for /v2/health/ready and checks
# its answer. A server that fails is reported and left out; the others still run.
start_server() {
  local id=$1 port=$2; shift 2
  log "starting $id on 127.0.0.1:$port"
  local started pid; started=$(now)
  "$@" >"$work/logs/$id.log" 2>&1 &
  pid=$!
  server_pid[$id]=$pid
  server_port[$id]=$port
  local deadline=$((SECONDS + 240))
  until curl -sf -o /dev/null "http://127.0.0.1:$port/v2/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$work/logs/$id.log" >&2
      drop_server "$id" "did not become ready (log above, full log in $work/logs/$id.log)"
      return 0
    fi
    sleep 0.1
  done
  local ready_s; ready_s=$("$python" -c "print(round($(now) - $started, 2))")
  if ! check_answer "$id" "$port"; then
    drop_server "$id" "answered wrongly"
    return 0
  fi
  echo "{\"kind\":\"server\",\"server\":\"$id\",\"ready_s\":$ready_s}" >>"$results"
  servers+=("$id")
  log "$id ready after ${ready_s} s, answers correctly"
}

# drop_server ID WHY: stops a server that cannot be measured and reports it at the end.
drop_server() {
  local id=$1 pid=${server_pid[$1]:-} p
  log "ERROR: $id $2; going on without it"
  failed+=("$id")
  local kept=()
  for p in "${servers[@]}"; do [ "$p" = "$id" ] || kept+=("$p"); done
  servers=(${kept[@]+"${kept[@]}"})
  if [ -n "$pid" ]; then
    for p in $(tree_pids "$pid"); do kill -KILL "$p" 2>/dev/null || true; done
    wait "$pid" 2>/dev/null || true
    unset "server_pid[$id]"
  fi
}

# The server must answer the digit correctly before it is measured: a fast wrong server is no result.
check_answer() {
  local id=$1 port=$2 response
  response=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$work/body.json" "http://127.0.0.1:$port/v2/models/mnist/infer")
  "$python" - "$id" "$expected" "$response" <<'EOF' || return 1
import json, sys
server, expected, raw = sys.argv[1], int(sys.argv[2]), sys.argv[3]
body, status = raw.rsplit("\n", 1)
if status != "200":
    sys.exit(f"{server}: HTTP {status}: {body[:300]}")
output = json.loads(body)["outputs"][0]
data = output["data"]
if output["shape"] != [1, 10] or len(data) != 10:
    sys.exit(f"{server}: unexpected output {output}")
if server == "no-model":
    sys.exit(0)  # a fixed answer, by design
guess = max(range(10), key=lambda i: data[i])
if guess != expected:
    sys.exit(f"{server}: predicted {guess}, PyTorch predicts {expected}")
EOF
}

wrk_args() {  # sets the caller's 'args' to wrk's options for ID at CONNECTIONS (one thread for one connection)
  local threads=2
  [ "$2" -ge 2 ] || threads=1
  args=(-t"$threads" -c"$2" --timeout 10s -s "$here/wrk/post-body.lua" "http://127.0.0.1:${server_port[$1]}/v2/models/mnist/infer")
}

# measure ID CONNECTIONS ROUND: wrk warm-up, then a measured run with the server's CPU and peak RSS.
measure() {
  local id=$1 c=$2 round=$3 pid=${server_pid[$1]}
  local args; wrk_args "$id" "$c"
  BENCH_BODY=$work/body.json wrk -d"${warmup_s}s" "${args[@]}" >/dev/null
  local ticks_before wall_before ticks_after wall_after busy_before busy_after wrk_cpu
  busy_before=$(machine_busy_ticks); ticks_before=$(cpu_ticks "$pid"); wall_before=$(now)
  local TIMEFORMAT='%U %S' out=$work/logs/wrk-$id-c$c-r$round
  { time BENCH_BODY=$work/body.json wrk -d"${duration_s}s" --latency "${args[@]}" >"$out.txt"; } 2>"$out.time"
  wall_after=$(now); ticks_after=$(cpu_ticks "$pid"); busy_after=$(machine_busy_ticks)
  if ! kill -0 "$pid" 2>/dev/null; then
    drop_server "$id" "died during the run (log: $work/logs/$id.log)"
    return 0
  fi
  local wrk_json
  wrk_json=$(grep '^WRK_RESULT ' "$out.txt" | sed 's/^WRK_RESULT //') || die "no wrk result for $id c=$c"
  wrk_cpu=$(awk '{print $1 + $2}' "$out.time")
  local cpu_pct rss_mb wrk_pct other_pct
  read -r cpu_pct wrk_pct other_pct < <("$python" -c "
wall = $wall_after - $wall_before
server = ($ticks_after - $ticks_before) / $clk_tck
machine = ($busy_after - $busy_before) / $clk_tck
print(round(100 * server / wall, 1), round(100 * $wrk_cpu / wall, 1), round(100 * (machine - server - $wrk_cpu) / wall, 1))")
  rss_mb=$(( $(peak_rss_kb "$pid") / 1024 ))
  echo "{\"kind\":\"http\",\"server\":\"$id\",\"connections\":$c,\"round\":$round,\"cpu_pct\":$cpu_pct,\"peak_rss_mb\":$rss_mb,\"wrk_cpu_pct\":$wrk_pct,\"other_cpu_pct\":$other_pct,\"wrk\":$wrk_json}" >>"$results"
  log "round $round, $id c=$c: $("$python" -c "import json,sys; w=json.loads(sys.argv[1]); print(f\"{w['requests']/w['duration_us']*1e6:.0f} req/s, p50 {w['p50_us']/1000:.2f} ms, p99 {w['p99_us']/1000:.2f} ms\")" "$wrk_json"), server CPU ${cpu_pct} %, peak RSS ${rss_mb} MB, wrk ${wrk_pct} %, other processes ${other_pct} %"
}

# One long warm-up per Java server before the first round: the per-point warm-up alone left the JIT
# compiler busy during the 1-connection point (measured here: C2 used 45-55 % of all the server's
# CPU in the first minute, and the CPU per request at 1 connection was 1.6-1.9 ms then, 0.9 ms later).
jit_warmup() {
  local id=$1 c max_c=0
  for c in $connections; do [ "$c" -le "$max_c" ] || max_c=$c; done
  log "$id: JIT warm-up, ${jit_warmup_s} s at $max_c connections"
  local args; wrk_args "$id" "$max_c"
  BENCH_BODY=$work/body.json wrk -d"${jit_warmup_s}s" "${args[@]}" >/dev/null
}

# CPU each server burns with no requests at all (spinning workers, busy-waiting OpenMP threads),
# all servers over the same idle period.
measure_idle() {
  local id before=() after=() wall_before wall_after
  sleep 5  # let the JIT compilers and GCs finish what the load left them
  for id in "${servers[@]}"; do before+=("$(cpu_ticks "${server_pid[$id]}")"); done
  wall_before=$(now)
  sleep "$idle_s"
  wall_after=$(now)
  for id in "${servers[@]}"; do after+=("$(cpu_ticks "${server_pid[$id]}")"); done
  local i cpu_pct
  for i in "${!servers[@]}"; do
    cpu_pct=$("$python" -c "print(round(100 * (${after[$i]} - ${before[$i]}) / $clk_tck / ($wall_after - $wall_before), 2))")
    echo "{\"kind\":\"idle\",\"server\":\"${servers[$i]}\",\"seconds\":$idle_s,\"cpu_pct\":$cpu_pct}" >>"$results"
    log "${servers[$i]} idle for ${idle_s} s: ${cpu_pct} % CPU"
  done
}

# A copy of the model repository with dynamic batching switched on or off in every model's config.yml
# (the dynamic_batching.enabled key; added when a config has no dynamic_batching block), made once and
# shared by the servers that ask for the same.
repository_with_batching() {
  local enabled=$1 dir=$work/model-repository-batching-$1
  if [ -d "$dir" ]; then echo "$dir"; return; fi
  cp -r "$model_repository" "$dir"
  local config
  for config in "$dir"/*/config.yml; do
    "$python" - "$config" "$enabled" <<'EOF'
import re, sys
path, enabled = sys.argv[1], sys.argv[2]
lines = open(path).read().splitlines()
out, in_block, done = [], False, False
for line in lines:
    if re.match(r"^dynamic_batching:\s*(#.*)?$", line):
        in_block = True
    elif in_block and line.strip() and not line.startswith((" ", "\t", "#")):
        in_block = False
    if in_block and re.match(r"^\s+enabled:", line):
        line = re.sub(r"enabled:.*", f"enabled: {enabled}", line)
        done = True
    out.append(line)
if not done:
    out += ["dynamic_batching:", f"  enabled: {enabled}"]
open(path, "w").write("\n".join(out) + "\n")
EOF
  done
  echo "$dir"
}

# --- machine conditions -------------------------------------------------------------------------
BENCH_COMMAND=$command BENCH_JAVA_VERSION=$("$java" -version 2>&1 | head -n1) BENCH_JAVA_OPTS_USED=$java_opts \
BENCH_WRK_VERSION=$(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2) \
BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- ml-service \
  2>/dev/null || echo ' + uncommitted ml-service changes')" \
BENCH_ML_JAR_USED=${BENCH_ML_JAR:-built from ml-service/} \
"$python" - "$rounds" "$warmup_s" "$duration_s" "$idle_s" "$inprocess_warmup_s" "$inprocess_s" "$connections" \
  "$work/body.json" >>"$results" <<'EOF'
import datetime, json, os, platform, sys
import fastapi, torch, uvicorn
rounds, warmup, duration, idle, in_warmup, in_seconds, connections, body = sys.argv[1:]
cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
print(json.dumps({
    "kind": "machine",
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "command": os.environ["BENCH_COMMAND"],
    "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 1048576, 1),
    "kernel": platform.release(), "load_before": " ".join(open("/proc/loadavg").read().split()[:3]),
    "java": os.environ["BENCH_JAVA_VERSION"], "java_opts": os.environ["BENCH_JAVA_OPTS_USED"],
    "torch": torch.__version__, "fastapi": f"fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__}",
    "wrk": os.environ["BENCH_WRK_VERSION"], "commit": os.environ["BENCH_COMMIT"],
    "ml_jar": os.environ["BENCH_ML_JAR_USED"],
    "rounds": int(rounds), "warmup_s": float(warmup), "duration_s": float(duration), "idle_s": float(idle),
    "inprocess_warmup_s": float(in_warmup), "inprocess_s": float(in_seconds),
    "connections": connections, "body_bytes": os.path.getsize(body),
}))
EOF

# --- (a) in-process DJL limit -------------------------------------------------------------------
if selected inprocess; then
  log "in-process DJL: batch 1/8/32/128, 1 and 2 threads (${inprocess_warmup_s} s + ${inprocess_s} s each)"
  set +e
  # shellcheck disable=SC2086
  env "${ml_env[@]}" "$java" $java_opts -jar "$inprocess_jar" --model "$model_file" \
    --warmup-seconds "$inprocess_warmup_s" --seconds "$inprocess_s" >"$work/logs/inprocess.log" 2>&1
  status=$?
  set -e
  grep '^RESULT ' "$work/logs/inprocess.log" | sed 's/^RESULT {/{"kind":"inprocess",/' >>"$results" || true
  if [ $status -ne 0 ]; then
    tail -n 20 "$work/logs/inprocess.log" >&2
    log "ERROR: the in-process benchmark failed (exit $status; log: $work/logs/inprocess.log)"
    failed+=(inprocess)
  fi
fi

# --- (b)-(e) every server side by side: no-model ceiling, naive, ml-service, FastAPI --------------
# Started one after the other (so start-to-ready times are not inflated by each other), then left
# running; an idle server costs the others well under 1 % of a core (see the idle CPU in the report).
if selected no-model; then
  port=$(free_port $((port_base + 2)))
  # shellcheck disable=SC2086
  start_server no-model "$port" "$java" $java_opts -jar "$work/no-model.jar" \
    --server.address=127.0.0.1 --server.port="$port"
fi

if selected naive; then
  # Same engine threads as ml-service, so the comparison is about the server, not one flag.
  port=$(free_port $((port_base + 1)))
  # shellcheck disable=SC2086
  start_server naive "$port" env DJL_OFFLINE=true "$java" $java_opts \
    -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -jar "$work/naive.jar" \
    --server.address=127.0.0.1 --server.port="$port" --naive.model="$model_file"
fi

for variant in "${ml_variants[@]}"; do
  read -r id enabled offset <<<"$variant"
  selected "$id" || continue
  # Both switches: the server-wide default and each model's config.yml, which overrides it.
  repository=$(repository_with_batching "$enabled")
  port=$(free_port $((port_base + offset)))
  # The environment of the ml image (docker/Dockerfile, target ml), bar the libtorch location.
  # shellcheck disable=SC2086
  start_server "$id" "$port" env "${ml_env[@]}" BERTH_ML_MODEL_REPOSITORY="$repository" \
    "$java" $java_opts -jar "$work/ml-service.jar" \
    --server.address=127.0.0.1 --server.port="$port" --berth.ml.batching.enabled="$enabled" \
    ${BENCH_ML_ARGS:-}
done

for workers in 1 2; do
  selected "fastapi-$workers" || continue
  port=$(free_port $((port_base + 4 + workers)))
  start_server "fastapi-$workers" "$port" env BERTH_BENCH_MODEL="$model_file" \
    "$python" -m uvicorn --app-dir "$here/fastapi-server" server:app --host 127.0.0.1 \
    --port "$port" --workers "$workers" --loop uvloop --http httptools --no-access-log --log-level warning
done

if [ "$jit_warmup_s" -gt 0 ]; then
  for id in "${servers[@]}"; do
    case $id in fastapi-*) ;; *) jit_warmup "$id" ;; esac
  done
fi
for round in $(seq 1 "$rounds"); do
  for c in $connections; do
    # Each round starts one server further along, so that no server is always the first one measured
    # at a new connection count.
    order=(${servers[@]+"${servers[@]}"})
    count=${#order[@]}
    for ((i = 0; i < count; i++)); do
      id=${order[$(( (i + round - 1) % count ))]}
      if [ -n "${server_pid[$id]:-}" ]; then measure "$id" "$c" "$round"; fi
    done
  done
done
[ ${#servers[@]} -eq 0 ] || measure_idle
stop_all

# --- report -------------------------------------------------------------------------------------
for id in "${failed[@]}"; do echo "{\"kind\":\"failed\",\"server\":\"$id\"}" >>"$results"; done
mkdir -p "$here/results"
report=$here/results/$(date +%Y-%m-%d-%H%M).md
"$python" "$here/report.py" "$results" >"$report"
cp "$results" "${report%.md}.jsonl"
echo
cat "$report"
echo
log "written to ${report#"$root"/} (raw results beside it as .jsonl; server and wrk logs in $work/logs)"
if [ ${#failed[@]} -gt 0 ]; then
  log "ERROR: not measured: ${failed[*]} (see the logs above)"
  exit 1
fi
