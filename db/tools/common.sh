# Shared by the scripts in db/tools (sourced, not run). They run docker compose from the repository
# root, as ./berth does, so that they see the same compose project: COMPOSE_PROJECT_NAME,
# COMPOSE_FILE and .env apply as usual.
set -euo pipefail

tool=$(basename "$0")
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { printf '%s: %s\n' "$tool" "$*"; }
die() { printf '%s: %s\n' "$tool" "$*" >&2; exit 1; }

# An absolute path for a file the caller named relative to where they stand.
absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }

project() { printf '%s\n' "${COMPOSE_PROJECT_NAME:-berth}"; }

# Refuses, in one line, unless the compose project's db container is running.
require_running_db() {
  command -v docker >/dev/null || die "docker is not installed"
  docker compose ps --status running --services 2>/dev/null | grep -qx db \
    || die "the stack's database is not running (compose project $(project)): start it with ./berth up"
}

# The engine of the running db container, from the variables its image reads: mariadb, mysql or
# postgresql.
db_engine() {
  # shellcheck disable=SC2016 # expanded inside the container
  docker compose exec -T db sh -c '
    if [ -n "${POSTGRES_DB:-}" ]; then echo postgresql
    elif [ -n "${MARIADB_DATABASE:-}" ]; then echo mariadb
    elif [ -n "${MYSQL_DATABASE:-}" ]; then echo mysql
    else echo unknown; fi'
}

service_running() { docker compose ps --status running --services 2>/dev/null | grep -qx "$1"; }
