#!/usr/bin/env bash
# bench/perf: the performance record of the scaled topology (scripts/cluster: PostgreSQL + PgBouncer in transaction
# mode + Redis + 2 `serve --no-workers` + 2 `worker`s on loopback). Three parts, one command:
#   (a) connection discipline: 1,000 concurrent clients against both API instances, then against a naive
#       one-DriverManager-connection-per-request server (bench/perf/NaiveServer.java) on the same PostgreSQL;
#       physical connections sampled from pg_stat_activity during each (bench/perf/ConnectionBench.java);
#   (b) throughput and p50/p99 (wrk) of a trivial endpoint (the ceiling), a cached read and a DB read on one instance;
#   (c) start-up until readiness with and without the JDK AOT cache, and resident memory at idle and under load.
# Results go between the perf markers of docs/benchmarks.md. Everything it starts is stopped on exit (trap).
#
# Usage: bench/perf/run.sh      Settings: PERF_SECONDS (load window, default 20), PERF_CLIENTS (default 1000),
#   PERF_CONNECTIONS (wrk connections, default 50), PERF_OUT (default docs/benchmarks.md; empty = console only),
#   PERF_PARTS (default "a b c"), CLUSTER_DIR (default /tmp/reviewer-perf, wiped first), CLUSTER_BASE_PORT (58000).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/reviewer-perf}
export CLUSTER_BASE_PORT=${CLUSTER_BASE_PORT:-58000}
# Throughput is measured, not the per-key rate limiter (600 requests/min would answer 429 within a second).
export CLUSTER_JAVA_OPTS="-Dreviewer.security.rate-limits.enabled=false"
SECS=${PERF_SECONDS:-20}
CLIENTS=${PERF_CLIENTS:-1000}
CONNS=${PERF_CONNECTIONS:-50}
PARTS=${PERF_PARTS:-a b c}
OUT=${PERF_OUT-docs/benchmarks.md}
JAVA="$JAVA_HOME/bin/java"
BASE=$CLUSTER_BASE_PORT
API1="http://127.0.0.1:$((BASE + 11))"
API2="http://127.0.0.1:$((BASE + 12))"
NAIVE_PORT=$((BASE + 20))
EXTRA_PORT=$((BASE + 21))
JDBC="jdbc:postgresql://127.0.0.1:$((BASE + 1))/reviewer?user=postgres"

for tool in pgbouncer wrk unzip; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install $tool)" >&2; exit 2; }
done
[ -f target/reviewer.jar ] || ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package

PIDS=()
cleanup() {
  [ -f "$CLUSTER_DIR/extra.pid" ] && PIDS+=("$(cat "$CLUSTER_DIR/extra.pid")")
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  scripts/cluster stop >/dev/null 2>&1 || true
}
scripts/cluster stop >/dev/null 2>&1 || true
rm -rf "$CLUSTER_DIR"
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$CLUSTER_DIR/lib"
# The cluster runs a copy of the jar: a build replacing target/reviewer.jar under running JVMs breaks them.
cp target/reviewer.jar "$CLUSTER_DIR/reviewer.jar"
export CLUSTER_JAR="$CLUSTER_DIR/reviewer.jar"
REPORT="$CLUSTER_DIR/report.md"
: > "$REPORT"
say() { echo "$*" | tee -a "$REPORT"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
rss_mb() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
ms_now() { date +%s%3N; }

# pgjdbc for the two bench programs: the very driver the application ships.
PGJAR_NAME=$(unzip -Z1 "$CLUSTER_JAR" | grep -E '^BOOT-INF/lib/postgresql-[0-9.]+\.jar$')
unzip -q -j -o "$CLUSTER_JAR" "$PGJAR_NAME" -d "$CLUSTER_DIR/lib"
PGJAR="$CLUSTER_DIR/lib/$(basename "$PGJAR_NAME")"

echo "starting the cluster (load average $(load))"
scripts/cluster start >/dev/null
KEY=$(cat "$CLUSTER_DIR/data/admin.key")
API1_PID=$(cat "$CLUSTER_DIR/api-1.pid")
COMMIT=$(git rev-parse --short HEAD)
say "Run of $(date -u '+%Y-%m-%d %H:%M') UTC, commit \`$COMMIT\`, $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB," \
  "$("$JAVA" -version 2>&1 | head -1 | sed 's/"//g'), PostgreSQL $(scripts/cluster sql 'SHOW server_version' | cut -d' ' -f1)," \
  "PgBouncer $(pgbouncer --version | head -1 | awk '{print $2}') (transaction mode, default_pool_size 10), Redis" \
  "$(redis-server --version | awk '{print $3}' | cut -d= -f2); command \`bench/perf/run.sh\` (PERF_SECONDS=$SECS," \
  "PERF_CLIENTS=$CLIENTS, PERF_CONNECTIONS=$CONNS). Load average when the cluster was up: $(load)."
say ""

if [[ " $PARTS " == *" a "* ]]; then
  say "**(a) Connection discipline** — $CLIENTS concurrent clients (closed loop, virtual threads, java.net.http) for" \
    "${SECS} s; physical connections = client backends of the database in \`pg_stat_activity\`, sampled every ~20 ms" \
    "(the sampler's own connection excluded). The platform: both API instances, \`GET /api/v1/repositories\` (one" \
    "authenticated DB read), pools of 5 per process (\`connection_limit=5\`) into PgBouncer (\`default_pool_size=10\`)," \
    "plus each process's direct session connection(s) (\`LISTEN\`). The baseline: \`bench/perf/NaiveServer.java\`," \
    "one \`DriverManager\` connection per request straight to PostgreSQL (\`max_connections=100\`), same query shape."
  say ""
  say '| Server | Load avg | Requests | Rate | Statuses | PG connections idle → max | Samples |'
  say '|---|---|---|---|---|---|---|'
  for target in platform naive; do
    before=$(load)
    if [ "$target" = platform ]; then
      line=$("$JAVA" -cp "$PGJAR" bench/perf/ConnectionBench.java platform "$JDBC" "$SECS" "$CLIENTS" "Bearer $KEY" \
        "$API1/api/v1/repositories" "$API2/api/v1/repositories" | grep '^result:')
    else
      "$JAVA" -Xmx512m -cp "$PGJAR" bench/perf/NaiveServer.java "$NAIVE_PORT" "$JDBC" > "$CLUSTER_DIR/naive.log" 2>&1 &
      NAIVE=$!
      PIDS+=("$NAIVE")
      for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$NAIVE_PORT/" >/dev/null 2>&1 && break; sleep 0.2; done
      line=$("$JAVA" -cp "$PGJAR" bench/perf/ConnectionBench.java naive "$JDBC" "$SECS" "$CLIENTS" - \
        "http://127.0.0.1:$NAIVE_PORT/" | grep '^result:')
      kill "$NAIVE" 2>/dev/null || true
    fi
    echo "$line"
    get() { echo "$line" | grep -oE " $1=[^ ]+" | cut -d= -f2; }
    say "| $target | $before | $(get requests) | $(get rate) | $(echo "$line" | sed -E 's/.*statuses=\{([^}]*)\}.*/\1/') |" \
      "$(get pg_connections_idle) → **$(get pg_connections_max)** | $(get samples) |"
  done
  say ""
  say "Budget of the platform: PgBouncer's \`default_pool_size\` (10 server connections) + the direct session" \
    "connections counted at idle; the clients' pools (4 processes × 5) never reach PostgreSQL directly."
  say ""
fi

if [[ " $PARTS " == *" b "* ]]; then
  IDLE_RSS=$(rss_mb "$API1_PID")
  say "**(b) Throughput and latency** — wrk 4.1, 2 threads, $CONNS connections, ${SECS} s per endpoint (timeout 30 s), against" \
    "api-1 only (the cluster runs beside it: api-2, 2 workers, PostgreSQL, PgBouncer, Redis; wrk shares the 2 cores)."
  say ""
  say '| Endpoint | Load avg | Requests/s | p50 | p99 | Non-2xx | api-1 RSS max |'
  say '|---|---|---|---|---|---|---|'
  RAW="$CLUSTER_DIR/wrk.txt"
  : > "$RAW"
  MAX_RSS=0
  for endpoint in "/actuator/health/liveness|trivial, the ceiling" "/api/v1/portfolio|cached read" \
    "/api/v1/repositories|DB read"; do
    path=${endpoint%%|*}
    label=${endpoint#*|}
    before=$(load)
    ( peak=0; while kill -0 "$API1_PID" 2>/dev/null; do r=$(rss_mb "$API1_PID"); [ "$r" -gt "$peak" ] 2>/dev/null && peak=$r; echo "$peak" > "$CLUSTER_DIR/rss.peak"; sleep 0.5; done ) &
    SAMPLER=$!
    PIDS+=("$SAMPLER")
    out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 30s --latency -H "Authorization: Bearer $KEY" "$API1$path")
    kill "$SAMPLER" 2>/dev/null || true
    peak=$(cat "$CLUSTER_DIR/rss.peak")
    [ "$peak" -gt "$MAX_RSS" ] && MAX_RSS=$peak
    { echo "== $path"; echo "$out"; } >> "$RAW"
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
    p50=$(echo "$out" | awk '$1=="50%"{print $2}')
    p99=$(echo "$out" | awk '$1=="99%"{print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/{print $5}')
    say "| \`GET $path\` ($label) | $before | $rps | $p50 | $p99 | ${non2xx:-0} | $peak MB |"
  done
  say ""
  say "Resident memory of api-1 (\`VmRSS\`, -Xmx512m): **$IDLE_RSS MB** at idle after start-up and part (a)," \
    "**$MAX_RSS MB** at most under the wrk load."
  say ""
  say '```'
  grep -E '^==|Requests/sec|Latency |Non-2xx|Socket errors|     50%|     99%' "$RAW" | tee -a "$REPORT" >/dev/null
  say '```'
  say ""
fi

if [[ " $PARTS " == *" c "* ]]; then
  # Start-up of one more `serve --no-workers` against the running cluster. The JDK AOT cache (JEP 483/514) only
  # covers classes loaded by the JDK's own class loaders, so the cache is trained and used on the extracted form of
  # the jar (`-Djarmode=tools extract`: reviewer.jar + lib/ on a plain class path), as Spring Boot documents it.
  EXTRACTED="$CLUSTER_DIR/extracted"
  "$JAVA" -Djarmode=tools -jar "$CLUSTER_JAR" extract --destination "$EXTRACTED" >/dev/null
  while IFS='=' read -r name value; do export "$name=$value"; done < <(scripts/cluster env)
  export REVIEWER_DATA_DIR="$CLUSTER_DIR/data"
  start_one() { # label, java args... → prints "ms rss_mb started_in"
    local label=$1; shift
    local log="$CLUSTER_DIR/startup-$label.log"
    local t0; t0=$(ms_now)
    "$JAVA" -Xmx512m "$@" serve --no-workers --port "$EXTRA_PORT" --bind 127.0.0.1 > "$log" 2>&1 &
    local pid=$!
    echo "$pid" > "$CLUSTER_DIR/extra.pid" # a subshell runs this function: cleanup finds the JVM here
    local ready=""
    for _ in $(seq 1 3000); do
      if curl -fs "http://127.0.0.1:$EXTRA_PORT/actuator/health/readiness" >/dev/null 2>&1; then ready=$(ms_now); break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    sleep 5
    local rss; rss=$(rss_mb "$pid")
    local started; started=$(grep -oE 'Started Main in [0-9.]+ seconds' "$log" | awk '{print $4}')
    if [ -n "${TRAIN:-}" ]; then
      wrk -t1 -c4 -d5s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$EXTRA_PORT/api/v1/repositories" >/dev/null
      wrk -t1 -c4 -d3s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$EXTRA_PORT/api/v1/portfolio" >/dev/null
    fi
    kill "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "$(( ${ready:-0} - t0 )) $rss ${started:-?}"
  }
  say "**(c) Start-up and memory** — one more \`serve --no-workers\` (-Xmx512m) against the running cluster; time from" \
    "launching the JVM to the first \`200\` of \`/actuator/health/readiness\` (polled every 100 ms; Spring's own" \
    "\"Started … in\" beside it), RSS 5 s after ready (idle). The AOT cache is trained by one run with" \
    "\`-XX:AOTCacheOutput\` (start, ~8 s of requests, SIGTERM: the JVM writes the cache at exit) on the extracted jar."
  say ""
  TRAIN=1 start_one train -XX:AOTCacheOutput="$CLUSTER_DIR/reviewer.aot" -jar "$EXTRACTED/reviewer.jar" >/dev/null
  AOT_SIZE=$(du -m "$CLUSTER_DIR/reviewer.aot" 2>/dev/null | cut -f1)
  say '| Run | Load avg | Ready after | Spring "Started in" | RSS idle |'
  say '|---|---|---|---|---|'
  for round in 1 2; do
    for variant in "fat jar (java -jar reviewer.jar)|-jar $CLUSTER_JAR" \
      "extracted, no AOT cache|-jar $EXTRACTED/reviewer.jar" \
      "extracted + AOT cache (${AOT_SIZE:-?} MB)|-XX:AOTCache=$CLUSTER_DIR/reviewer.aot -jar $EXTRACTED/reviewer.jar"; do
      label=${variant%%|*}
      before=$(load)
      # shellcheck disable=SC2086
      read -r ms rss started <<< "$(start_one "r$round" ${variant#*|})"
      say "| $label, round $round | $before | **$(awk "BEGIN{printf \"%.1f\", $ms/1000}") s** | ${started} s | $rss MB |"
    done
  done
  say ""
fi

say "Load average at the end: $(load)."
echo
if [ -n "$OUT" ]; then
  python3 - "$OUT" "$REPORT" <<'PY'
import sys
out, report = sys.argv[1], open(sys.argv[2]).read()
begin = "<!-- perf:begin (generated by bench/perf/run.sh; edits inside are overwritten) -->"
end = "<!-- perf:end -->"
text = open(out).read()
block = begin + "\n" + report + end
b, e = text.find(begin), text.find(end)
text = text[:b] + block + text[e + len(end):] if b >= 0 and e > b else text.rstrip() + "\n\n" + block + "\n"
open(out, "w").write(text)
PY
  echo "wrote $OUT"
fi
