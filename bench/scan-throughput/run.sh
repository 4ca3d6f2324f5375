#!/usr/bin/env bash
# Scan throughput of `reviewer scan` on a generated Next.js monorepo of 20,000 source files.
# Usage: bench/scan-throughput/run.sh [FILES] [RUNS]   (from the repository root)
# Prints files/s, MB/s and peak heap per run; the JVM runs with -Xmx512m (the heap goal).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
FILES=${1:-20000}
RUNS=${2:-3}
DIR=${BENCH_DIR:-/tmp/reviewer-bench-$FILES}
[ -f target/reviewer.jar ] || ./mvnw -q -B -DskipTests package
[ -d "$DIR" ] || python3 bench/scan-throughput/generate.py "$DIR" "$FILES"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "tree: $DIR ($(find "$DIR" -type f | wc -l) files, $(du -sh "$DIR" | cut -f1))"
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  set +e
  "$JAVA_HOME/bin/java" -Xmx512m -XX:+UseParallelGC -jar target/reviewer.jar scan --quiet --stats \
    --format json --output /dev/null "$DIR" 2> /tmp/reviewer-bench-stats.txt
  code=$?
  set -e
  end=$(date +%s%N)
  if [ "$code" -gt 1 ]; then cat /tmp/reviewer-bench-stats.txt; exit "$code"; fi
  echo "run $run: $(grep '^stats:' /tmp/reviewer-bench-stats.txt | cut -d' ' -f2-) wall_ms=$(( (end - start) / 1000000 ))"
done
