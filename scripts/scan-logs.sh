#!/usr/bin/env bash
# The log scan after the test suite (issue 8): no password, token, UnlockToken, temporary passcode
# or PIN may appear in any log the suite produced. Looks in
#   target/log-scan/test-suite.log     everything Maven printed (every in-JVM server's log; scripts/test.sh tees it)
#   target/log-scan/process-logs/*.log the logs of the packaged servers the e2e tests ran (ServerProcess keeps them)
# for
#   - every secret a simulated device saw (target/log-scan/canaries.txt, written by simulator Canaries:
#     UnlockTokens in base64 and hex, Mac and Windows PINs, Android temporary passcodes), as whole words;
#   - the test suite's fixed passwords (listed below);
#   - shapes no log line may carry: API tokens (lk_…), otpauth:// URIs, private keys in PEM.
# Exits 1 and names file, line and kind (never the value) for each finding.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-$ROOT/target/log-scan}"
shopt -s nullglob
LOGS=("$DIR"/test-suite.log "$DIR"/process-logs/*.log)
if [ ${#LOGS[@]} -eq 0 ] || [ ! -f "${LOGS[0]}" ]; then
  echo "scan-logs: no logs under $DIR (run scripts/test.sh)" >&2
  exit 2
fi

# Passwords the tests sign in with (grep -rn 'PASSWORD = "' */src/test).
PASSWORDS=(violet-harbour-crane console-test-password console-off-password tls-test-password enrollment-token
  Correct-Horse-Battery-9 console-client-secret-0123456789)

PATTERNS="$(mktemp)"
trap 'rm -f "$PATTERNS"' EXIT
if [ -f "$DIR/canaries.txt" ]; then
  # Short PINs (4-5 digits) would match ports and counters: only values of 6 characters or more.
  cut -f2- "$DIR/canaries.txt" | awk 'length($0) >= 6' | sort -u > "$PATTERNS"
fi
printf '%s\n' "${PASSWORDS[@]}" >> "$PATTERNS"
canaries=$(wc -l < "$PATTERNS")

found=0
report() { # file:line:kind
  echo "scan-logs: SECRET IN LOG: $1" >&2
  found=$((found + 1))
}
for log in "${LOGS[@]}"; do
  while IFS=: read -r line _; do
    report "$log:$line: a secret the suite handled (canary or test password)"
  done < <(grep -n -w -F -f "$PATTERNS" "$log" || true)
  while IFS=: read -r line _; do
    report "$log:$line: an API token (lk_...)"
  done < <(grep -n -E '(^|[^A-Za-z0-9_])lk_[A-Za-z0-9_-]{30,}' "$log" || true)
  while IFS=: read -r line _; do
    report "$log:$line: an otpauth:// URI (a TOTP secret)"
  done < <(grep -n -F 'otpauth://' "$log" || true)
  while IFS=: read -r line _; do
    report "$log:$line: a private key"
  done < <(grep -n -E -e '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----' "$log" || true)
done

bytes=$(cat "${LOGS[@]}" | wc -c)
if [ "$found" -gt 0 ]; then
  echo "scan-logs: $found finding(s) in ${#LOGS[@]} log file(s)" >&2
  exit 1
fi
echo "scan-logs: no secret in ${#LOGS[@]} log file(s), $bytes bytes, checked against $canaries known secrets and 3 shapes"
