#!/usr/bin/env bash
# Create .tools (a venv holding uv) and .venv (the project, from uv.lock). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
UV_VERSION="0.13.8"

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "bootstrap: CodeCollab needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
    exit 1
fi

if [ ! -x .tools/bin/uv ] || ! .tools/bin/uv --version | grep -q "$UV_VERSION"; then
    if ! "$PYTHON" -m venv .tools 2>/dev/null; then
        # Debian and Ubuntu ship venv support in a separate package.
        if [ "$(id -u)" = 0 ]; then
            apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 python3-venv
        else
            sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv
        fi
        rm -rf .tools
        "$PYTHON" -m venv .tools
    fi
    .tools/bin/pip install -q --disable-pip-version-check "uv==$UV_VERSION"
fi

UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --python "$PYTHON" --quiet
