#!/bin/bash
# The subset of the official image's healthcheck.sh that Berth uses:
#   healthcheck.sh --connect --innodb_initialized
set -eo pipefail
run() {
  mariadb --defaults-extra-file=/var/lib/mysql/.my-healthcheck.cnf --socket=/run/mysqld/mysqld.sock \
    --skip-column-names -e "$1" 2>/dev/null
}
for arg in "$@"; do
  case "$arg" in
    --connect) run 'SELECT 1' >/dev/null ;;
    --innodb_initialized)
      [ "$(run "SELECT 1 FROM information_schema.ENGINES WHERE engine='InnoDB' AND support IN ('YES','DEFAULT','ENABLED')")" = 1 ] ;;
    --*) ;; # other official checks are not provided by this stand-in
  esac
done
