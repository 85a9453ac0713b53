#!/usr/bin/env bash
# Makes sure Debian's headless browser and its driver are there for the console's browser tests:
# /usr/bin/chromium and /usr/bin/chromedriver (never Selenium Manager downloads). Idempotent: when
# both exist it does nothing. Needs root only to install. Exits non-zero with a message otherwise.
set -euo pipefail

say() { echo "ensure-chromium: $*"; }
die() { echo "ensure-chromium: ERROR: $*" >&2; exit 1; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver are installed; nothing to do."
  exit 0
fi
[ "$(id -u)" = 0 ] || die "chromium or chromedriver is missing and I am not root; run: apt-get install -y chromium chromium-driver"
command -v apt-get >/dev/null 2>&1 || die "no apt-get: install chromium and chromedriver by hand"
say "installing Debian's chromium and chromium-driver packages"
apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver \
  || die "apt-get install chromium chromium-driver failed"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || die "installed, yet /usr/bin/chromium or /usr/bin/chromedriver is missing"
say "installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
