"""The `sql` language on every backend: stdin is the setup script, run before the source on a
fresh in-memory SQLite database; results print as Judge0's SQL prints them."""

from __future__ import annotations

from codecollab.execution.languages import Language, load_languages
from codecollab.execution.sandbox.base import ExecutionResult, Limits, Sandbox, Status, execute

SQL = load_languages()["sql"]
LIMITS = Limits(cpu_time_ms=2_000, wall_time_ms=6_000, memory_bytes=256 * 1024 * 1024)
SETUP = (
    "CREATE TABLE employee (name TEXT, salary INTEGER);\n"
    "INSERT INTO employee VALUES ('Ann', 300), ('Bob', NULL), ('Cy', 2.5);\n"
)
QUERY = "SELECT name, salary FROM employee ORDER BY name;\n"


async def run(
    sandbox: Sandbox, source: str, stdin: str = "", language: Language = SQL
) -> ExecutionResult:
    return await execute(sandbox, language, source, stdin=stdin, limits=LIMITS)


async def test_the_setup_on_stdin_runs_before_the_query(sandbox: Sandbox) -> None:
    result = await run(sandbox, QUERY, stdin=SETUP)
    assert (result.status, result.stdout) == (Status.OK, "Ann|300\nBob|\nCy|2.5\n"), result


async def test_a_source_may_hold_everything_with_no_stdin(sandbox: Sandbox) -> None:
    result = await run(sandbox, SETUP + QUERY)
    assert (result.status, result.stdout) == (Status.OK, "Ann|300\nBob|\nCy|2.5\n"), result


async def test_every_run_starts_with_an_empty_database(sandbox: Sandbox) -> None:
    first = await run(sandbox, SETUP + QUERY)
    second = await run(sandbox, SETUP + QUERY)
    assert first.stdout == second.stdout == "Ann|300\nBob|\nCy|2.5\n", (first, second)


async def test_dot_commands_make_a_table_with_headers(sandbox: Sandbox) -> None:
    result = await run(sandbox, ".headers on\n.mode column\n" + QUERY, stdin=SETUP)
    assert result.status is Status.OK, result
    assert result.stdout.splitlines()[:2] == ["name  salary", "----  ------"]


async def test_a_query_sqlite_rejects_is_a_runtime_error_with_its_message(
    sandbox: Sandbox,
) -> None:
    result = await run(sandbox, "SELECT nme FROM employee;\nSELECT 'after';\n", stdin=SETUP)
    assert (result.status, result.exit_code, result.stdout) == (Status.RUNTIME_ERROR, 1, "")
    assert "no such column: nme" in result.stderr


async def test_a_failing_setup_stops_before_the_query(sandbox: Sandbox) -> None:
    result = await run(sandbox, "SELECT 'query ran';\n", stdin="INSERT INTO missing VALUES (1);")
    assert (result.status, result.stdout) == (Status.RUNTIME_ERROR, ""), result
    assert "no such table: missing" in result.stderr


async def test_an_endless_recursive_query_exceeds_the_time_limit(sandbox: Sandbox) -> None:
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)\nSELECT COUNT(*) FROM n;\n"
    )
    result = await run(sandbox, endless)
    assert result.status is Status.TIME_LIMIT_EXCEEDED, result


async def test_judged_against_result_sets_values_print_as_typed_literals(
    sandbox: Sandbox,
) -> None:
    judged = SQL.answering_result_sets()
    assert judged is not None
    result = await run(sandbox, QUERY, stdin=SETUP, language=judged)
    assert (result.status, result.stdout) == (Status.OK, "'Ann',300\n'Bob',NULL\n'Cy',2.5\n")


def test_a_language_without_a_result_set_run_cannot_answer_with_result_sets() -> None:
    assert load_languages()["python"].answering_result_sets() is None


async def test_an_in_memory_database_over_the_memory_limit_is_memory_limit_exceeded(
    sandbox: Sandbox,
) -> None:
    fill = (
        "CREATE TABLE big (x TEXT);\n"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 2000000)\n"
        "INSERT INTO big SELECT hex(randomblob(100)) FROM n;\n"
    )
    limits = LIMITS.with_(memory_bytes=64 * 1024 * 1024)
    result = await execute(sandbox, SQL, fill, limits=limits)
    assert result.status is Status.MEMORY_LIMIT_EXCEEDED, result
