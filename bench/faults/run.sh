#!/usr/bin/env bash
# bench/faults: the fault suite. Starts the scaled topology of scripts/cluster from local binaries on loopback
# (PostgreSQL + PgBouncer in transaction mode + Redis + 2 `serve --no-workers` + 2 `worker`s), drives a steady
# mixed load (bench/faults/FaultSuite.java) and injects one fault at a time:
#   1 pg_terminate_backend of every app connection   2 PostgreSQL stopped 20 s, then started
#   3 PgBouncer restarted                            4 Redis stopped 20 s, then started
#   5 kill -9 of a worker in the middle of scans     6 burst of 2,000 concurrent requests (pool exhaustion)
# and writes the results between the fault-suite markers of docs/reliability.md. Everything it starts is stopped on
# exit (trap), whatever happens; the whole run is bounded by `timeout`.
#
# Usage: bench/faults/run.sh                  all six scenarios (~10 min), results into docs/reliability.md
#        FAULTS_ONLY=1,4 FAULTS_OUT= bench/faults/run.sh   some scenarios, console only
# Settings: FAULTS_RATE (steady requests/s, default 40), FAULTS_ONLY, FAULTS_OUT (default docs/reliability.md;
# empty = console only), CLUSTER_DIR (default /tmp/reviewer-faults, wiped first), CLUSTER_BASE_PORT (default 57000).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/reviewer-faults}
export CLUSTER_BASE_PORT=${CLUSTER_BASE_PORT:-57000}
# Limits raised so the load measures faults, not the per-key rate limits (which stay on, Redis-backed);
# repositories registered by path live under CLUSTER_DIR/repos.
export CLUSTER_JAVA_OPTS="-Dreviewer.security.rate-limits.general.quota=10000000 \
-Dreviewer.security.rate-limits.scans.quota=10000000 -Dreviewer.sources.allowed-paths=$CLUSTER_DIR/repos"
OUT=${FAULTS_OUT-docs/reliability.md}

command -v pgbouncer >/dev/null || { echo "pgbouncer is missing (apt-get install pgbouncer)" >&2; exit 2; }
[ -f target/reviewer.jar ] || ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package

scripts/cluster stop >/dev/null 2>&1 || true
rm -rf "$CLUSTER_DIR"
SUITE=""
cleanup() {
  [ -n "$SUITE" ] && kill "$SUITE" 2>/dev/null || true
  scripts/cluster stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$CLUSTER_DIR/archives" "$CLUSTER_DIR/repos"
# The cluster runs a copy of the jar: a build replacing target/reviewer.jar under running JVMs breaks them.
cp target/reviewer.jar "$CLUSTER_DIR/reviewer.jar"
export CLUSTER_JAR="$CLUSTER_DIR/reviewer.jar"

# Fixtures: every fixture repository as a small tar.gz; ten of them registered by path; one larger generated
# Next.js tree (4,000 files) that keeps a worker busy for a while (scenario 5).
for dir in src/test/resources/fixtures/*/; do
  name=$(basename "$dir")
  tar -czf "$CLUSTER_DIR/archives/$name.tar.gz" -C "$dir" .
done
for dir in $(ls -d src/test/resources/fixtures/*/ | head -n 10); do cp -r "$dir" "$CLUSTER_DIR/repos/"; done
python3 bench/scan-throughput/generate.py "$CLUSTER_DIR/large" 4000 >/dev/null
tar -czf "$CLUSTER_DIR/archives/large.tar.gz" -C "$CLUSTER_DIR/large" .

echo "starting the cluster (load average $(cut -d' ' -f1-3 /proc/loadavg))"
scripts/cluster start
timeout 1500 "$JAVA_HOME/bin/java" -Xmx1g \
  -Dapis="http://127.0.0.1:$((CLUSTER_BASE_PORT + 11)),http://127.0.0.1:$((CLUSTER_BASE_PORT + 12))" \
  -Dkey="$CLUSTER_DIR/data/admin.key" -Dcluster="$PWD/scripts/cluster" \
  -Darchives="$CLUSTER_DIR/archives" -Drepos="$CLUSTER_DIR/repos" \
  -Drate="${FAULTS_RATE:-40}" -Donly="${FAULTS_ONLY:-1,2,3,4,5,6}" -Dout="$OUT" \
  -Dcommit="$(git rev-parse --short HEAD)" -Dcommand="bench/faults/run.sh" \
  bench/faults/FaultSuite.java &
SUITE=$!
wait "$SUITE"
