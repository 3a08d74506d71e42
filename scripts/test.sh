#!/usr/bin/env bash
# The whole test suite, on a fresh machine or a used one: starts the test databases (installing them
# from Debian's packages when missing), builds everything in Release, runs every test project, and
# ends with one line "N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/db/postgres.sh
bash scripts/db/mariadb.sh
# shellcheck source=scripts/db/env.sh
source scripts/db/env.sh
# The real-client proof (tests/PowerSync.Backend.Sample.Tests) runs tools/client-proof with node; installed only when
# its package-lock.json (or node) changed since the last install.
bash scripts/npm-ci.sh tools/client-proof
# MongoDB's own bson package checks every golden command document; npm ci is quick when it is already installed.
# The stamp is the lock file that was last installed, so an unchanged lock file skips the install.
if ! cmp -s tools/ejson-check/package-lock.json tools/ejson-check/node_modules/.installed-lock; then
  npm ci --prefix tools/ejson-check --no-audit --no-fund
  cp tools/ejson-check/package-lock.json tools/ejson-check/node_modules/.installed-lock
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test PowerSync.Backend.sln -c Release 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
    }
    projects++
  }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s; if (projects == 0 || p == 0) exit 1 }
' "$log" || counted=$?
if [[ ${counted:-0} -ne 0 && $status -eq 0 ]]; then
  echo "error: no test project reported results" >&2
  status=1
fi
exit "$status"
