#!/usr/bin/env bash
# The PostgreSQL benchmark: starts the local server (installing it when missing), then applies a
# 10,000-entry upload through the pipeline, one statement per entry, and by binary COPY, and prints the
# figures and a "RESULT bench=postgres ..." line; then the same against the local MariaDB (also started
# here) and a last "RESULT bench=mysql ..." line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash "$root/scripts/db/postgres.sh"
bash "$root/scripts/db/mariadb.sh"
# shellcheck source=scripts/db/env.sh
source "$root/scripts/db/env.sh"
exec dotnet run --project "$root/bench/PowerSync.Backend.Bench" -c Release
