# shellcheck shell=bash
# Finds a JDK >= 21 (java and javac) and exports JAVA_HOME and PATH for it.
# Order: $JAVA_HOME when it is recent enough, then the newest /usr/lib/jvm/* that is, then the
# java on PATH. Sourced by ./latchkey and scripts/test.sh so both pick the same JDK.

LATCHKEY_MIN_JAVA=21

# Prints the feature version of the JDK at $1 (21, 25; 8 for "1.8"), or nothing.
latchkey_java_major() {
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}')
  v=${v#1.}
  echo "${v%%.*}"
}

latchkey_find_jdk() {
  local candidate major seen=""
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r candidate; do candidates+=("$candidate"); done \
      < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V -r)
  fi
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    major=$(latchkey_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$LATCHKEY_MIN_JAVA" ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    seen="$seen ${candidate}(${major:-no JDK})"
  done
  {
    echo "latchkey: needs a JDK $LATCHKEY_MIN_JAVA or newer (java and javac); none was found."
    echo "  looked at:${seen:- nothing (JAVA_HOME unset, no /usr/lib/jvm, no javac on PATH)}"
    echo "  install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it."
  } >&2
  return 1
}
