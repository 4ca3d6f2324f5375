#!/usr/bin/env bash
# Front-end choice: the engine's hand-written lexer front end vs tree-sitter (io.github.bonede) on the
# same generated TypeScript files, one thread. Usage: bench/parsing/run.sh [FILES]  (repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
FILES=${1:-5000}
DIR=/tmp/reviewer-parse-bench-$FILES
[ -d "$DIR" ] || python3 bench/scan-throughput/generate.py "$DIR" "$FILES"
./mvnw -q -B dependency:get -Dartifact=io.github.bonede:tree-sitter:0.26.6 >/dev/null 2>&1
./mvnw -q -B dependency:get -Dartifact=io.github.bonede:tree-sitter-typescript:0.23.2 >/dev/null 2>&1
./mvnw -q -B -DskipTests -Dspotless.check.skip=true compile >/dev/null 2>&1
M2=${HOME}/.m2/repository/io/github/bonede
CP="target/classes:$M2/tree-sitter/0.26.6/tree-sitter-0.26.6.jar:$M2/tree-sitter-typescript/0.23.2/tree-sitter-typescript-0.23.2.jar"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -cp "$CP" bench/parsing/ParserBench.java "$DIR" 3
