#!/bin/sh
# add-extra-cas.sh DIR: trusts every PEM certificate DIR/*.crt in the system store and, where
# a JDK/JRE is present, in Java's. For sites whose outbound TLS is re-signed by their own CA.
set -eu
dir=${1:-/opt/berth-docker/extra-ca-certs}
found=false
for crt in "$dir"/*.crt; do
  [ -e "$crt" ] || continue
  found=true
  cp "$crt" /usr/local/share/ca-certificates/
  if command -v keytool >/dev/null 2>&1; then
    keytool -importcert -noprompt -cacerts -storepass changeit \
      -alias "berth-extra-$(basename "$crt" .crt)" -file "$crt" >/dev/null
  fi
done
if $found && command -v update-ca-certificates >/dev/null 2>&1; then
  update-ca-certificates >/dev/null 2>&1
fi
