#!/usr/bin/env bash
# The web app: Node dependencies, build, unit tests, and the browser the end-to-end tests drive.
#
#   scripts/ci/frontend.sh          CI: chromium (apt) + npm ci if stale + build + vitest
#   scripts/ci/frontend.sh build    `make run`: npm ci if stale + build if the sources changed
#
# Idempotent and fast when nothing changed. The browser tests themselves (tests/e2e) run under
# pytest with the rest of the suite, against the build this produces.
set -euo pipefail
cd "$(dirname "$0")/../.."

MODE="${1:-ci}"
FRONTEND=frontend
NODE_MIN_MAJOR=20
NODE_MIN_MINOR=19

log() { printf '== frontend: %s\n' "$*"; }

hash_of() {  # hash_of PATH... -> one digest of the files' names and contents
    find "$@" -type f ! -path '*/node_modules/*' ! -name '*.tsbuildinfo' -print0 2>/dev/null \
        | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

need_node() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        echo "frontend: Node.js >= $NODE_MIN_MAJOR.$NODE_MIN_MINOR and npm are needed to build the web app" >&2
        exit 1
    fi
    local version major minor
    version=$(node --version | sed 's/^v//')
    major=${version%%.*}
    minor=$(echo "$version" | cut -d. -f2)
    if [ "$major" -lt "$NODE_MIN_MAJOR" ] || { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -lt "$NODE_MIN_MINOR" ]; }; then
        echo "frontend: Node.js $version is too old; Vite needs >= $NODE_MIN_MAJOR.$NODE_MIN_MINOR" >&2
        exit 1
    fi
}

install_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return
    fi
    log "installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium fonts-dejavu-core >/dev/null
}

install_dependencies() {
    local stamp="$FRONTEND/node_modules/.codecollab-lock-hash"
    local want
    want=$(sha256sum "$FRONTEND/package-lock.json" | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return
    fi
    log "npm ci"
    (cd "$FRONTEND" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
}

build() {
    local stamp="$FRONTEND/dist/.codecollab-source-hash"
    local want
    want=$(cd "$FRONTEND" && hash_of src public index.html package.json package-lock.json \
        vite.config.ts tsconfig.json tsconfig.app.json tsconfig.node.json)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$FRONTEND/dist/index.html" ]; then
        log "build is up to date"
        return
    fi
    log "npm run build"
    (cd "$FRONTEND" && npm run build --silent)
    echo "$want" >"$stamp"
}

need_node
case "$MODE" in
    build)
        install_dependencies
        build
        ;;
    ci)
        install_chromium
        install_dependencies
        build
        log "unit tests (vitest)"
        (cd "$FRONTEND" && npm test --silent)
        ;;
    *)
        echo "usage: $0 [ci|build]" >&2
        exit 2
        ;;
esac
