#!/usr/bin/env bash
# bench/queue: enqueue->start latency (p50/p99) across processes with idle workers, and throughput
# of no-op jobs. Starts its own embedded PostgreSQL and N `reviewer worker` JVMs; prints figures.
# Options (system properties): -Dbench.workers=2 -Dbench.threads=16 -Dbench.latencyJobs=300
#   -Dbench.workerProperties=name=value,... (extra settings of the workers)
#   -Dbench.workerJvm="-XX:StartFlightRecording=filename=target/w-%p.jfr,settings=profile" (worker JVM options)
#   -Dbench.warmupJobs=50000 (drained before measuring, so the workers run JIT-compiled code)
#   -Dbench.statements=true (statements of the drain; needs pg_stat_statements, see QueueBench)
#   -Dbench.throughputJobs=10000 -Dbench.rounds=3 -Dbench.tenants=16   e.g. bench/queue/run.sh -Dbench.workers=1
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B -Dspotless.check.skip=true -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" "$@" com.architectreviewer.jobs.QueueBench
