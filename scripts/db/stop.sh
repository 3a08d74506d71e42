#!/usr/bin/env bash
# Stops the PostgreSQL and MariaDB test servers started by scripts/db/postgres.sh and
# scripts/db/mariadb.sh (if running). Data is kept; delete ${POWERSYNC_DATA_DIR:-<repo>/.data} to reset.
set -euo pipefail
# shellcheck source=scripts/db/_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

require_root
cd /
status=0

# --- PostgreSQL ---
PGDATA_DIR="$POWERSYNC_DATA_ROOT/postgres"
PG_CTL=/usr/lib/postgresql/15/bin/pg_ctl
if pid_is "$PGDATA_DIR/postmaster.pid" postgres; then
  log "stopping postgres (pid $(head -n 1 "$PGDATA_DIR/postmaster.pid"))"
  if ! runuser -u postgres -- "$PG_CTL" -D "$PGDATA_DIR" -m fast -w -t 60 -s stop >&2; then
    log "ERROR: pg_ctl stop failed (see $PGDATA_DIR/postgresql.log)"
    status=1
  fi
else
  log "postgres not running"
fi

# --- MariaDB ---
MY_PID="$POWERSYNC_DATA_ROOT/mariadb/mariadbd.pid"
if pid_is "$MY_PID" mariadbd; then
  pid="$(head -n 1 "$MY_PID" | tr -dc '0-9')"
  log "stopping mariadbd (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do
    proc_alive "$pid" || break
    sleep 0.5
  done
  if proc_alive "$pid"; then
    log "ERROR: mariadbd (pid $pid) did not exit within 60s (see $POWERSYNC_DATA_ROOT/mariadb/mariadbd.err)"
    status=1
  fi
else
  log "mariadbd not running"
fi

exit "$status"
