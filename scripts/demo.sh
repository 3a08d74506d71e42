#!/usr/bin/env bash
# The main job, until the sample backend lands: replays a real PowerSync client upload through the whole
# pipeline (parse, hooks, ledger, apply, results) and re-sends it to show exactly-once delivery.
# Pass a request body file to replay another upload.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project "$root/samples/PowerSync.Backend.Demo" -c Release -- "$@"
