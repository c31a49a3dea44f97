#!/bin/bash
# healthcheck PATH [PORT]: exits 0 when http://127.0.0.1:PORT/PATH answers 2xx (PORT: the image's
# HEALTH_PORT, else 8080).
# Plain bash, because JRE images carry neither curl nor wget.
exec 3<>"/dev/tcp/127.0.0.1/${2:-${HEALTH_PORT:-8080}}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
read -r -t 5 _ status _ <&3 || exit 1
[[ $status == 2* ]]
