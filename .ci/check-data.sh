#!/usr/bin/env bash
# Berth's data check: the database's data survives what operators do to it. Against a running
# default stack (MariaDB), brought up by ./berth up with COMPOSE_PROJECT_NAME and BERTH_PORT exported
# and the settings of ./berth env in the environment, it
#   1. creates predictions through the gateway (POST /api/predictions) and corrects some (PATCH);
#   2. backs the database up (db/tools/backup.sh), drops its volume (docker compose down -v), brings
#      the stack up again (empty), restores (db/tools/restore.sh), and checks that every row is back:
#      the API's answers, and a row count and checksum in SQL; new predictions get new ids;
#   3. docker compose down (volume kept) and up again: the same rows;
#   4. moves the stack to PostgreSQL (db/tools/move-to-postgres.sh) and checks that the API serves
#      the same predictions there and that the SQL count and checksum equal MariaDB's.
# It LEAVES THE STACK RUNNING ON POSTGRESQL, with MariaDB's volume kept beside it. Compose's down -v
# removes only the volumes of the services in the files it is given, so removing everything takes two:
#   COMPOSE_FILE=docker-compose.yml:compose/postgres.yml ./berth down -v   # the stack, PostgreSQL's volume
#   COMPOSE_FILE=docker-compose.yml ./berth down -v                         # MariaDB's volume
# Prints each check; exits non-zero at the first that fails.
set -euo pipefail
cd "$(dirname "$0")/.."

project=${COMPOSE_PROJECT_NAME:-berth}
api="http://localhost:${BERTH_PORT:-8080}/api/predictions"
work=$(mktemp -d /tmp/berth-check-data.XXXXXX)
started=$SECONDS
predictions=8

step() { printf '\n=== [%4ss] %s\n' "$((SECONDS - started))" "$*"; }
ok() { printf 'ok: %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; printf "\ndata check %s after %ss (files: %s)\n" "$([ $rc = 0 ] && echo passed || echo FAILED)" "$((SECONDS - started))" "$work"' EXIT

# An HTTP call through the gateway: expects the status, keeps the body in $work/body.
http() { # status method url [json]
  local expected=$1 method=$2 url=$3 status
  status=$(curl -sS -o "$work/body" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' \
    ${4:+--data-binary "$4"} "$url") || fail "$method $url: no answer"
  [ "$status" = "$expected" ] || fail "$method $url answered $status, expected $expected: $(head -c 300 "$work/body")"
}

# A 28x28 picture as the API takes it: a bright vertical stroke on a dark, noisy background.
pixels() { # seed
  awk -v seed="$1" 'BEGIN { srand(seed); printf "{\"pixels\":["
    for (i = 0; i < 784; i++) { x = i % 28; y = int(i / 28)
      v = (x >= 12 + seed % 4 && x <= 15 + seed % 4 && y >= 4 && y <= 23) ? 1 : (rand() < 0.5 ? 0 : rand() * 0.3)
      printf "%s%.4f", (i ? "," : ""), v }
    printf "]}" }'
}

create_prediction() { # seed; prints the new id
  http 201 POST "$api" "$(pixels "$1")"
  grep -o '"id":[0-9]*' "$work/body" | head -n1 | cut -d: -f2
}

# Every prediction as the API lists it (newest first); the count from the page.
api_snapshot() { # name
  http 200 GET "$api?size=100"
  cp "$work/body" "$work/api-$1.json"
  grep -o '"totalElements":[0-9]*' "$work/api-$1.json" | cut -d: -f2
}

# Row count and a SHA-256 over every row of prediction in id order, each value as text that both
# engines print alike (times as microseconds since 1970, pixels as lower-case hex).
sql_snapshot() {
  local engine
  engine=$(docker compose exec -T db sh -c '[ -n "${POSTGRES_DB:-}" ] && echo postgresql || echo mariadb')
  if [ "$engine" = postgresql ]; then
    # shellcheck disable=SC2016 # the db container's variables
    docker compose exec -T db sh -c 'psql -At -F " " -U "$POSTGRES_USER" -d "$POSTGRES_DB"' <<'SQL'
SELECT COUNT(*), encode(sha256(convert_to(COALESCE(string_agg(encode(sha256(convert_to(concat_ws('|',
  id, (EXTRACT(EPOCH FROM created_at) * 1000000)::bigint, model_name, model_version, predicted_label,
  confidence::text, probabilities, COALESCE(corrected_label::text, 'NULL'),
  COALESCE(((EXTRACT(EPOCH FROM corrected_at) * 1000000)::bigint)::text, 'NULL'),
  encode(pixels, 'hex')), 'UTF8')), 'hex'), '' ORDER BY id), ''), 'UTF8')), 'hex')
FROM prediction;
SQL
  else
    # shellcheck disable=SC2016 # the db container's variables
    docker compose exec -T db sh -c 'MYSQL_PWD="$MARIADB_PASSWORD" mariadb -N -B -u "$MARIADB_USER" "$MARIADB_DATABASE"' <<'SQL' | tr '\t' ' '
SET SESSION group_concat_max_len = 1073741824;
SELECT COUNT(*), SHA2(COALESCE(GROUP_CONCAT(SHA2(CONCAT_WS('|',
  id, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', created_at), model_name, model_version, predicted_label,
  CAST(confidence AS CHAR), probabilities, COALESCE(corrected_label, 'NULL'),
  COALESCE(TIMESTAMPDIFF(MICROSECOND, '1970-01-01', corrected_at), 'NULL'),
  LOWER(HEX(pixels))), 256) ORDER BY id SEPARATOR ''), ''), 256)
FROM prediction;
SQL
  fi
}

same_api() { # expected-name actual-name what
  cmp -s "$work/api-$1.json" "$work/api-$2.json" \
    || fail "$3: the API lists other predictions than before ($work/api-$1.json, $work/api-$2.json)"
  ok "$3: the API lists the same predictions, byte for byte (sha-256 $(sha256sum <"$work/api-$2.json" | cut -c1-16)...)"
}

same_sql() { # expected actual what
  [ "$1" = "$2" ] || fail "$3: SQL count and checksum differ: expected '$1', got '$2'"
  ok "$3: SQL row count and checksum match ($2)"
}

new_id_after() { # highest-old-id what
  local id
  id=$(create_prediction 99)
  [ "$id" -gt "$1" ] || fail "$2: a new prediction got id $id, not after the existing ids (up to $1)"
  ok "$2: a new prediction gets id $id, after the existing ids (up to $1)"
}

step "the stack: compose project $project, API $api"
docker compose ps --status running --services | grep -qx web || fail "the stack is not running: ./berth up first"
[ "$(docker compose exec -T db sh -c '[ -n "${MARIADB_DATABASE:-}" ] && echo mariadb || echo other')" = mariadb ] \
  || fail "the stack does not run on MariaDB (COMPOSE_FILE=${COMPOSE_FILE:-}): start the default stack"
before=$(api_snapshot start)
ok "MariaDB; $before predictions already stored"

step "1. create $predictions predictions through the gateway and correct every other one"
ids=()
for seed in $(seq 1 "$predictions"); do ids+=("$(create_prediction "$seed")"); done
for i in $(seq 0 2 $((predictions - 1))); do
  http 200 PATCH "$api/${ids[$i]}" "{\"correctedLabel\": $((i % 10))}"
done
count=$(api_snapshot created)
[ "$count" = $((before + predictions)) ] || fail "the API lists $count predictions, expected $((before + predictions))"
max_id=${ids[-1]}
sql_created=$(sql_snapshot)
ok "created ids ${ids[*]}; corrected $(((predictions + 1) / 2)); the API lists $count; SQL: $sql_created"

step "2. back up, drop the volume (docker compose down -v), up again, restore"
db/tools/backup.sh "$work/backup.sql"
docker compose down -v 2>&1 | tail -n 3
if docker volume inspect "${project}_db-data" >/dev/null 2>&1; then fail "volume ${project}_db-data survived down -v"; fi
ok "volume ${project}_db-data is gone"
docker compose up -d --wait 2>&1 | tail -n 1
[ "$(api_snapshot empty)" = 0 ] || fail "the new database is not empty"
ok "the stack is up again, with no predictions"
db/tools/restore.sh "$work/backup.sql"
[ "$(api_snapshot restored)" = "$count" ] || fail "after the restore the API lists $(api_snapshot restored) predictions, expected $count"
same_api created restored "after backup, down -v and restore"
same_sql "$sql_created" "$(sql_snapshot)" "after backup, down -v and restore"
new_id_after "$max_id" "after the restore"
count=$((count + 1))
api_snapshot kept >/dev/null
sql_kept=$(sql_snapshot)

step "3. docker compose down (volume kept) and up"
docker compose down 2>&1 | tail -n 1
docker compose up -d --wait 2>&1 | tail -n 1
api_snapshot after-restart >/dev/null
same_api kept after-restart "after down and up"
same_sql "$sql_kept" "$(sql_snapshot)" "after down and up"

step "4. move to PostgreSQL (db/tools/move-to-postgres.sh)"
db/tools/move-to-postgres.sh "$work/before-postgres.sql"
export COMPOSE_FILE=docker-compose.yml:compose/postgres.yml
[ "$(docker compose exec -T db sh -c 'echo "${POSTGRES_DB:+postgresql}"')" = postgresql ] \
  || fail "the stack's db is not PostgreSQL after the move"
ok "db is PostgreSQL"
[ "$(api_snapshot postgres)" = "$count" ] || fail "on PostgreSQL the API lists $(api_snapshot postgres) predictions, expected $count"
same_api kept postgres "on PostgreSQL"
same_sql "$sql_kept" "$(sql_snapshot)" "on PostgreSQL, against MariaDB's"
new_id_after "$(grep -o '"id":[0-9]*' "$work/api-postgres.json" | cut -d: -f2 | sort -n | tail -n1)" "on PostgreSQL"

step "done: every row survived backup and restore, down and up, and the move; the stack runs on PostgreSQL"
echo "remove it with: COMPOSE_FILE=$COMPOSE_FILE ./berth down -v && COMPOSE_FILE=docker-compose.yml ./berth down -v" \
  "(compose project $project)"
