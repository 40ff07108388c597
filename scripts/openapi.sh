#!/usr/bin/env bash
# Regenerate the web app's API types from the server's OpenAPI document:
#
#   scripts/openapi.sh            write frontend/src/api/schema.d.ts
#   scripts/openapi.sh --check    exit 1 (and say so) when the committed file is stale
#
# The document comes from the app itself (scripts/openapi.py: no server, no database needed); the
# types from the openapi-typescript version pinned in frontend/package.json (npm ci first).
# tests/test_api_types.py runs the same check under pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=frontend/src/api/schema.d.ts
GENERATOR=frontend/node_modules/.bin/openapi-typescript
PYTHON=${PYTHON:-.venv/bin/python}

if [ ! -x "$GENERATOR" ]; then
    echo "openapi: $GENERATOR is missing; run 'cd frontend && npm ci' (or scripts/ci/frontend.sh build)" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PYTHON" scripts/openapi.py >"$tmp/openapi.json"
"$GENERATOR" "$tmp/openapi.json" --output "$tmp/schema.d.ts" >/dev/null

if [ "${1:-}" = "--check" ]; then
    if ! cmp -s "$tmp/schema.d.ts" "$TARGET"; then
        echo "openapi: $TARGET is stale (the API changed); regenerate it with scripts/openapi.sh" >&2
        diff -u "$TARGET" "$tmp/schema.d.ts" | head -40 >&2 || true
        exit 1
    fi
    exit 0
fi
mkdir -p "$(dirname "$TARGET")"
cp "$tmp/schema.d.ts" "$TARGET"
echo "openapi: wrote $TARGET"
