"""`codecollab seed` as a command: loads the bank, idempotently, and reports a bad file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import TEST_SECRET
from tests.problems.conftest import problem_data


def seed(tmp_path: Path, bank: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CODECOLLAB_")}
    env |= {
        "CODECOLLAB_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'seed.db'}",
        "JWT_SECRET": TEST_SECRET,
        "CODECOLLAB_PROBLEMS_DIR": str(bank),
    }
    return subprocess.run(
        [sys.executable, "-m", "codecollab", "seed"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


def test_seed_loads_then_finds_nothing_new(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "one").mkdir(parents=True)
    (bank / "one" / "problem.yaml").write_text(yaml.safe_dump(problem_data("one")))
    first, second = seed(tmp_path, bank), seed(tmp_path, bank)
    assert first.returncode == second.returncode == 0, first.stderr
    assert "1 created" in first.stdout
    assert "1 unchanged" in second.stdout


def test_seed_reports_a_bad_file_and_fails(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "bad").mkdir(parents=True)
    (bank / "bad" / "problem.yaml").write_text("slug: bad\n")
    result = seed(tmp_path, bank)
    assert result.returncode == 1
    assert "bad/problem.yaml: title: Field required" in result.stderr
