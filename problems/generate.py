"""Generate the bank's hidden tests: ``python3 problems/generate.py [SLUG ...] [--check]``.

Each problem directory with a ``generator.py`` defines ``cases()``, returning
``[(name, input_text), ...]`` built from a fixed random seed, so the output is the same on every
machine. This script writes ``tests/NAME.in`` and computes ``tests/NAME.out`` by running the
problem's Python reference solution (``solutions/python.py``) on it, or for an SQL problem its
SQL one (``solutions/sql.sql``, run with the sql language's ``result_set_run``: the input is
the setup script, the output the result set); CI then judges every reference solution, in
every language it has, against those outputs.

``--check`` regenerates the inputs in memory and fails if a committed ``.in`` file differs
or is missing (cheap: it runs no solution).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

BANK = Path(__file__).resolve().parent
SQL_LANGUAGE = BANK.parent / "src" / "codecollab" / "execution" / "languages" / "sql.toml"
Case = tuple[str, str]


def load_generator(problem_dir: Path) -> Callable[[], list[Case]]:
    spec = importlib.util.spec_from_file_location(
        f"generator_{problem_dir.name.replace('-', '_')}", problem_dir / "generator.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: Callable[[], list[Case]] = module.cases
    return cases


def expected_output(problem_dir: Path, input_text: str) -> str:
    sql_solution = problem_dir / "solutions" / "sql.sql"
    if sql_solution.exists():
        return expected_result_set(sql_solution, input_text)
    result = subprocess.run(  # noqa: S603 (our own reference solution)
        [sys.executable, str(problem_dir / "solutions" / "python.py")],
        input=input_text,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout


def expected_result_set(solution: Path, setup: str) -> str:
    """What the SQL reference prints after ``setup``, as the judge runs it (its own code, on
    the host's sqlite3)."""
    argv = tomllib.loads(SQL_LANGUAGE.read_text())["result_set_run"]
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "main.sql").write_text(solution.read_text())
        result = subprocess.run(  # noqa: S603 (our own reference solution)
            argv, input=setup, capture_output=True, text=True, check=True, timeout=120, cwd=work
        )
    return result.stdout


def generate(problem_dir: Path) -> None:
    tests_dir = problem_dir / "tests"
    tests_dir.mkdir(exist_ok=True)
    for stale in tests_dir.glob("*.*"):
        stale.unlink()
    for name, input_text in load_generator(problem_dir)():
        (tests_dir / f"{name}.in").write_text(input_text)
        (tests_dir / f"{name}.out").write_text(expected_output(problem_dir, input_text))
        print(f"{problem_dir.name}/tests/{name}: {len(input_text.encode()):,} bytes")


def check(problem_dir: Path) -> list[str]:
    problems = []
    for name, input_text in load_generator(problem_dir)():
        path = problem_dir / "tests" / f"{name}.in"
        if not path.exists() or path.read_text() != input_text:
            problems.append(f"{path.relative_to(BANK)} is not what generator.py makes")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", help="only these problems")
    parser.add_argument("--check", action="store_true", help="verify the committed inputs")
    args = parser.parse_args()
    dirs = sorted(path.parent for path in BANK.glob("*/generator.py"))
    if args.slugs:
        dirs = [path for path in dirs if path.name in args.slugs]
    if args.check:
        problems = [problem for path in dirs for problem in check(path)]
        print("\n".join(problems) or f"{len(dirs)} generators reproduce their inputs")
        return 1 if problems else 0
    for path in dirs:
        generate(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
