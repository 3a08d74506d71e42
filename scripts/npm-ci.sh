#!/usr/bin/env bash
# Installs a tool's npm packages exactly as its package-lock.json says (npm ci), unless its node_modules already holds
# that install: a stamp keeps the lock file's hash and the node version (better-sqlite3 and other native modules are
# built for one node). A fresh install of tools/client-proof takes about a minute (better-sqlite3 builds from source).
#   usage: scripts/npm-ci.sh tools/client-proof
set -euo pipefail
dir="${1:?usage: scripts/npm-ci.sh <folder with package-lock.json>}"
command -v npm >/dev/null || { echo "[npm-ci] error: npm not found; $dir needs Node.js 20 or newer" >&2; exit 1; }
stamp="$dir/node_modules/.npm-ci-stamp"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1) node $(node --version)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "[npm-ci] $dir: node_modules is up to date" >&2
  exit 0
fi
echo "[npm-ci] $dir: npm ci" >&2
start=$SECONDS
npm ci --prefix "$dir" --no-audit --no-fund >&2
printf '%s\n' "$want" >"$stamp"
echo "[npm-ci] $dir: installed in $((SECONDS - start))s" >&2
