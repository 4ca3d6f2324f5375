#!/usr/bin/env bash
# Advisories benchmark: 50,000 generated OSV advisories (all.zip) and a 10,000-package lockfile.
# Goals: import >= 10,000 advisories/s; audit (lockfile parse + match) <= 1 s.
# Usage: bench/advisories/run.sh   (override sizes: -Dadvisories=N -Dpackages=N via BENCH_OPTS)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -Dspotless.check.skip=true compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
CP="target/classes:$(cat target/bench-classpath.txt)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -Xmx2g ${BENCH_OPTS:-} -cp "$CP" bench/advisories/AdvisoriesBench.java
