#!/usr/bin/env bash
# The main job: serves the sample backend for PowerSync's to-do demo (samples/PowerSync.Backend.Sample) in
# Development on http://localhost:6060, and prints a development token for a demo user once it listens.
#
# Without a connection string (environment variable ConnectionStrings__PowerSync) it starts the local PostgreSQL
# (scripts/db/postgres.sh, which installs it from Debian's packages when missing) and uses its database
# powersync_sample, created when missing; the sample creates its tables itself. Any other setting works the
# ASP.NET Core way, through environment variables (PowerSync__Auth__Audiences__0=…, ASPNETCORE_URLS=…) or
# arguments passed to this script (--PowerSync:Auth:PowerSyncUrl=https://…). Stop with Ctrl-C;
# scripts/db/stop.sh stops the database.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

if [[ -z "${ConnectionStrings__PowerSync:-}" ]]; then
  bash "$root/scripts/db/postgres.sh"
  port="${POWERSYNC_PG_PORT:-54329}"
  PGPASSWORD=powersync /usr/lib/postgresql/15/bin/psql -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$port" -U powersync -d powersync_test <<'SQL'
SELECT 'CREATE DATABASE powersync_sample' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'powersync_sample') \gexec
SQL
  export ConnectionStrings__PowerSync="Host=127.0.0.1;Port=$port;Username=powersync;Password=powersync;Database=powersync_sample"
  echo "[run] database: postgresql://powersync@127.0.0.1:$port/powersync_sample" >&2
fi

# Build, then run the app itself (not `dotnet run`), so that Ctrl-C and SIGTERM reach it directly. The project
# folder is the content root: appsettings*.json, and .powersync/ where the development key is kept.
cd "$root/samples/PowerSync.Backend.Sample"
dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet bin/Release/net10.0/PowerSync.Backend.Sample.dll "$@"
