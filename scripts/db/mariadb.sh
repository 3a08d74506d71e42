#!/usr/bin/env bash
# Installs (Debian's mariadb-server 10.11 + libmariadb3) and starts a private MariaDB server for tests.
#
#   data dir : ${POWERSYNC_DATA_DIR:-<repo>/.data}/mariadb   (socket, pid file, error log inside)
#   listens  : 127.0.0.1:${POWERSYNC_MARIADB_PORT:-33069} only
#   creates  : users powersync@127.0.0.1 / powersync@localhost (password powersync, ALL on *.*),
#              database powersync_test
#
# Idempotent: when the server already runs this only verifies it. Stop with scripts/db/stop.sh.
# Ignores /etc/mysql (all server/client calls use --no-defaults); the package's own
# service (/var/lib/mysql, port 3306) is never started.
set -euo pipefail
# shellcheck source=scripts/db/_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

MY_PORT="${POWERSYNC_MARIADB_PORT:-33069}"
MY_DIR="$POWERSYNC_DATA_ROOT/mariadb"
MY_SOCKET="$MY_DIR/mariadbd.sock"
MY_PID="$MY_DIR/mariadbd.pid"
MY_LOG="$MY_DIR/mariadbd.err"
MY_OUT="$MY_DIR/mariadbd.out"        # stdout/stderr of the detached process
MY_MARKER="$MY_DIR/.powersync-initialized"
MY_USER=powersync
MY_PASSWORD=powersync
MY_DB=powersync_test

start_time=$SECONDS
require_root
cd /

# --- install ---------------------------------------------------------------
apt_install mariadb-server libmariadb3
for bin in /usr/sbin/mariadbd /usr/bin/mariadb-install-db /usr/bin/mariadb-admin /usr/bin/mariadb; do
  [[ -x "$bin" ]] || die "$bin not found after installing mariadb-server"
done
getent passwd mysql >/dev/null || die "OS user 'mysql' does not exist (should come with mariadb-server)"
server_version="$(/usr/sbin/mariadbd --version)"
[[ "$server_version" == *" 10.11."* ]] || log "warning: expected MariaDB 10.11, got: $server_version"

my_admin() { /usr/bin/mariadb-admin --no-defaults --protocol=socket --socket="$MY_SOCKET" -uroot "$@"; }
my_sql()   { /usr/bin/mariadb --no-defaults --protocol=socket --socket="$MY_SOCKET" -uroot "$@"; }
my_running() { pid_is "$MY_PID" mariadbd; }

# --- data dir ----------------------------------------------------------------
ensure_data_root
mkdir -p "$MY_DIR"
chown mysql:mysql "$MY_DIR"
chmod 750 "$MY_DIR"
check_traversable mysql "$MY_DIR"
check_socket_path "$MY_SOCKET"

if [[ ! -f "$MY_MARKER" ]]; then
  my_running && die "a server is running on $MY_DIR but it was not fully initialized; run scripts/db/stop.sh and delete $MY_DIR"
  # Leftovers of an interrupted init: start from scratch (test data only).
  find "$MY_DIR" -mindepth 1 -delete
  log "mariadb-install-db $MY_DIR"
  # --force: skip install-db's resolveip check of the host name / 'localhost', which fails
  # on bare machines without /etc/hosts (we use --skip-name-resolve and IP grants anyway).
  if ! install_out="$(/usr/bin/mariadb-install-db --no-defaults --user=mysql --datadir="$MY_DIR" \
        --auth-root-authentication-method=socket --skip-test-db --skip-name-resolve --force 2>&1)"; then
    printf '%s\n' "$install_out" >&2
    die "mariadb-install-db failed"
  fi
  runuser -u mysql -- touch "$MY_MARKER"
fi

# --- start -------------------------------------------------------------------
DB_LOG_FILE="$MY_LOG"
if my_running; then
  log "already running (pid $(head -n 1 "$MY_PID"))"
else
  if [[ -f "$MY_PID" ]]; then
    log "removing stale $(basename "$MY_PID")"
    rm -f "$MY_PID"
  fi
  if port_open "$MY_PORT"; then
    describe_port_owner "$MY_PORT"
    die "port 127.0.0.1:$MY_PORT is already in use by another process (set POWERSYNC_MARIADB_PORT to use another port;
  a server whose data dir was deleted while running must be killed by its pid)"
  fi
  log "starting mariadbd on 127.0.0.1:$MY_PORT (log: $MY_LOG)"
  # setsid + nohup: detach from our session so the server outlives this script.
  setsid nohup /usr/sbin/mariadbd --no-defaults --user=mysql \
    --datadir="$MY_DIR" --socket="$MY_SOCKET" --pid-file="$MY_PID" --log-error="$MY_LOG" \
    --port="$MY_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --character-set-server=utf8mb4 --max-connections=300 \
    --log-bin=mariadb-bin --binlog-format=ROW --binlog-row-image=FULL --server-id=1 \
    --expire-logs-days=1 --sync-binlog=0 --innodb-flush-log-at-trx-commit=0 \
    </dev/null >>"$MY_OUT" 2>&1 &
  server_pid=$!
  disown "$server_pid" 2>/dev/null || true
fi

ready=0
for _ in $(seq 1 120); do
  if my_admin --connect-timeout=2 ping >/dev/null 2>&1; then ready=1; break; fi
  if [[ -n "${server_pid:-}" ]] && ! proc_alive "$server_pid" && ! my_running; then
    [[ -s "$MY_OUT" ]] && { echo "---- $MY_OUT ----" >&2; tail -n 20 "$MY_OUT" >&2; }
    die "mariadbd exited during startup"
  fi
  sleep 0.5
done
(( ready )) || die "mariadbd does not answer on $MY_SOCKET"

# --- users + database ------------------------------------------------------------
my_sql <<EOF || die "creating users/database failed"
CREATE USER IF NOT EXISTS '$MY_USER'@'127.0.0.1' IDENTIFIED BY '$MY_PASSWORD';
CREATE USER IF NOT EXISTS '$MY_USER'@'localhost' IDENTIFIED BY '$MY_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MY_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$MY_USER'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS \`$MY_DB\` CHARACTER SET utf8mb4;
EOF

# --- verify (password login over TCP, as the tests do) ---------------------------
/usr/bin/mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$MY_PORT" -u"$MY_USER" -p"$MY_PASSWORD" "$MY_DB" \
  -e 'select 1' >/dev/null \
  || die "cannot log in as $MY_USER@127.0.0.1:$MY_PORT/$MY_DB (server started with another port? scripts/db/stop.sh, then rerun)"

log "ready: mysql://$MY_USER:$MY_PASSWORD@127.0.0.1:$MY_PORT/$MY_DB ($((SECONDS - start_time))s)"
