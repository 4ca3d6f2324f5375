#!/usr/bin/env bash
# Tagged cache and non-critical writes benchmark on a real app instance (embedded PostgreSQL, Redis).
# Prints: cache hit ratio, p50/p99 of cached vs uncached reads; HTTP p50/p99 without a write, with the
# event through NonCriticalWrites, with the INSERT inline; the same while a lock blocks the table.
# Usage: bench/cache/run.sh   (sizes via BENCH_OPTS="-Dreads=N -Drequests=N")
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -Dspotless.check.skip=true test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-test-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-test-classpath.txt)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -Xmx1g ${BENCH_OPTS:-} -cp "$CP" bench/cache/CacheBench.java
