#!/usr/bin/env bash
# Rebuilding or replacing one container leaves the others alone. Against a running stack (./berth up,
# with COMPOSE_PROJECT_NAME and BERTH_PORT exported), for ml and then web:
#   docker compose build <service> && docker compose up -d --no-deps --wait <service>
# must replace that container only: every other container keeps its id and start time, the app
# answers through the gateway afterwards and the database keeps its rows. Then every image is
# rebuilt and the whole stack recreated, and the rows are still there. The new images differ from
# the old ones by their revision label (BERTH_REVISION), which is what a code change would also do.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BERTH_PORT:-8080}
base=http://localhost:$port
fail() { echo "FAILED: $*"; exit 1; }

# One line per running service: name, container id, start time.
containers() {
  local service
  for service in db web ml gateway; do
    echo "$service $(docker inspect --format '{{.Id}} {{.State.StartedAt}}' "$(docker compose ps -q "$service")")"
  done
}
rows() {
  curl -fsS "$base/api/predictions?size=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["page"]["totalElements"])'
}
classify() {
  python3 -c 'import json; print(json.dumps({"pixels": [((i % 28) > 12 and (i // 28) > 4) * 1.0 for i in range(784)]}))' \
    | curl -fsS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- "$base/api/predictions"
}
app_answers() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/v2/health/ready")" = 200 ] || fail "ml is not ready through the gateway"
  [ "$(classify)" = 201 ] || fail "classifying through the gateway did not answer 201"
}

app_answers
for service in ml web; do
  before=$(containers)
  rows_before=$(rows)
  echo "rebuild $service: docker compose build $service && docker compose up -d --no-deps --wait $service"
  BERTH_REVISION="rebuild-$service" docker compose build -q "$service"
  docker compose up -d --no-deps --wait "$service" 2>&1 | sed 's/^/  /'
  after=$(containers)
  [ "$(grep -v "^$service " <<<"$before")" = "$(grep -v "^$service " <<<"$after")" ] \
    || fail "replacing $service touched another container:"$'\n'"$before"$'\n'"$after"
  [ "$(grep "^$service " <<<"$before")" != "$(grep "^$service " <<<"$after")" ] || fail "$service was not replaced"
  [ "$(rows)" = "$rows_before" ] || fail "the database lost rows ($rows_before before, $(rows) after)"
  app_answers
  echo "  only $service was replaced; db, the other services and $rows_before rows are as they were"
done

before=$(containers)
rows_before=$(rows)
echo "rebuild every image and recreate the stack: BERTH_REVISION=rebuild-all ./berth up"
BERTH_REVISION=rebuild-all ./berth up >/dev/null 2>&1 || fail "the stack did not come back up"
after=$(containers)
for service in web ml gateway; do
  [ "$(grep "^$service " <<<"$before")" != "$(grep "^$service " <<<"$after")" ] || fail "$service was not recreated"
done
[ "$(rows)" = "$rows_before" ] || fail "the database lost rows across a rebuild ($rows_before before, $(rows) after)"
app_answers
echo "  every container recreated from new images; all $rows_before rows are still there"
