#!/usr/bin/env bash
# Restores a backup made by db/tools/backup.sh into the running stack's database:
#
#   db/tools/restore.sh file
#
# The database's content is replaced by the backup's: every table is dropped, then the dump is
# loaded inside the db container with the credentials of its environment, e.g. for MariaDB
#   docker compose exec -T db mariadb --user="$MARIADB_USER" "$MARIADB_DATABASE" < file
# (for PostgreSQL, psql in one transaction). web is stopped meanwhile; if it was running, the stack
# is brought back up afterwards, which runs db-migrate first: a backup of an older schema version is
# migrated to the current one before web starts. The backup must come from the same engine; to move
# data between engines, see db/tools/move-to-postgres.sh.
source "$(dirname "$0")/common.sh"

[ $# = 1 ] || die "usage: db/tools/restore.sh file"
file=$(absolute "$1")
[ -f "$file" ] && [ -r "$file" ] || die "no such backup file: $file"
cd "$repo_root"
require_running_db
engine=$(db_engine)

# shellcheck disable=SC2016 # the variables are the db container's, expanded inside it
case $engine in
  mariadb)
    made_by='MariaDB dump' completed='Dump completed'
    empty='MYSQL_PWD="$MARIADB_PASSWORD" mariadb --user="$MARIADB_USER" -e "DROP DATABASE IF EXISTS \`$MARIADB_DATABASE\`; CREATE DATABASE \`$MARIADB_DATABASE\`"'
    load='MYSQL_PWD="$MARIADB_PASSWORD" exec mariadb --user="$MARIADB_USER" "$MARIADB_DATABASE"' ;;
  mysql)
    made_by='MySQL dump' completed='Dump completed'
    empty='MYSQL_PWD="$MYSQL_PASSWORD" mysql --user="$MYSQL_USER" -e "DROP DATABASE IF EXISTS \`$MYSQL_DATABASE\`; CREATE DATABASE \`$MYSQL_DATABASE\`"'
    load='MYSQL_PWD="$MYSQL_PASSWORD" exec mysql --user="$MYSQL_USER" "$MYSQL_DATABASE"' ;;
  postgresql)
    made_by='PostgreSQL database dump' completed='PostgreSQL database dump complete'
    # Emptied and loaded in the same transaction as the dump (below): all or nothing.
    empty=''
    load='PGPASSWORD="$POSTGRES_PASSWORD" exec psql --quiet --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" --single-transaction -v ON_ERROR_STOP=1' ;;
  *) die "cannot tell the db container's engine (neither MariaDB, MySQL nor PostgreSQL)" ;;
esac
head -n 5 "$file" | grep -q "$made_by" \
  || die "$file is not a $engine backup (no '$made_by' header): restore it into the engine it came from"
tail -n 5 "$file" | grep -q "$completed" \
  || die "$file is incomplete (no '$completed' line at its end): it was cut short"

web_was_running=false
if service_running web; then
  web_was_running=true
  say "stopping web while its database is replaced: docker compose stop web"
  docker compose stop web
fi

say "restoring $file into the $engine database of compose project $(project)"
if [ "$engine" = postgresql ]; then
  say "docker compose exec -T db sh -c '$load' < (DROP SCHEMA public CASCADE; CREATE SCHEMA public; $file)"
  { printf 'SET client_min_messages = warning;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n'; cat "$file"; } \
    | docker compose exec -T db sh -c "$load" >/dev/null || die "the restore failed (see above); the database is unchanged"
else
  say "docker compose exec -T db sh -c '$empty'"
  docker compose exec -T db sh -c "$empty" || die "could not empty the database (see above)"
  say "docker compose exec -T db sh -c '$load' < $file"
  docker compose exec -T db sh -c "$load" <"$file" || die "the restore failed (see above): run it again"
fi
say "restored $(grep -cE '^CREATE TABLE' "$file" || true) tables"

if $web_was_running; then
  say "starting the stack again (db-migrate, then web): docker compose up -d --wait"
  docker compose up -d --wait
else
  say "web was not running: start the stack with ./berth up (db-migrate runs first)"
fi
say "done"
