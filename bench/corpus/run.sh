#!/usr/bin/env bash
# Scans every corpus repository found under DIR and scores the findings against the answer keys.
# Usage: bench/corpus/run.sh DIR [REPO ...]   (from anywhere; REPO = owner/name to run only those)
#   DIR holds fetched snapshots (DIR/<owner>+<name>/repo, a bare git directory) or checkouts (DIR/<owner>+<name>/).
# Environment: CORPUS_CACHE (default /tmp/reviewer-corpus): checkouts at the pinned commits and the JSON reports;
#   REVIEWER_JAR (default target/reviewer.jar, built when missing); CORPUS_DETAILS=0 hides the per-finding lists.
# Prints per rule and overall, for the tune part, the held-out part and both: expected found, missed, findings
# judged wrong, unjudged findings, controls flagged; then the time per repository and the lists to judge.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="${1:?usage: bench/corpus/run.sh DIR [owner/name ...]}"
shift
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CACHE=${CORPUS_CACHE:-/tmp/reviewer-corpus}
JAR=${REVIEWER_JAR:-$ROOT/target/reviewer.jar}
if [ ! -f "$JAR" ]; then (cd "$ROOT" && ./mvnw -q -B -DskipTests package); fi
mkdir -p "$CACHE/checkouts" "$CACHE/results"
rm -f "$CACHE/results/"*.json "$CACHE/results/"*.time

only=" $* "
tail -n +2 "$HERE/repos.tsv" | while IFS=$'\t' read -r repo commit part class stack why; do
  [ -n "$repo" ] || continue
  if [ "$only" != "  " ] && [[ "$only" != *" $repo "* ]]; then continue; fi
  name=${repo/\//+}
  if [ -d "$DIR/$name/repo" ] && git --git-dir="$DIR/$name/repo" rev-parse -q --verify "$commit^{commit}" > /dev/null; then
    tree="$CACHE/checkouts/$name-${commit:0:12}"
    if [ ! -d "$tree" ]; then
      mkdir -p "$tree.partial"
      # a snapshot lacks its largest files: extract what is there, file by file when the archive stops on one
      if ! git --git-dir="$DIR/$name/repo" archive "$commit" 2> /dev/null | tar -x -C "$tree.partial" 2> /dev/null; then
        git --git-dir="$DIR/$name/repo" ls-tree -r -z --name-only "$commit" | while IFS= read -r -d '' path; do
          mkdir -p "$tree.partial/$(dirname "$path")"
          git --git-dir="$DIR/$name/repo" show "$commit:$path" > "$tree.partial/$path" 2> /dev/null || rm -f "$tree.partial/$path"
        done
      fi
      mv "$tree.partial" "$tree"
    fi
  elif [ -d "$DIR/$name" ] && [ ! -d "$DIR/$name/repo" ]; then
    tree="$DIR/$name"
  else
    echo "skip $repo: not under $DIR" >&2
    continue
  fi
  start=$(date +%s%N)
  set +e
  "$JAVA_HOME/bin/java" -jar "$JAR" scan --quiet --format json --output "$CACHE/results/$name.json" "$tree" \
    > /dev/null 2> "$CACHE/results/$name.err"
  code=$?
  set -e
  end=$(date +%s%N)
  if [ "$code" -gt 1 ]; then
    echo "scan of $repo failed (exit $code):" >&2
    cat "$CACHE/results/$name.err" >&2
    continue
  fi
  echo $(( (end - start) / 1000000 )) > "$CACHE/results/$name.time"
done

if [ -n "${REVIEWER_JAR:-}" ]; then
  echo "engine: $JAR (REVIEWER_JAR); keys of commit $(git -C "$ROOT" rev-parse --short HEAD)"
else
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/score.py" "$HERE" "$CACHE/results"
