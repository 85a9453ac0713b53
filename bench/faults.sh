#!/usr/bin/env bash
# kill -9 trials (issue 9, "Faults"): the packaged server killed with SIGKILL at a random moment of a
# fleet-wide lock, restarted, trial after trial, on the embedded SQLite and on PostgreSQL (a private cluster of the
# test's own, never the shared server). Afterwards every device must have exactly one lock command per
# trial, succeeded once. The work is e2e's KillNineTest; this script runs it at full size and writes
# bench/results/faults.md, which bench/run.sh puts into BENCHMARKS.md ("Faults").
# Usage: bench/faults.sh [trials] [devices] [databases]      default: 20 10000 "sqlite postgresql"
# FAULTS_REPUSH (default 15s): how soon a device whose session died with the server is woken again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/jdk.sh
latchkey_find_jdk || exit 1
TRIALS=${1:-20}
DEVICES=${2:-10000}
DATABASES=${3:-sqlite postgresql}
REPUSH=${FAULTS_REPUSH:-15s}
OUT=bench/results
mkdir -p "$OUT"
MVN_OFFLINE=${MVN_OFFLINE:--o}

echo "faults: building" >&2
mvn -B -q $MVN_OFFLINE -DskipTests install -pl e2e -am >/dev/null

for db in $DATABASES; do
  case "$db" in
    sqlite) test=embeddedSqlite ;;
    postgresql) test=postgresql ;;
    h2) echo "faults: H2 is kept only for installations from before SQLite; its kill -9 figures are in" \
          "BENCHMARKS.md (embedded databases under kill -9, and the earlier faults rows)" >&2; exit 2 ;;
    *) echo "faults: unknown database $db (sqlite or postgresql)" >&2; exit 2 ;;
  esac
  echo "faults: $TRIALS trials x $DEVICES devices on $db (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  started=$(date +%s)
  if mvn -B -q $MVN_OFFLINE -pl e2e test -Dtest="KillNineTest#$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfaults.trials="$TRIALS" -Dfaults.devices="$DEVICES" -Dfaults.repush="$REPUSH" > "$OUT/faults-$db.log" 2>&1; then
    outcome="every device: one lock command per trial, succeeded once"
  else
    outcome="FAILED (see bench/results/faults-$db.log)"
  fi
  minutes=$(( ($(date +%s) - started + 59) / 60 ))
  cp e2e/target/faults-$db.tsv "$OUT/faults-$db.tsv" 2>/dev/null || true
  # One table row: kill moments (storing / delivering at a share of devices answered), median recovery.
  awk -F'\t' -v db="$db" -v devices="$DEVICES" -v outcome="$outcome" -v minutes="$minutes" '
    /^# / { load = $0; sub(/.*load=/, "", load); split(load, l, " "); load = l[1] " " l[2] " " l[3]; next }
    /^trial/ { next }
    NF >= 6 {
      n++; rec[n] = $5
      if ($2 == "storing") { storing++ } else {
        share = 100 * $4 / devices; d++
        if (d == 1 || share < lo) lo = share; if (d == 1 || share > hi) hi = share
      }
    }
    END {
      # insertion sort: plain awk has no asort
      for (i = 2; i <= n; i++) { v = rec[i]; for (j = i - 1; j >= 1 && rec[j] > v; j--) rec[j + 1] = rec[j]; rec[j + 1] = v }
      median = n ? (n % 2 ? rec[(n + 1) / 2] : (rec[n / 2] + rec[n / 2 + 1]) / 2) : 0
      printf "| %s | %d | %d | %d while storing the request; %d while delivering (%.0f–%.0f %% locked) | %s | %.1f s | %s | %d min |\n",
        db, n, devices, storing, d, lo, hi, outcome, median / 1000, load, minutes
    }' "$OUT/faults-$db.tsv" > "$OUT/faults-$db.row" 2>/dev/null \
    || echo "| $db | 0 | $DEVICES | — | $outcome | — | — | $minutes min |" > "$OUT/faults-$db.row"
done
date -u +"%Y-%m-%d %H:%M UTC" > "$OUT/faults.when"
cat "$OUT"/faults-*.row > "$OUT/faults.md"
cat "$OUT/faults.md"
