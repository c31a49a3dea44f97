#!/usr/bin/env bash
# Moves the running default stack (MariaDB) to PostgreSQL with all its data, and leaves the stack
# running on PostgreSQL:
#
#   db/tools/move-to-postgres.sh [backup-file]
#
# The steps, each printed as it runs (db/README.md explains them, to run them by hand):
#   1. stop web, so that nothing writes while the data moves;
#   2. back up MariaDB (db/tools/backup.sh; default file ./<project>-mariadb-<UTC time>.sql);
#   3. start PostgreSQL beside it on a new volume, the one compose/postgres.yml uses
#      (compose/move-to-postgres.yml), and let db-migrate create the schema there;
#   4. copy every row: docker compose run --rm db-migrate copy, which fails on any difference in row
#      counts or checksums and then commits nothing;
#   5. switch the stack to compose/postgres.yml: db becomes PostgreSQL and web starts on it.
# If a step fails, the stack is brought back up on MariaDB, unchanged. MariaDB's volume is kept
# either way. Works on the caller's compose project (COMPOSE_PROJECT_NAME, BERTH_PORT, .env).
# Afterwards every docker compose or ./berth command for this stack needs
# COMPOSE_FILE=docker-compose.yml:compose/postgres.yml (put it in .env).
source "$(dirname "$0")/common.sh"

[ $# -le 1 ] || die "usage: db/tools/move-to-postgres.sh [backup-file]"
backup_file=$(absolute "${1:-$(project)-mariadb-$(date -u +%Y%m%dT%H%M%SZ).sql}")
cd "$repo_root"
case ${COMPOSE_FILE:-docker-compose.yml} in
  docker-compose.yml) ;;
  *) die "COMPOSE_FILE is $COMPOSE_FILE: this moves the default stack (docker-compose.yml alone); unset it" ;;
esac
require_running_db
engine=$(db_engine)
[ "$engine" = mariadb ] || die "the stack's database is $engine, not MariaDB: nothing to move"
[ -e "$backup_file" ] && die "$backup_file already exists: name another backup file"
volume="$(project)_db-data-postgres"
if docker volume inspect "$volume" >/dev/null 2>&1; then
  die "volume $volume exists already (an earlier move or PostgreSQL stack): if its data is not needed, docker volume rm $volume"
fi

mariadb_stack=docker-compose.yml
moving=docker-compose.yml:compose/move-to-postgres.yml
postgres_stack=docker-compose.yml:compose/postgres.yml
started=$SECONDS
step() { printf '\n%s: [%ss] %s\n' "$tool" "$((SECONDS - started))" "$*"; }
run() { printf '+ %s\n' "$*"; "$@"; }

# Any failure puts the MariaDB stack back as it was, and drops the PostgreSQL volume this run made.
back_to_mariadb() {
  local rc=$?
  [ $rc = 0 ] && return
  printf '\n%s: the move FAILED (exit %s); bringing the stack back up on MariaDB\n' "$tool" "$rc" >&2
  COMPOSE_FILE=$moving docker compose rm -sf db-postgres >/dev/null 2>&1 || true
  if COMPOSE_FILE=$mariadb_stack docker compose up -d --wait --remove-orphans >/dev/null 2>&1; then
    docker volume rm "$volume" >/dev/null 2>&1 || true
    printf '%s: the stack runs on MariaDB again, with its data unchanged; the backup is %s\n' "$tool" "$backup_file" >&2
  else
    printf '%s: could not bring the MariaDB stack back: run ./berth up\n' "$tool" >&2
  fi
  exit $rc
}
trap back_to_mariadb EXIT

step "1. stop web, so that nothing writes while the data moves"
run docker compose stop web

step "2. back up MariaDB"
run db/tools/backup.sh "$backup_file"

export COMPOSE_FILE=$moving
step "3. PostgreSQL beside MariaDB, on volume $volume; db-migrate creates the schema there (COMPOSE_FILE=$COMPOSE_FILE)"
run docker compose up -d --wait db-postgres
run docker compose run --rm -T db-migrate

step "4. copy every row from MariaDB (db) to PostgreSQL (db-postgres), checked by row counts and checksums"
copy_log=$(mktemp)
if ! run docker compose run --rm -T db-migrate copy 2>&1 | tee "$copy_log"; then
  rm -f "$copy_log"
  die "the copy failed (see above); nothing was committed to PostgreSQL"
fi
if ! grep -q 'every row count and checksum matches' "$copy_log"; then
  rm -f "$copy_log"
  die "db-migrate did not copy: its image predates the copy mode; rebuild it (docker compose build db-migrate)"
fi
rm -f "$copy_log"
run docker compose rm -sf db-postgres

export COMPOSE_FILE=$postgres_stack
step "5. switch the stack to PostgreSQL (COMPOSE_FILE=$COMPOSE_FILE)"
run docker compose up -d --wait --remove-orphans
trap - EXIT

step "done: the stack runs on PostgreSQL, with every row of MariaDB"
say "MariaDB's volume $(project)_db-data is kept; the backup is $backup_file"
say "from now on, use COMPOSE_FILE=$postgres_stack for this stack (e.g. in .env), also for ./berth"
say "to go back to MariaDB as it was before the move: COMPOSE_FILE=$mariadb_stack docker compose up -d --wait --remove-orphans"
