"""The web app's API types (frontend/src/api/schema.d.ts) are generated from the current API.

scripts/openapi.sh --check dumps the app's OpenAPI document (scripts/openapi.py), runs the
openapi-typescript pinned in frontend/package.json and compares its output with the committed file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "frontend" / "node_modules" / ".bin" / "openapi-typescript"


def test_generated_api_types_are_current() -> None:
    if not GENERATOR.exists():
        reason = "frontend/node_modules is not installed (scripts/ci/frontend.sh build)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    result = subprocess.run(
        [str(ROOT / "scripts" / "openapi.sh"), "--check"],
        cwd=ROOT,
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert result.returncode == 0, (
        "frontend/src/api/schema.d.ts does not match the API: regenerate it with "
        f"scripts/openapi.sh and commit it.\n{result.stderr}"
    )
