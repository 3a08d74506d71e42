#!/usr/bin/env bash
# Installs (Debian's postgresql, v15) and starts a private PostgreSQL server for tests.
#
#   data dir : ${POWERSYNC_DATA_DIR:-<repo>/.data}/postgres   (socket + postgresql.log inside)
#   listens  : 127.0.0.1:${POWERSYNC_PG_PORT:-54329} only
#   creates  : role powersync/powersync (LOGIN SUPERUSER REPLICATION), database powersync_test
#
# Idempotent: when the server already runs this only verifies it. Stop with scripts/db/stop.sh.
# Does not use the Debian cluster tooling (pg_ctlcluster/systemd); the package's default
# "main" cluster is not created on fresh installs and is never started.
set -euo pipefail
# shellcheck source=scripts/db/_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
PG_PORT="${POWERSYNC_PG_PORT:-54329}"
PGDATA_DIR="$POWERSYNC_DATA_ROOT/postgres"
PG_LOG="$PGDATA_DIR/postgresql.log"
PG_MARKER="$PGDATA_DIR/.powersync-initialized"
PG_ROLE=powersync
PG_PASSWORD=powersync
PG_DB=powersync_test

start_time=$SECONDS
require_root
cd /   # the postgres OS user may not be able to access the caller's cwd

# --- install ---------------------------------------------------------------
# Keep postgresql-15's postinst from creating (and trying to start) the default
# "main" cluster on port 5432: install postgresql-common first, then switch
# create_main_cluster off in the ucf-managed createcluster.conf.
disable_main_cluster() {
  if ! pkgs_installed "postgresql-$PG_VERSION"; then
    if ! pkgs_installed postgresql-common; then
      log "apt-get install postgresql-common"
      apt_run install -y --no-install-recommends postgresql-common \
        || die "apt-get install postgresql-common failed"
    fi
    local conf=/etc/postgresql-common/createcluster.conf
    if [[ -f "$conf" ]]; then
      if grep -Eq '^[#[:space:]]*create_main_cluster[[:space:]]*=' "$conf"; then
        sed -ri 's/^[#[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' "$conf"
      else
        echo 'create_main_cluster = false' >>"$conf"
      fi
    else
      mkdir -p /etc/postgresql-common
      echo 'create_main_cluster = false' >"$conf"
    fi
  fi
}
APT_PRE_INSTALL_HOOK=disable_main_cluster apt_install postgresql
[[ -x "$PG_BIN/postgres" ]] || die "$PG_BIN/postgres not found: the 'postgresql' package did not provide PostgreSQL $PG_VERSION"
getent passwd postgres >/dev/null || die "OS user 'postgres' does not exist (should come with postgresql-common)"

as_pg() { runuser -u postgres -- "$@"; }

# --- data dir ----------------------------------------------------------------
ensure_data_root
mkdir -p "$PGDATA_DIR"
chown postgres:postgres "$PGDATA_DIR"
chmod 700 "$PGDATA_DIR"
check_traversable postgres "$PGDATA_DIR"
check_socket_path "$PGDATA_DIR/.s.PGSQL.$PG_PORT"

pg_running() {
  pid_is "$PGDATA_DIR/postmaster.pid" postgres \
    && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1
}

if [[ ! -f "$PG_MARKER" ]]; then
  pg_running && die "a server is running on $PGDATA_DIR but it was not fully initialized; run scripts/db/stop.sh and delete $PGDATA_DIR"
  # Leftovers of an interrupted init: start from scratch (test data only).
  find "$PGDATA_DIR" -mindepth 1 -delete
  log "initdb $PGDATA_DIR"
  if ! initdb_out="$(as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --no-locale \
        --auth-local=peer --auth-host=scram-sha-256 2>&1)"; then
    printf '%s\n' "$initdb_out" >&2
    die "initdb failed"
  fi
  echo "include_if_exists = 'powersync.conf'   # written by scripts/db/postgres.sh" >>"$PGDATA_DIR/postgresql.conf"
  as_pg touch "$PG_MARKER"
fi

# Regenerated on every run so POWERSYNC_PG_PORT changes apply at the next start.
sock_dir_sql="${PGDATA_DIR//\'/\'\'}"
as_pg tee "$PGDATA_DIR/powersync.conf" >/dev/null <<EOF
# Written by scripts/db/postgres.sh on every run; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sock_dir_sql'
max_connections = 200
# PowerSync replicates from Postgres with logical replication.
wal_level = logical
max_replication_slots = 20
max_wal_senders = 20
# Test server: trade durability for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

# --- start -------------------------------------------------------------------
DB_LOG_FILE="$PG_LOG"
ready_tries=2    # already running: it answers at once or runs with another port
if pg_running; then
  log "already running (pid $(head -n 1 "$PGDATA_DIR/postmaster.pid"))"
else
  if [[ -f "$PGDATA_DIR/postmaster.pid" ]]; then
    log "removing stale postmaster.pid"
    rm -f "$PGDATA_DIR/postmaster.pid"
  fi
  if port_open "$PG_PORT"; then
    describe_port_owner "$PG_PORT"
    die "port 127.0.0.1:$PG_PORT is already in use by another process (set POWERSYNC_PG_PORT to use another port;
  a server whose data dir was deleted while running must be killed by its pid)"
  fi
  # Socket lock files of a dead server (e.g. after kill -9) would block the start while
  # their pid still exists (a not yet reaped zombie, or a reused pid). The socket dir is
  # private to this data dir and no server of ours runs, so they are stale.
  for lock in "$PGDATA_DIR"/.s.PGSQL.*.lock; do
    [[ -e "$lock" ]] || continue
    pid_is "$lock" postgres && die "$lock belongs to a running postgres (pid $(head -n 1 "$lock")); stop it first"
    rm -f "$lock" "${lock%.lock}"
  done
  log "starting postgres on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 -s start >&2 \
    || die "pg_ctl start failed"
  ready_tries=20
fi

ready=0
for _ in $(seq 1 "$ready_tries"); do
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then ready=1; break; fi
  sleep 0.5
done
(( ready )) || die "server does not answer on 127.0.0.1:$PG_PORT (if it runs with another port: scripts/db/stop.sh, then rerun)"

# --- role + database ------------------------------------------------------------
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDATA_DIR" -p "$PG_PORT" -U postgres -d postgres >&2 <<EOF \
  || die "creating role/database failed"
SELECT 'CREATE ROLE $PG_ROLE LOGIN SUPERUSER REPLICATION PASSWORD ''$PG_PASSWORD'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') \gexec
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_ROLE'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
EOF

# --- verify (password login over TCP, as the tests do) ---------------------------
PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DB" \
  -c 'select 1' >/dev/null \
  || die "cannot log in as $PG_ROLE@127.0.0.1:$PG_PORT/$PG_DB (server started with another port? scripts/db/stop.sh, then rerun)"

log "ready: postgresql://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB ($((SECONDS - start_time))s)"
