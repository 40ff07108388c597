"""Judging time per problem per language, and the judge's overhead over the sum of its runs.

    .venv/bin/python bench/judge.py [--problems two-sum,...] [--languages python,cpp,...]

Each reference solution of the bank is judged once in the bubblewrap sandbox (all its tests).
For each we report the whole judging's wall time, the compile step's, the sum of the test runs'
wall times (as the sandbox measures them), and the judge's own overhead: everything else
(preparing the work dir, dispatching, comparing outputs, cleaning up), as a share of compile +
runs. Target: under 20 %. Needs root (cgroups, setpriv) like the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from codecollab.config import Settings
from codecollab.execution.sandbox.bwrap import BwrapSandbox
from codecollab.judge.engine import judge
from codecollab.judge.tasks import language_of_file, task_for_spec
from codecollab.problems.files import load_problem_file


def read(path: Path) -> str:
    return path.read_text()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="")
    parser.add_argument("--languages", default="")
    args = parser.parse_args()
    bank = Settings(_env_file=None).problems_dir  # type: ignore[call-arg]
    wanted_problems = set(filter(None, args.problems.split(",")))
    wanted_languages = set(filter(None, args.languages.split(",")))
    scratch = Path(tempfile.mkdtemp(prefix="codecollab-bench-judge-"))
    os.chmod(scratch, 0o711)  # noqa: S103 (the sandbox user must reach its work dirs)
    sandbox = BwrapSandbox(root=scratch / "runs")
    print(f"# {datetime.now(UTC):%Y-%m-%d} on {platform.node()}, {platform.machine()}")
    print(
        "| problem | language | tests | judge ms | compile ms | runs ms | overhead ms | overhead |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    ratios: list[float] = []
    totals = [0, 0]
    try:
        for problem_file in sorted(bank.glob("*/problem.yaml")):
            slug = problem_file.parent.name
            if wanted_problems and slug not in wanted_problems:
                continue
            spec = load_problem_file(problem_file)
            for path in sorted((problem_file.parent / "solutions").iterdir()):
                language = language_of_file(path)
                if wanted_languages and language.id not in wanted_languages:
                    continue
                task = task_for_spec(spec, language=language, source=read(path))
                result = await judge(sandbox, task)
                assert result.verdict == "accepted", (slug, language.id, result.verdict)
                work = result.compile_wall_ms + result.run_wall_ms
                overhead = result.judge_ms - work
                ratios.append(overhead / work)
                totals[0] += overhead
                totals[1] += work
                print(
                    f"| {slug} | {language.id} | {result.total} | {result.judge_ms} | "
                    f"{result.compile_wall_ms} | {result.run_wall_ms} | {overhead} | "
                    f"{100 * overhead / work:.1f} % |",
                    flush=True,
                )
    finally:
        await sandbox.close()
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"\noverhead: median {100 * statistics.median(ratios):.1f} %, "
        f"max {100 * max(ratios):.1f} %, overall {100 * totals[0] / totals[1]:.1f} % "
        f"({len(ratios)} judgings)"
    )


if __name__ == "__main__":
    asyncio.run(main())
