#!/bin/bash
# Initialises an empty data directory the way the official mariadb image does, then runs
# the server as the mysql user. Supports MARIADB_* (and MYSQL_* aliases), *_FILE secrets
# and /docker-entrypoint-initdb.d/*.sql|*.sql.gz|*.sh.
set -eo pipefail

env_or_file() { # NAME [default]: MARIADB_NAME, MARIADB_NAME_FILE, MYSQL_NAME, MYSQL_NAME_FILE
  local v f
  for prefix in MARIADB MYSQL; do
    v="${prefix}_$1"; f="${prefix}_$1_FILE"
    if [ -n "${!v:-}" ]; then printf '%s' "${!v}"; return; fi
    if [ -n "${!f:-}" ]; then cat "${!f}"; return; fi
  done
  printf '%s' "${2:-}"
}

if [ "${1:0:1}" = '-' ]; then set -- mariadbd "$@"; fi

if [ "$1" = mariadbd ] || [ "$1" = mysqld ]; then
  datadir=/var/lib/mysql
  if [ "$(id -u)" = 0 ]; then
    chown -R mysql:mysql "$datadir" /run/mysqld
  fi
  if [ ! -d "$datadir/mysql" ]; then
    root_password=$(env_or_file ROOT_PASSWORD)
    random_root=$(env_or_file RANDOM_ROOT_PASSWORD)
    allow_empty=$(env_or_file ALLOW_EMPTY_ROOT_PASSWORD)
    database=$(env_or_file DATABASE)
    user=$(env_or_file USER)
    password=$(env_or_file PASSWORD)
    if [ -z "$root_password" ] && [ -z "$random_root" ] && [ -z "$allow_empty" ]; then
      echo >&2 'error: database is uninitialized and MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD or MARIADB_RANDOM_ROOT_PASSWORD is not set'
      exit 1
    fi
    if [ -n "$random_root" ]; then
      root_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
      echo "GENERATED ROOT PASSWORD: $root_password"
    fi
    healthcheck_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    printf '[mariadb-client]\nuser=healthcheck\npassword=%s\nprotocol=socket\n' "$healthcheck_password" \
      > "$datadir/.my-healthcheck.cnf"
    echo 'Initializing database'
    mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal \
      --skip-test-db --skip-name-resolve >/dev/null
    mariadbd --user=mysql --datadir="$datadir" --skip-networking --socket=/run/mysqld/init.sock &
    pid=$!
    for _ in $(seq 60); do
      mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    sql() { mariadb --protocol=socket --socket=/run/mysqld/init.sock -uroot "$@"; }
    esc() { printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }
    {
      echo "DELETE FROM mysql.global_priv WHERE user NOT IN ('mysql.sys','mariadb.sys','root') OR host NOT IN ('localhost');"
      echo "SET PASSWORD FOR 'root'@'localhost' = PASSWORD('$(esc "$root_password")');"
      if [ "$(env_or_file ROOT_HOST %)" != localhost ]; then
        echo "CREATE USER 'root'@'$(env_or_file ROOT_HOST %)' IDENTIFIED BY '$(esc "$root_password")';"
        echo "GRANT ALL ON *.* TO 'root'@'$(env_or_file ROOT_HOST %)' WITH GRANT OPTION;"
      fi
      # healthcheck.sh logs in as this local user, as in the official image.
      echo "CREATE USER 'healthcheck'@'localhost' IDENTIFIED BY '$healthcheck_password';"
      echo "GRANT USAGE ON *.* TO 'healthcheck'@'localhost';"
      if [ -n "$database" ]; then
        echo "CREATE DATABASE IF NOT EXISTS \`$database\`;"
      fi
      if [ -n "$user" ]; then
        echo "CREATE USER '$(esc "$user")'@'%' IDENTIFIED BY '$(esc "$password")';"
        [ -n "$database" ] && echo "GRANT ALL ON \`$database\`.* TO '$(esc "$user")'@'%';"
      fi
      echo "FLUSH PRIVILEGES;"
    } | sql
    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sh) echo "running $f"; . "$f" ;;
        *.sql) echo "running $f"; sql -p"$root_password" ${database:+"$database"} < "$f" ;;
        *.sql.gz) echo "running $f"; gunzip -c "$f" | sql -p"$root_password" ${database:+"$database"} ;;
      esac
    done
    kill "$pid"; wait "$pid" || true
    chown mysql:mysql "$datadir/.my-healthcheck.cnf"; chmod 600 "$datadir/.my-healthcheck.cnf"
    echo 'MariaDB init process done. Ready for start up.'
  fi
  if [ "$(id -u)" = 0 ]; then set -- "$@" --user=mysql; fi
fi
exec "$@"
