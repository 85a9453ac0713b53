#!/usr/bin/env bash
# Is an embedded database's transaction atomic across SIGKILL? For each engine, trial after trial:
# EmbeddedCrashProbe writes transactions of ROWS rows (a second connection committing one row every 3 ms),
# is killed with SIGKILL at a random moment (0.5 to 6.5 s after it starts writing), and the database is
# reopened: WHOLE when the row count is a multiple of ROWS, and every row must still be writable. A
# database found torn or unwritable is recorded and started afresh. Writes bench/results/embedded-crash.md,
# which bench/run.sh puts into BENCHMARKS.md ("Embedded databases under kill -9").
# Usage: bench/embedded-crash.sh [trials] [rows per transaction ...]     default: 20 "10000 100"
# ENGINES (default "h2 hsqldb sqlite").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/jdk.sh
latchkey_find_jdk || exit 1
TRIALS=${1:-20}
shift || true
SIZES=${*:-10000 100}
ENGINES=${ENGINES:-h2 hsqldb sqlite}
OUT=bench/results
mkdir -p "$OUT"
MVN_OFFLINE=${MVN_OFFLINE:--o}

echo "embedded-crash: building" >&2
mvn -B -q $MVN_OFFLINE -DskipTests install -pl bench -am >/dev/null
mvn -B -q $MVN_OFFLINE -pl bench dependency:build-classpath -Dmdep.outputFile="$ROOT/$OUT/classpath.txt" >/dev/null
CP="bench/target/classes:$(cat "$OUT/classpath.txt")"
PROBE=("$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" io.latchkey.bench.EmbeddedCrashProbe)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

: > "$OUT/embedded-crash.md"
for engine in $ENGINES; do
  for rows in $SIZES; do
    whole=0; torn=0; hung=0; unwritable=0
    rm -rf "$WORK/db"; mkdir -p "$WORK/db"
    for trial in $(seq 1 "$TRIALS"); do
      # The JVM itself in the background (not a shell function), so that $! is the process SIGKILL must hit.
      "${PROBE[@]}" write "$engine" "$WORK/db" "$rows" > "$WORK/write.out" 2>&1 &
      pid=$!
      for _ in $(seq 150); do grep -q START "$WORK/write.out" 2>/dev/null && break; sleep 0.2; done
      sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 0.5 + rand() * 6 }')"
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      line=$(timeout -s KILL 60 "${PROBE[@]}" check "$engine" "$WORK/db" "$rows" 2>/dev/null | grep '^rows' || true)
      if [ -z "$line" ]; then line="(no answer within 60 s)"; fi
      if [[ "$line" != *"every row writable"* ]]; then
        if [[ "$line" == *"rows not writable"* ]]; then unwritable=$((unwritable + 1)); else hung=$((hung + 1)); line="$line; writing every row still running after 60 s"; fi
      fi
      if [[ "$line" == *TORN* ]]; then torn=$((torn + 1)); elif [[ "$line" == *WHOLE*"every row writable"* ]]; then whole=$((whole + 1)); fi
      echo "embedded-crash: $(date -u +%T) $engine, $rows-row transactions, trial $trial: $line" >&2
      if [[ "$line" != *WHOLE*"every row writable"* ]]; then rm -rf "$WORK/db"; mkdir -p "$WORK/db"; fi
    done
    echo "| $engine | $rows | $TRIALS | $whole | $torn | $hung | $unwritable |" | tee -a "$OUT/embedded-crash.md"
  done
done
echo "$(date -u +%Y-%m-%d) ($TRIALS trials per row; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))" \
  > "$OUT/embedded-crash.when"
