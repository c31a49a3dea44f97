#!/usr/bin/env bash
# Installs what Berth's build and tests need on a Debian machine: Docker Engine (Debian's
# docker.io), Compose v2 and buildx as CLI plugins (from Debian trixie, static binaries),
# debootstrap for the air-gapped base images, and Chromium for the browser tests.
# Idempotent: anything already present is left alone.
set -euo pipefail

DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PLUGIN_DIR=${DOCKER_CLI_PLUGINS:-/usr/local/lib/docker/cli-plugins}

need=()
# The Debian client (/usr/bin/docker): a newer client without buildx breaks BuildKit builds.
{ command -v dockerd >/dev/null && [ -x /usr/bin/docker ]; } || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${need[@]}" ca-certificates iptables >/dev/null
fi

# Compose v2 and buildx are not in bookworm; trixie's packages are static Go binaries.
if ! /usr/bin/docker compose version >/dev/null 2>&1 || ! /usr/bin/docker buildx version >/dev/null 2>&1; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/archives/partial"
  echo "deb $DEBIAN_MIRROR trixie main" > "$work/trixie.list"
  apt_trixie=(-o Dir::Etc::SourceList="$work/trixie.list" -o Dir::Etc::SourceParts=/dev/null
              -o Dir::State::Lists="$work/lists" -o Dir::Cache::Archives="$work/archives"
              -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  apt-get "${apt_trixie[@]}" update -qq
  (cd "$work" && apt-get "${apt_trixie[@]}" download docker-compose docker-buildx >/dev/null)
  mkdir -p "$PLUGIN_DIR"
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
  install -m 0755 "$(find "$work/x" -type f -path '*cli-plugins/docker-compose' | head -n1)" "$PLUGIN_DIR/docker-compose"
  install -m 0755 "$(find "$work/x" -type f -path '*cli-plugins/docker-buildx' | head -n1)" "$PLUGIN_DIR/docker-buildx"
fi
/usr/bin/docker compose version
/usr/bin/docker buildx version
