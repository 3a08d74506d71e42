# shellcheck shell=bash
# Source me:  . scripts/db/env.sh
# Exports the connection strings the tests read, unless the caller already set them.
# Servers are started by scripts/db/postgres.sh and scripts/db/mariadb.sh.
# (No `set -e` etc. here: this file runs inside the caller's shell.)

: "${POWERSYNC_TEST_POSTGRES:=Host=127.0.0.1;Port=${POWERSYNC_PG_PORT:-54329};Username=powersync;Password=powersync;Database=powersync_test}"
: "${POWERSYNC_TEST_MYSQL:=Server=127.0.0.1;Port=${POWERSYNC_MARIADB_PORT:-33069};User=powersync;Password=powersync;Database=powersync_test}"
export POWERSYNC_TEST_POSTGRES POWERSYNC_TEST_MYSQL
