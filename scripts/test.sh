#!/usr/bin/env bash
# The one test command: every module, every test (mvn verify). Makes sure a PostgreSQL server is
# there for the storage contract suite; under CI (CI=true) a missing PostgreSQL fails the run
# instead of skipping those tests (LATCHKEY_REQUIRE_PG=1). Likewise Debian's chromium and
# chromedriver for the console's browser tests (LATCHKEY_REQUIRE_BROWSER=1 under CI).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/jdk.sh
source scripts/lib/jdk.sh
latchkey_find_jdk || exit 1
echo "test.sh: using JDK at $JAVA_HOME"

if [ "${CI:-}" = "true" ]; then
  export LATCHKEY_REQUIRE_PG=1
  export LATCHKEY_REQUIRE_BROWSER=1
fi

if [ -f scripts/ensure-postgres.sh ]; then
  if ! bash scripts/ensure-postgres.sh; then
    if [ "${LATCHKEY_REQUIRE_PG:-}" = "1" ]; then
      echo "test.sh: PostgreSQL is required (LATCHKEY_REQUIRE_PG=1) and could not be made ready" >&2
      exit 1
    fi
    echo "test.sh: no PostgreSQL; the PostgreSQL half of the storage contract suite will be skipped" >&2
  fi
else
  echo "test.sh: scripts/ensure-postgres.sh is not there yet; skipping the PostgreSQL setup"
fi

if ! bash scripts/ensure-chromium.sh; then
  if [ "${LATCHKEY_REQUIRE_BROWSER:-}" = "1" ]; then
    echo "test.sh: chromium and chromedriver are required (LATCHKEY_REQUIRE_BROWSER=1) and could not be installed" >&2
    exit 1
  fi
  echo "test.sh: no chromium/chromedriver; the console's browser tests will be SKIPPED" >&2
fi

# Everything Maven prints is kept for the log scan that follows (scripts/scan-logs.sh): no secret
# the suite handled may appear in any log.
rm -rf target/log-scan
mkdir -p target/log-scan
set +e
mvn -B verify "$@" 2>&1 | tee target/log-scan/test-suite.log
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  exit "$status"
fi
# First prove the scan finds a planted secret (a check that cannot fail proves nothing).
planted="$(mktemp -d)"
printf 'mac PIN\t918273\n' > "$planted/canaries.txt"
printf '12:00:00 INFO x - locked with 918273\n' > "$planted/test-suite.log"
if bash scripts/scan-logs.sh "$planted" >/dev/null 2>&1; then
  echo "test.sh: the log scan missed a planted secret" >&2
  exit 1
fi
rm -rf "$planted"
exec bash scripts/scan-logs.sh
