"""Print the server's OpenAPI document (JSON) without a running server or a real environment.

    .venv/bin/python scripts/openapi.py > openapi.json

The app is built with throw-away settings (SQLite in a temporary folder, a dummy secret) and never
started: `app.openapi()` only reads the routes. Used by scripts/openapi.sh, which generates the web
app's types from it, and by tests/test_api_types.py, which checks those types are current.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from codecollab.app import create_app
from codecollab.config import Settings


def openapi_document() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="codecollab-openapi-") as tmp:
        settings = Settings(
            database_url=f"sqlite:///{Path(tmp) / 'openapi.db'}",
            data_dir=Path(tmp) / "data",
            jwt_secret="openapi-dump-" + "x" * 40,
            _env_file=None,  # type: ignore[call-arg]
        )
        return create_app(settings).openapi()


def main() -> None:
    json.dump(openapi_document(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
