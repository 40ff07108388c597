# The two commands of the README: `make run` and `make test`. Both are idempotent.
.DEFAULT_GOAL := help
PY := .venv/bin

.PHONY: help run test check lint typecheck pytest setup toolchains interop webapp webapp-ci

help:
	@echo "make run   - set up and serve CodeCollab on http://127.0.0.1:8000 (SQLite, in-process queue)"
	@echo "make test  - set up and run every check and test"

.venv/.synced: pyproject.toml uv.lock scripts/bootstrap.sh
	scripts/bootstrap.sh
	@touch $@

setup: .venv/.synced

# bubblewrap and the language toolchains (apt; uses sudo when not root). Idempotent.
toolchains:
	scripts/ci/toolchains.sh

# Build the web app when its sources changed (npm ci when the lock file changed).
webapp:
	scripts/ci/frontend.sh build

# The same, plus Debian's chromium for the browser tests and the Vitest unit tests.
webapp-ci:
	scripts/ci/frontend.sh

run: setup toolchains webapp
	$(PY)/codecollab seed
	$(PY)/codecollab serve

lint: setup
	$(PY)/ruff check src tests bench
	$(PY)/ruff format --check src tests bench
	$(PY)/lint-imports

typecheck: setup
	$(PY)/mypy

# The npm yjs/y-websocket clients the interop tests drive against our server.
interop:
	scripts/ci/interop.sh

pytest: setup toolchains interop webapp-ci
	$(PY)/pytest

check: lint typecheck

test: lint typecheck pytest
