#!/usr/bin/env bash
# Backs up the running stack's database to a file on this machine:
#
#   db/tools/backup.sh [file]     default file: ./<compose project>-<engine>-<UTC time>.sql
#
# One plain SQL file, made inside the db container by the engine's own dump tool with the
# credentials of the container's environment: for MariaDB and MySQL,
#   docker compose exec -T db mariadb-dump --single-transaction --hex-blob ... "$MARIADB_DATABASE" > file
# and for PostgreSQL (compose/postgres.yml), pg_dump. The dump is consistent while the app keeps
# writing (one transaction), and holds every table including Flyway's history, so db-migrate finds
# the schema current after a restore (db/tools/restore.sh). Refuses to overwrite a file.
source "$(dirname "$0")/common.sh"

caller_dir=$PWD
[ $# -le 1 ] || die "usage: db/tools/backup.sh [file]"
cd "$repo_root"
require_running_db
engine=$(db_engine)
cd "$caller_dir"
file=$(absolute "${1:-$(project)-$engine-$(date -u +%Y%m%dT%H%M%SZ).sql}")
cd "$repo_root"
[ -e "$file" ] && die "$file already exists: name another file, or move that one away"
[ -d "$(dirname "$file")" ] || die "no such folder: $(dirname "$file")"

# shellcheck disable=SC2016 # the variables are the db container's, expanded inside it
case $engine in
  mariadb)
    dump='MYSQL_PWD="$MARIADB_PASSWORD" exec mariadb-dump --user="$MARIADB_USER" --single-transaction --hex-blob --routines --triggers --events "$MARIADB_DATABASE"'
    completed='Dump completed' ;;
  mysql)
    dump='MYSQL_PWD="$MYSQL_PASSWORD" exec mysqldump --user="$MYSQL_USER" --single-transaction --hex-blob --routines --triggers --events --no-tablespaces --set-gtid-purged=OFF "$MYSQL_DATABASE"'
    completed='Dump completed' ;;
  postgresql)
    dump='PGPASSWORD="$POSTGRES_PASSWORD" exec pg_dump --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" --no-owner --no-privileges'
    completed='PostgreSQL database dump complete' ;;
  *) die "cannot tell the db container's engine (neither MariaDB, MySQL nor PostgreSQL)" ;;
esac

say "backing up the $engine database of compose project $(project) to $file"
say "docker compose exec -T db sh -c '$dump' > $file"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT
docker compose exec -T db sh -c "$dump" >"$partial" || die "the dump failed (see above); no backup was written"
tail -n 5 "$partial" | grep -q "$completed" || die "the dump ended early (no '$completed' line); no backup was written"
mv "$partial" "$file"
trap - EXIT
tables=$(grep -cE '^CREATE TABLE' "$file" || true)
say "done: $file ($(du -h "$file" | cut -f1), $tables tables)"
