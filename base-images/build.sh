#!/usr/bin/env bash
# Builds local stand-ins for Berth's base images from Debian packages, for machines that
# cannot pull from a container registry (air-gapped sites, this project's CI): a debootstrapped
# Debian (for debian:trixie-slim) and, on it, a JRE, Maven + JDK, Node.js, MariaDB and PostgreSQL;
# and, for the operator's tools (docs/operations.md), Adminer and a registry (registry:2).
#
#   base-images/build.sh            # build what is missing, then print the variables
#   base-images/build.sh --force    # rebuild all
#   eval "$(base-images/build.sh --quiet)"   # export the variables into this shell
#
# Needs: Docker (BuildKit), debootstrap, and a reachable Debian mirror (DEBIAN_MIRROR).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=${DEBIAN_SUITE:-trixie}
prefix=${BASE_IMAGE_PREFIX:-berth-base}
docker=${DOCKER:-/usr/bin/docker}
force=false quiet=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    --quiet) quiet=true ;;
    *) echo "usage: $0 [--force] [--quiet]" >&2; exit 2 ;;
  esac
done
log() { if $quiet; then echo "$*" >&2; else echo "$*"; fi; }

debian="$prefix/debian:$suite"
jre="$prefix/jre:21"
maven="$prefix/maven:3.9-jdk21"
node="$prefix/node:20"
mariadb="$prefix/mariadb:11.8"
postgres="$prefix/postgres:17"
adminer="$prefix/adminer:5"
registry="$prefix/registry:2"
prometheus="$prefix/prometheus:2.53"
zipkin="$prefix/zipkin:3.5"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
present() { ! $force && "$docker" image inspect "$1" >/dev/null 2>&1; }

if ! present "$debian"; then
  log "debootstrap $suite -> $debian"
  root="$tmp/rootfs"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$tmp/debootstrap.log" 2>&1 \
    || { tail -n 40 "$tmp/debootstrap.log" >&2; exit 1; }
  # Images need no manuals, docs or translations: keep dpkg from installing them.
  cat > "$root/etc/dpkg/dpkg.cfg.d/berth-slim" <<'DPKG'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
DPKG
  rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/*/[!c]* \
    "$root"/usr/share/man/* "$root"/usr/share/locale/[!l]*
  # Java's postinst registers man pages through update-alternatives, which needs this folder.
  mkdir -p "$root/usr/share/man/man1"
  tar -C "$root" -c . | "$docker" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' - "$debian" >/dev/null
  rm -rf "$root"
fi

build() { # image folder [check]: check, a shell command, must succeed in the image
  local opts=()
  if present "$1"; then
    [ -z "${3:-}" ] && return 0
    "$docker" run --rm --entrypoint sh "$1" -c "$3" >/dev/null 2>&1 && return 0
    # Made by an older recipe: its cached layers would only give the same image again.
    log "$1 fails '$3': rebuilding without cache"
    opts=(--no-cache)
  fi
  log "building $1"
  local context=$2
  [[ "$context" == /* ]] || context="$here/$2"
  DOCKER_BUILDKIT=1 "$docker" build --progress=plain "${opts[@]}" --build-arg "DEBIAN_IMAGE=$debian" \
    --build-arg "JRE_IMAGE=$jre" -t "$1" "$context" >"$tmp/build.log" 2>&1 || { tail -n 40 "$tmp/build.log" >&2; exit 1; }
}
build "$jre" jre
# ml-service's Dockerfile runs jlink, which needs the JDK's jmods.
build "$maven" maven 'test -f "$JAVA_HOME/jmods/java.base.jmod"'
build "$node" node
build "$mariadb" mariadb
build "$postgres" postgres
build "$adminer" adminer
build "$registry" registry
build "$prometheus" prometheus
# Zipkin's server is not a Debian package but a jar on Maven Central: fetched with Maven.
if ! present "$zipkin"; then
  mkdir -p "$tmp/zipkin" && cp "$here/zipkin/Dockerfile" "$tmp/zipkin/"
  "$here/../mvnw" -q -B -N -f "$here/../pom.xml" dependency:copy \
    -Dartifact=io.zipkin:zipkin-server:3.5.1:jar:exec -Dmdep.stripVersion=true -DoutputDirectory="$tmp/zipkin" \
    >"$tmp/zipkin.log" 2>&1 || { tail -n 40 "$tmp/zipkin.log" >&2; exit 1; }
  build "$zipkin" "$tmp/zipkin"
fi

# The base images for compose and the Testcontainers tests, the tools profile's Adminer, the
# observability profile's Prometheus and Zipkin, the registry the operator's guide pushes to; and, since
# there is no registry, Testcontainers without its Ryuk container, whose image cannot be pulled (containers are removed
# when the test JVM exits instead).
cat <<VARS
export DEBIAN_IMAGE=$debian
export JRE_IMAGE=$jre
export MAVEN_IMAGE=$maven
export NODE_IMAGE=$node
export MARIADB_IMAGE=$mariadb
export POSTGRES_IMAGE=$postgres
export ADMINER_IMAGE=$adminer
export REGISTRY_IMAGE=$registry
export PROMETHEUS_IMAGE=$prometheus
export ZIPKIN_IMAGE=$zipkin
export TESTCONTAINERS_RYUK_DISABLED=true
VARS
