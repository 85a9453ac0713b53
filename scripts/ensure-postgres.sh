#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with the role and database the
# store-jdbc contract tests use (role latchkey / password latchkey, database latchkey_test).
# Idempotent: when that already works it does nothing. Needs root only when it has to install
# or start something. Exits non-zero with a message when it cannot get there.
set -euo pipefail

HOST=127.0.0.1
PORT=5432
ROLE=latchkey
PASSWORD=latchkey
DB=latchkey_test

say() { echo "ensure-postgres: $*"; }
die() { echo "ensure-postgres: ERROR: $*" >&2; exit 1; }

can_login() {
  command -v psql >/dev/null 2>&1 || return 1
  PGPASSWORD="$PASSWORD" PGCONNECT_TIMEOUT=3 psql -h "$HOST" -p "$PORT" -U "$ROLE" -d "$DB" \
    -Atqc 'select 1' >/dev/null 2>&1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    # runuser needs no password and no tty; cd / avoids "could not change directory" noise.
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -n -u postgres "$@") || die "need root (or passwordless sudo) to run: $*"
  fi
}

if can_login; then
  say "PostgreSQL on $HOST:$PORT already accepts $ROLE@$DB; nothing to do."
  exit 0
fi

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and I am not root; run: apt-get install -y postgresql"
  say "installing Debian's postgresql package"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql \
    || die "apt-get install postgresql failed"
fi

# Pick the cluster on our port, else any cluster, else create one for the newest installed version.
cluster=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PORT" '$3 == p {print $1" "$2; exit}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  [ -n "$version" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
  say "creating cluster $version/main on port $PORT"
  pg_createcluster --port "$PORT" "$version" main || die "pg_createcluster $version main failed"
  cluster="$version main"
fi
read -r ver name <<<"$cluster"

status=$(pg_lsclusters -h | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n {print $4}')
if [ "$status" != "online" ]; then
  say "starting cluster $ver/$name"
  if [ "$(id -u)" = 0 ]; then
    pg_ctlcluster "$ver" "$name" start || die "pg_ctlcluster $ver $name start failed (see /var/log/postgresql/)"
  else
    sudo -n pg_ctlcluster "$ver" "$name" start || die "cannot start cluster $ver/$name without root"
  fi
else
  say "cluster $ver/$name already online"
fi

for _ in $(seq 1 30); do
  as_postgres pg_isready -q -h "$HOST" -p "$PORT" && break
  sleep 1
done
as_postgres pg_isready -q -h "$HOST" -p "$PORT" || die "server did not become ready on $HOST:$PORT"

if [ "$(as_postgres psql -p "$PORT" -Atqc "select 1 from pg_roles where rolname = '$ROLE'")" != 1 ]; then
  say "creating role $ROLE"
  as_postgres psql -p "$PORT" -qc "create role $ROLE login createdb password '$PASSWORD'"
else
  say "role $ROLE exists; making sure it can log in with the expected password"
  as_postgres psql -p "$PORT" -qc "alter role $ROLE login createdb password '$PASSWORD'"
fi

if [ "$(as_postgres psql -p "$PORT" -Atqc "select 1 from pg_database where datname = '$DB'")" != 1 ]; then
  say "creating database $DB owned by $ROLE"
  as_postgres createdb -p "$PORT" -O "$ROLE" "$DB"
fi

can_login || die "PostgreSQL runs but $ROLE cannot log in to $DB over TCP on $HOST:$PORT (check pg_hba.conf)"
say "PostgreSQL ready: $ROLE@$HOST:$PORT/$DB"
