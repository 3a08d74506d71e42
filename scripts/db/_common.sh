# shellcheck shell=bash
# Shared helpers for scripts/db/*.sh. Sourced, never executed directly.
# Expects the caller to have enabled `set -euo pipefail`.

# Repository root, computed from this file's location (scripts/db/ -> ../..).
POWERSYNC_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
POWERSYNC_DATA_ROOT="${POWERSYNC_DATA_DIR:-$POWERSYNC_REPO_ROOT/.data}"
export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C

# Log file whose tail `die` prints (set by the caller once known).
DB_LOG_FILE=""
DB_SCRIPT_NAME="$(basename "${BASH_SOURCE[1]:-db}" .sh)"

log() { printf '[%s] %s\n' "$DB_SCRIPT_NAME" "$*" >&2; }

die() {
  printf '[%s] ERROR: %s\n' "$DB_SCRIPT_NAME" "$*" >&2
  if [[ -n "$DB_LOG_FILE" && -f "$DB_LOG_FILE" ]]; then
    printf '[%s] ---- last lines of %s ----\n' "$DB_SCRIPT_NAME" "$DB_LOG_FILE" >&2
    tail -n 40 "$DB_LOG_FILE" >&2 || true
    printf '[%s] ----\n' "$DB_SCRIPT_NAME" >&2
  fi
  exit 1
}

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (uses apt-get and runuser)"
}

# True when every given package is installed.
pkgs_installed() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

# Serialize our own apt use (postgres.sh and mariadb.sh may run in parallel)
# and wait for other apt/dpkg users instead of failing on the lock.
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
APT_LOCK_FILE="${TMPDIR:-/tmp}/powersync-db-apt.lock"
POLICY_RC_D=/usr/sbin/policy-rc.d
POLICY_RC_D_MARKER="# powersync-db: temporarily deny service starts during apt-get install"

# Prevents package maintainer scripts from starting services (which would
# run stray servers on the default ports, or fail without systemd).
deny_service_starts() {
  if [[ ! -e "$POLICY_RC_D" ]]; then
    printf '#!/bin/sh\n%s\nexit 101\n' "$POLICY_RC_D_MARKER" >"$POLICY_RC_D"
    chmod 755 "$POLICY_RC_D"
  fi
}

restore_service_starts() {
  if [[ -f "$POLICY_RC_D" ]] && grep -qF "$POLICY_RC_D_MARKER" "$POLICY_RC_D"; then
    rm -f "$POLICY_RC_D"
  fi
}

# apt_run ARGS...: apt-get with output in $APT_LOG (its tail is shown on failure).
APT_LOG=""
apt_run() {
  if ! apt-get "${APT_OPTS[@]}" -q "$@" >>"$APT_LOG" 2>&1; then
    DB_LOG_FILE="$APT_LOG"
    return 1
  fi
}

# apt_install PKG... : apt-get update + install, only if something is missing.
# An optional shell function name in APT_PRE_INSTALL_HOOK runs (under the
# lock) after `apt-get update`, before the install.
apt_install() {
  pkgs_installed "$@" && return 0
  command -v apt-get >/dev/null || die "apt-get not found (this script targets Debian 12)"
  exec 9>"$APT_LOCK_FILE"
  if ! flock -n 9; then
    log "waiting for another scripts/db apt-get run ($APT_LOCK_FILE)"
    flock -w 900 9 || die "timed out waiting for $APT_LOCK_FILE"
  fi
  if ! pkgs_installed "$@"; then
    trap restore_service_starts EXIT
    trap 'restore_service_starts; exit 130' INT TERM
    deny_service_starts
    APT_LOG="$(mktemp "${TMPDIR:-/tmp}/powersync-db-apt.XXXXXX.log")"
    log "apt-get update (output: $APT_LOG)"
    apt_run update || { restore_service_starts; die "apt-get update failed"; }
    if [[ -n "${APT_PRE_INSTALL_HOOK:-}" ]]; then "$APT_PRE_INSTALL_HOOK"; fi
    log "apt-get install $*"
    apt_run install -y --no-install-recommends "$@" \
      || { restore_service_starts; die "apt-get install $* failed"; }
    rm -f "$APT_LOG"
    restore_service_starts
    trap - EXIT INT TERM
  fi
  flock -u 9
  exec 9>&-
}

# ensure_data_root: create the parent data dir (world-traversable if we create it).
ensure_data_root() {
  if [[ ! -d "$POWERSYNC_DATA_ROOT" ]]; then
    mkdir -p "$POWERSYNC_DATA_ROOT"
    chmod 755 "$POWERSYNC_DATA_ROOT"
  fi
}

# check_traversable USER DIR: USER must be able to reach DIR (search permission
# on every ancestor). We do not chmod ancestors we did not create.
check_traversable() {
  local user="$1" dir="$2"
  if ! runuser -u "$user" -- test -x "$dir"; then
    die "OS user '$user' cannot traverse '$dir' (an ancestor directory lacks o+x, e.g. a repo under /root).
  Fix: chmod o+x on the ancestors, or set POWERSYNC_DATA_DIR to a traversable path (e.g. /var/tmp/powersync-data)."
  fi
}

# check_socket_path PATH: unix socket paths are limited to 107 bytes.
check_socket_path() {
  if (( ${#1} > 100 )); then
    die "unix socket path too long (${#1} > 100 bytes): $1
  Fix: set POWERSYNC_DATA_DIR to a shorter path."
  fi
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

describe_port_owner() {
  if command -v ss >/dev/null; then
    ss -ltnp "sport = :$1" 2>/dev/null | tail -n +2 >&2 || true
  fi
}

# proc_alive PID: process exists and is not a zombie (containers' PID 1 may not reap).
proc_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != "Z" && "${stat:0:1}" != "X" ]]
}

# pid_is PIDFILE COMM: true when PIDFILE names a live process whose comm is COMM.
pid_is() {
  local pidfile="$1" comm="$2" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(head -n 1 "$pidfile" 2>/dev/null | tr -dc '0-9')"
  [[ -n "$pid" ]] && proc_alive "$pid" || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$comm" ]]
}
