#!/usr/bin/env bash
# Trains the JDK AOT cache (JEP 483/514) with a real `serve`: the embedded PostgreSQL starts, Flyway migrates, the
# server answers a few requests (readiness, the OpenAPI document, an authenticated API read), then SIGTERM makes the
# JVM write the cache at exit. The cache only covers classes of the JDK's own class loaders, so run the extracted
# form of the jar (`java -Djarmode=tools -jar reviewer.jar extract`: reviewer.jar + lib/ on a plain class path).
#   deploy/aot-train.sh APP_DIR CACHE_FILE      e.g. deploy/aot-train.sh /app /app/reviewer.aot
set -euo pipefail
app=${1:?usage: aot-train.sh APP_DIR CACHE_FILE}
cache=${2:?usage: aot-train.sh APP_DIR CACHE_FILE}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
data=$(mktemp -d)
port=${AOT_TRAIN_PORT:-18080}
log="$data/train.log"
REVIEWER_DATA_DIR="$data" "$java" -XX:AOTCacheOutput="$cache" -jar "$app/reviewer.jar" serve --port "$port" \
  >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT

get() { # GET PATH [KEY]: prints the status line; bash only (no curl in the image)
  local auth=""
  if [ -n "${2:-}" ]; then auth="Authorization: Bearer $2"$'\r\n'; fi
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n%s\r\n' "$1" "$auth" >&3
  head -1 <&3
  exec 3<&-
}

for _ in $(seq 1 300); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "aot-train: serve exited before it was ready:" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  if get /actuator/health/readiness 2>/dev/null | grep -q ' 200'; then break; fi
  sleep 1
done
key=$(cat "$data/admin.key")
for _ in 1 2 3 4 5; do
  get /actuator/health/readiness >/dev/null
  get /v3/api-docs >/dev/null
  get /api/v1/repositories "$key" >/dev/null
  get /api/v1/portfolio "$key" >/dev/null
  get /ui/login >/dev/null
done
echo "aot-train: authenticated read answered: $(get /api/v1/repositories "$key")"
kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
rm -rf "$data"
test -s "$cache" || { echo "aot-train: no cache written to $cache" >&2; exit 1; }
echo "aot-train: wrote $cache ($(du -m "$cache" | cut -f1) MB)"
