#!/usr/bin/env bash
# Berth on a single-node Docker Swarm (deploy/swarm/stack.yml and observability.yml), with the
# images that ./berth up built (tagged latest and with the git revision):
#   1. deploys the stack with one ml replica, Prometheus and Zipkin, every request traced, its
#      secrets created here; db-migrate completes once (restarted while the database starts) and the
#      two web replicas start on the schema it applied;
#   2. a classify and the inference API through the gateway; a batch job that both web replicas
#      work on, every item classified exactly once;
#   3. scales ml to 2 replicas: both answer requests that come through the gateway;
#   4. updates ml to another image reference (rolling, start-first) while clients classify and
#      infer through the gateway: no request fails;
#   5. Prometheus scrapes every replica (2 web, 2 ml, the gateway), and Zipkin holds a classify's
#      trace through gateway, web and ml;
#   6. removes the stack, its volumes and secrets (and leaves the swarm if it joined it).
# Grafana runs too where its image is here (GRAFANA_IMAGE); no stand-in can be built for it.
# Needs the port BERTH_PORT (8080) free: the gateway publishes it on this node.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/bin:$PATH"

stack=berth-ci
port=${BERTH_PORT:-8080}
base="http://localhost:$port"
key="ci:$(openssl rand -hex 16)"
work=$(mktemp -d)
export BERTH_PORT=$port BERTH_SECRET_PREFIX=$stack BERTH_ML_REPLICAS=1 BERTH_WEB_REPLICAS=2 \
  BERTH_TRACING=true BERTH_TRACING_SAMPLING=1.0
grafana_image=${GRAFANA_IMAGE:-grafana/grafana:11.6.0}
if docker image inspect "$grafana_image" >/dev/null 2>&1; then
  export BERTH_GRAFANA_REPLICAS=1; grafana_note="Grafana runs too ($grafana_image)"
else
  export BERTH_GRAFANA_REPLICAS=0; grafana_note="Grafana is left at 0 replicas: its image ($grafana_image) is not here"
fi
say() { printf '[swarm] %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

joined_swarm=false
cleanup() {
  local rc=$?
  if [ $rc != 0 ]; then
    docker service ls --filter "label=com.docker.stack.namespace=$stack" || true
    docker service ps --no-trunc --format '{{.Name}} {{.Image}} {{.CurrentState}} {{.Error}}' \
      "${stack}_db-migrate" "${stack}_web" "${stack}_ml" "${stack}_gateway" "${stack}_prometheus" "${stack}_zipkin" \
      2>/dev/null | head -n 40 || true
    local service
    for service in db-migrate web ml gateway prometheus zipkin; do
      docker service logs --no-task-ids --tail 30 "${stack}_$service" 2>&1 | sed "s/^/[$service] /" || true
    done
  fi
  docker stack rm "$stack" >/dev/null 2>&1 || true
  for _ in $(seq 60); do
    [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$stack")" ] \
      && [ -z "$(docker network ls -q --filter "label=com.docker.stack.namespace=$stack")" ] && break
    sleep 1
  done
  docker volume rm "${stack}_db-data" "${stack}_models" "${stack}_prometheus-data" "${stack}_grafana-data" >/dev/null 2>&1 || true
  docker secret rm "${stack}_db_password" "${stack}_db_root_password" "${stack}_api_keys" \
    "${stack}_grafana_admin_password" >/dev/null 2>&1 || true
  if $joined_swarm; then docker swarm leave --force >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT

# wait_until DESCRIPTION SECONDS COMMAND...: runs COMMAND every 2 s until it succeeds.
wait_until() {
  local what=$1 limit=$2 waited=0; shift 2
  until "$@" >/dev/null 2>&1; do
    [ $waited -ge "$limit" ] && fail "not within ${limit}s: $what"
    sleep 2; waited=$((waited + 2))
  done
  say "$what (${waited}s)"
}

# metric_per_task SERVICE PATTERN: each running task of the service, and the sum of the series in
# its own /actuator/prometheus whose lines match PATTERN (an awk regular expression).
metric_per_task() {
  local container
  for container in $(docker ps -q --filter "label=com.docker.swarm.service.name=${stack}_$1"); do
    printf '%s %s\n' "$(docker inspect -f '{{index .Config.Labels "com.docker.swarm.task.name"}}' "$container")" \
      "$(docker exec "$container" bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080
        printf "GET /actuator/prometheus HTTP/1.0\r\n\r\n" >&3; cat <&3' \
        | awk -v pattern="$2" '$0 ~ pattern { n += $2 } END { print n + 0 }')"
  done
}
# Each ml task's count of inference requests; each web task's count of calls to ml's inference.
ml_requests_per_task() { metric_per_task ml '^berth_ml_requests_total'; }
web_inference_calls_per_task() { metric_per_task web '^http_client_requests_seconds_count.*infer'; }

# Every service runs all of its replicas, and db-migrate's newest task has completed.
stack_converged() {
  docker service ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}} {{.Replicas}}' \
    | awk -v m="${stack}_db-migrate" '$1 != m { split($2, r, "/"); if (r[1] != r[2]) bad = 1 } END { exit bad }' \
    && docker service ps --format '{{.CurrentState}}' "${stack}_db-migrate" | head -n 1 | grep -q '^Complete'
}

# A V2 inference request (one held-out digit) and a classify request (the same digit).
python3 - ml-service/src/test/resources/mnist-held-out-sample.json "$work" <<'PY'
import json, sys
pixels = json.load(open(sys.argv[1]))["images"][1]
json.dump({"inputs": [{"name": "input__0", "shape": [1, 1, 28, 28], "datatype": "FP32", "data": pixels}]},
          open(sys.argv[2] + "/infer.json", "w"))
json.dump({"pixels": pixels}, open(sys.argv[2] + "/classify.json", "w"))
PY
infer() { curl -s -o /dev/null -m 30 -w '%{http_code}' -H "X-Api-Key: ${key#*:}" -H 'Content-Type: application/json' \
  --data "@$work/infer.json" "$base/v2/models/mnist/infer"; }
classify() { curl -s -o /dev/null -m 30 -w '%{http_code}' -H 'Content-Type: application/json' \
  --data "@$work/classify.json" "$base/api/predictions"; }

say "1. deploy"
if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  joined_swarm=true
  say "initialised a single-node swarm"
fi
docker node update --label-add berth.db=true "$(docker info --format '{{.Swarm.NodeID}}')" >/dev/null
openssl rand -hex 16 | tr -d '\n' | docker secret create "${stack}_db_password" - >/dev/null
openssl rand -hex 16 | tr -d '\n' | docker secret create "${stack}_db_root_password" - >/dev/null
printf '%s\n' "$key" | docker secret create "${stack}_api_keys" - >/dev/null
openssl rand -hex 16 | tr -d '\n' | docker secret create "${stack}_grafana_admin_password" - >/dev/null
say "$grafana_note"
docker stack deploy --resolve-image never -c deploy/swarm/stack.yml -c deploy/swarm/observability.yml "$stack"
wait_until "every service converged: db-migrate completed, 2 web, 1 ml, 1 gateway, Prometheus, Zipkin" 600 stack_converged
docker service ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}} {{.Mode}} {{.Replicas}} {{.Image}} {{.Ports}}'
# Attempts before the database answered fail and are restarted; exactly one migrates.
docker service ps --format '{{.Name}} {{.CurrentState}} {{.Error}}' "${stack}_db-migrate"
[ "$(docker service ps --format '{{.CurrentState}}' "${stack}_db-migrate" | grep -c '^Complete')" = 1 ] \
  || fail "db-migrate did not complete exactly once"
# Both web replicas started alongside db-migrate; each checked the schema version before it started.
docker service logs --no-task-ids "${stack}_web" 2>&1 | grep -E 'Waiting for database schema|Database schema is at' \
  | sed -E 's/^([^ ]+).*(Waiting for|Database schema is at)/\1 ... \2/' | tee "$work/schema-lines"
[ "$(grep 'Database schema is at version' "$work/schema-lines" | cut -d' ' -f1 | sort -u | wc -l)" = 2 ] \
  || fail "not every web replica checked the schema version"
say "db-migrate completed once; each web replica started on the schema version it needs"

say "2. requests through the gateway; a batch job across both web replicas"
wait_until "the gateway answers" 120 curl -fs "$base/api/status"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/v2/models/mnist")" = 401 ] || fail "the inference API is open without a key"
[ "$(infer)" = 200 ] || fail "inference with the key from the secret"
[ "$(classify)" = 201 ] || fail "classify"
say "inference with the API key from the Swarm secret: 200; classify: 201; no key: 401"
items=8000
web_inference_calls_per_task >"$work/web-calls-before"
python3 - ml-service/src/test/resources/mnist-held-out-sample.json "$items" "$work/digits.zip" <<'PY'
import json, struct, sys, zlib, zipfile
digits = json.load(open(sys.argv[1]))["images"]
def png(pixels):
    rows = b"".join(b"\0" + bytes(int(pixels[y * 28 + x] * 255) for x in range(28)) for y in range(28))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
with zipfile.ZipFile(sys.argv[3], "w") as z:
    for i in range(int(sys.argv[2])):
        z.writestr(f"digit-{i:05d}.png", png(digits[i % len(digits)]))
PY
job=$(curl -fsS -F "files=@$work/digits.zip;type=application/zip" "$base/api/jobs" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
job_completed() { curl -fsS "$base/api/jobs/$job" | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["status"] != "COMPLETED")'; }
wait_until "batch job $job of $items pictures completed" 600 job_completed
curl -fsS "$base/api/jobs/$job" | python3 -c '
import json, sys
job = json.load(sys.stdin)
assert (job["succeeded"], job["failed"]) == (int(sys.argv[1]), 0), job
' "$items" || fail "the job did not classify every item"
curl -fsS "$base/api/jobs/$job/results.csv" >"$work/results.csv"
rows=$(($(wc -l <"$work/results.csv") - 1))
distinct=$(tail -n +2 "$work/results.csv" | cut -d, -f1 | sort -u | wc -l)
[ "$rows" = "$items" ] && [ "$distinct" = "$items" ] || fail "results: $rows rows, $distinct distinct items, expected $items"
web_inference_calls_per_task >"$work/web-calls"
# Calls to ml per web replica while the job ran: both replicas' workers took items.
awk 'NR == FNR { before[$1] = $2; next } { print $1, $2 - before[$1] }' "$work/web-calls-before" "$work/web-calls" \
  | tee "$work/web-calls-job"
[ "$(awk '$2 > 0' "$work/web-calls-job" | wc -l)" = 2 ] || fail "not both web replicas worked on the job"
say "job: $items items, $items results, each item once; both web replicas' workers called ml for it"

say "3. scale ml to 2 replicas"
docker service scale --detach=false "${stack}_ml=2" >/dev/null
new_task_answers() {
  for _ in $(seq 40); do infer >/dev/null & done; wait
  ml_requests_per_task >"$work/ml-requests"
  [ "$(wc -l <"$work/ml-requests")" = 2 ] && [ "$(awk '$2 > 0' "$work/ml-requests" | wc -l)" = 2 ]
}
wait_until "both ml replicas answer inference requests through the gateway" 120 new_task_answers
cat "$work/ml-requests"

say "4. rolling update of ml under load"
revision_image="berth/ml-service:${BERTH_REVISION:-$(git rev-parse --short=12 HEAD)}"
docker image inspect "$revision_image" >/dev/null 2>&1 || docker tag berth/ml-service:latest "$revision_image"
stop="$work/stop"
for client in 1 2 3 4; do
  (while [ ! -e "$stop" ]; do echo "infer $(infer)"; echo "classify $(classify)"; done >"$work/load.$client") &
done
sleep 5
docker service update --detach=false --image "$revision_image" "${stack}_ml" >/dev/null
sleep 5
touch "$stop"; wait
cat "$work"/load.* | sort | uniq -c
[ "$(docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "${stack}_ml")" = "$revision_image" ] \
  || fail "ml was not updated"
if grep -v -E '^(infer 200|classify 201)$' "$work"/load.* >/dev/null; then fail "requests failed during the update"; fi
say "$(cat "$work"/load.* | wc -l) requests during the update of ml to $revision_image, none failed"
ml_requests_per_task

say "5. observability: every replica scraped, a classify traced through gateway, web and ml"
prometheus=$(docker ps -q --filter "label=com.docker.swarm.service.name=${stack}_prometheus" | head -n 1)
# GET URL from inside the Prometheus container, on the stack's networks (nothing of it is published).
from_prometheus() { docker exec "$prometheus" wget -q -O - "$1"; }
targets_up() {
  from_prometheus 'http://127.0.0.1:9090/api/v1/targets?state=active' | python3 -c '
import collections, json, sys
up = collections.Counter(t["labels"]["job"] for t in json.load(sys.stdin)["data"]["activeTargets"] if t["health"] == "up")
print(" ".join(f"{job}={up[job]}" for job in ("gateway", "web", "ml")))
sys.exit(up["gateway"] != 1 or up["web"] != 2 or up["ml"] != 2)' >"$work/targets"
}
wait_until "Prometheus scrapes 1 gateway, 2 web and 2 ml replicas, each up" 120 targets_up
cat "$work/targets"
[ "$(classify)" = 201 ] || fail "classify"
traced() {
  from_prometheus 'http://zipkin:9411/api/v2/traces?serviceName=web&spanName=http%20post%20%2Fapi%2Fpredictions&lookback=600000&limit=50' \
    | python3 -c '
import json, sys
sys.exit(not any({s["localEndpoint"]["serviceName"] for s in t} >= {"gateway", "web", "berth-ml-service"}
                 for t in json.load(sys.stdin)))'
}
wait_until "Zipkin holds a classify trace with spans of gateway, web and ml" 60 traced

say "6. remove the stack"
