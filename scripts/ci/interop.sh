#!/usr/bin/env bash
# Node.js + the npm packages the interop tests and bench/collab drive (yjs, y-websocket@2, y-websocket@3 as y-websocket-v3, ws).
# Idempotent and fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq nodejs npm
fi

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 18 ]; then
  echo "interop.sh: node $major is too old; yjs/y-websocket need node >= 18" >&2
  exit 1
fi

if [ ! -d tests/interop/node_modules/y-websocket ] || \
   [ ! -d tests/interop/node_modules/y-websocket-v3 ] || \
   [ tests/interop/package-lock.json -nt tests/interop/node_modules/.package-lock.json ]; then
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
fi
