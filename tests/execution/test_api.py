"""The execution API: /api/languages and /api/executions over the real bubblewrap sandbox."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from codecollab import migrate
from codecollab.app import create_app
from tests.conftest import Api, make_settings

REQUIRED = {"python", "javascript", "typescript", "c", "cpp", "java", "go", "rust", "ruby", "bash"}
AppFactory = Callable[..., Any]


@pytest.fixture(scope="module")
def database_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('execdb') / 'test.db'}"
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="module")
def sandbox_dir() -> Iterator[Path]:
    parent = Path(tempfile.mkdtemp(prefix="codecollab-api-"))
    parent.chmod(0o711)
    yield parent / "runs"
    shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture
def server(database_file: str, sandbox_dir: Path, tmp_path: Path) -> Callable[..., Any]:
    """Start the app with settings overrides; yields an Api and the account of a signed-up user."""

    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[tuple[Api, dict[str, Any]]]:
        values = {"sandbox_backend": "bwrap", "sandbox_dir": sandbox_dir, **overrides}
        app = create_app(make_settings(database_file, tmp_path / "data", **values))
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                api = Api(http)
                yield api, await api.signup(f"u{uuid.uuid4().hex}")  # id() of a freed client recurs

    return start


async def post_run(api: Api, account: dict[str, Any], **body: Any) -> httpx.Response:
    return await api.http.post("/api/executions", json=body, headers=api.auth(account))


async def test_languages_lists_the_available_ones_with_versions(server: AppFactory) -> None:
    async with server() as (api, _):
        response = await api.http.get("/api/languages")
    assert response.status_code == 200
    languages = {entry["id"]: entry for entry in response.json()}
    assert set(languages) >= REQUIRED
    assert all(entry["version"][0].isdigit() for entry in languages.values())


async def test_a_run_returns_the_contract_result(server: AppFactory) -> None:
    async with server() as (api, account):
        response = await post_run(
            api, account, language="python", source="print(input()[::-1])", stdin="olleh\n"
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["stdout"], body["exit_code"]) == ("ok", "hello\n", 0)
    expected = {"status", "stdout", "stderr", "compile_output", "exit_code", "signal"}
    assert expected | {"time_ms", "memory_kb", "truncated"} <= set(body)


async def test_a_compile_error_is_a_result_not_an_http_error(server: AppFactory) -> None:
    async with server() as (api, account):
        response = await post_run(api, account, language="c", source="int main( {")
    assert response.status_code == 200
    assert response.json()["status"] == "compilation_error"
    assert "error" in response.json()["compile_output"]


async def test_the_requested_time_limit_applies(server: AppFactory) -> None:
    async with server() as (api, account):
        response = await post_run(
            api, account, language="python", source="while True: pass", time_limit_ms=300
        )
    assert response.json()["status"] == "time_limit_exceeded"


async def test_running_needs_an_account(server: AppFactory) -> None:
    async with server() as (api, _):
        response = await api.http.post(
            "/api/executions", json={"language": "python", "source": "print(1)"}
        )
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"language": "cobol-85", "source": "x"},
        {"language": "python"},
        {"language": "python", "source": 5},
        {"language": "python", "source": "x", "time_limit_ms": 999_999},
        {"language": "python", "source": "x", "time_limit_ms": 50_000},
        {"language": "python", "source": "x", "memory_limit_mb": 8},
        {"language": "python", "source": "x", "memory_limit_mb": 100_000},
        {"language": "python", "source": "x", "shell": True},
        {"language": "python", "source": "x" * 200_000},
    ],
)
async def test_bad_run_requests_are_refused_with_422(
    server: AppFactory, body: dict[str, Any]
) -> None:
    async with server() as (api, account):
        response = await post_run(api, account, **body)
    assert response.status_code == 422, response.text


async def test_runs_past_the_per_user_rate_are_429_with_retry_after(server: AppFactory) -> None:
    async with server(execution_rate_limit="2/minute") as (api, account):
        statuses = [
            (await post_run(api, account, language="bash", source="true")).status_code
            for _ in range(3)
        ]
        refused = await post_run(api, account, language="bash", source="true")
    assert statuses == [200, 200, 429]
    assert int(refused.headers["Retry-After"]) >= 1


async def test_a_full_pool_answers_503_with_retry_after_instead_of_queueing_without_bound(
    server: AppFactory,
) -> None:
    async with server(execution_workers=1, execution_queue_size=0) as (api, account):
        slow = asyncio.ensure_future(
            post_run(api, account, language="bash", source="sleep 2", time_limit_ms=2000)
        )
        await asyncio.sleep(0.5)
        busy = await post_run(api, account, language="bash", source="true")
        assert (await slow).status_code == 200
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "2"


async def test_without_a_working_sandbox_the_server_serves_and_runs_answer_503_with_retry_after(
    server: AppFactory, tmp_path: Path
) -> None:
    closed = tmp_path / "closed" / "runs"  # pytest's tmp dirs are private: the sandbox user
    async with server(sandbox_dir=closed) as (api, account):  # cannot reach them
        languages = await api.http.get("/api/languages")
        run = await post_run(api, account, language="python", source="print(1)")
        health = await api.http.get("/healthz")
    assert (languages.status_code, languages.json()) == (200, [])
    assert run.status_code == 503
    assert int(run.headers["Retry-After"]) >= 60
    assert "bwrap" in run.json()["detail"]
    assert health.status_code == 200


async def test_the_server_answers_while_a_fork_bomb_runs(server: AppFactory) -> None:
    async with server() as (api, account):
        bomb = asyncio.ensure_future(
            post_run(
                api,
                account,
                language="bash",
                source="b() { b | b & }; b; sleep 60",
                time_limit_ms=1000,
            )
        )
        await asyncio.sleep(0.3)
        during = await api.http.get("/healthz")
        result = await bomb
        after = await post_run(api, account, language="python", source="print('still here')")
    assert during.status_code == 200
    assert result.json()["status"] == "time_limit_exceeded"
    assert after.json()["stdout"] == "still here\n"


async def test_an_unreachable_run_queue_is_503_with_retry_after(server: AppFactory) -> None:
    async with server(redis_url="redis://127.0.0.1:9/0") as (api, account):
        run = await post_run(api, account, language="python", source="print(1)")
    assert run.status_code == 503, run.text
    assert int(run.headers["Retry-After"]) >= 1


async def test_output_cut_at_the_default_cap_ends_with_a_whole_character(
    server: AppFactory,
) -> None:
    async with server() as (api, account):
        response = await post_run(api, account, language="python", source="print('世' * 30000)")
    body = response.json()
    assert (body["status"], body["truncated"]) == ("output_limit_exceeded", True)
    assert body["stdout"] == "世" * (64 * 1024 // 3)


# --- several files, arguments, compiler options, stack -----------------------------------


async def test_a_program_of_several_files_runs_from_its_first_file(server: AppFactory) -> None:
    files = [
        {"name": "solution.c", "content": '#include "lib/twice.h"\nint main(void) { show(21); }'},
        {"name": "lib/twice.h", "content": "void show(int x);\n"},
        {
            "name": "lib/twice.c",
            "content": '#include <stdio.h>\nvoid show(int x) { printf("%d", 2 * x); }',
        },
    ]
    async with server() as (api, account):
        response = await post_run(api, account, language="c", files=files)
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["stdout"]) == ("ok", "42")


async def test_arguments_and_compiler_options_reach_the_program(server: AppFactory) -> None:
    source = (
        "#include <stdio.h>\n"
        'int main(int argc, char **argv) { printf("%ld %s", __STDC_VERSION__, argv[1]); }'
    )
    async with server() as (api, account):
        response = await post_run(
            api,
            account,
            language="c",
            source=source,
            args=["hi there"],
            compiler_options=["-std=c99"],
        )
    assert (response.json()["status"], response.json()["stdout"]) == ("ok", "199901 hi there")


async def test_stderr_redirected_to_stdout_interleaves_in_the_order_written(
    server: AppFactory,
) -> None:
    source = (
        "import sys\n"
        "sys.stdout.write('a'); sys.stdout.flush()\n"
        "sys.stderr.write('b'); sys.stderr.flush()\n"
        "sys.stdout.write('c'); sys.stdout.flush()\n"
    )
    async with server() as (api, account):
        response = await post_run(
            api, account, language="python", source=source, redirect_stderr_to_stdout=True
        )
    body = response.json()
    assert (body["status"], body["stdout"], body["stderr"]) == ("ok", "abc", ""), body


async def test_the_requested_stack_limit_applies(server: AppFactory) -> None:
    source = "import resource\nprint(resource.getrlimit(resource.RLIMIT_STACK)[0])"
    async with server() as (api, account):
        default = await post_run(api, account, language="python", source=source)
        asked = await post_run(api, account, language="python", source=source, stack_limit_kb=4096)
    assert default.json()["stdout"] == f"{64 * 1024 * 1024}\n"
    assert asked.json()["stdout"] == f"{4096 * 1024}\n"


async def test_languages_list_the_compiler_options_a_run_may_choose(server: AppFactory) -> None:
    async with server() as (api, _):
        languages = {entry["id"]: entry for entry in (await api.http.get("/api/languages")).json()}
    assert "-std=c++17" in languages["cpp"]["compiler_options"]
    assert languages["python"]["compiler_options"] == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"language": "c", "source": "x", "compiler_options": ["-fplugin=evil.so"]}, "-fplugin"),
        ({"language": "python", "source": "x", "compiler_options": ["-O2"]}, "no compiler options"),
        ({"language": "c", "files": [{"name": "a.c", "content": ""}], "source": "x"}, "either"),
        ({"language": "c", "files": []}, "at least 1"),
        ({"language": "c", "files": [{"name": "../x.c", "content": ""}]}, "pattern"),
        ({"language": "c", "files": [{"name": "/etc/x.c", "content": ""}]}, "pattern"),
        ({"language": "c", "files": [{"name": "a/b/c.c", "content": ""}]}, "pattern"),
        ({"language": "c", "files": [{"name": ".hidden", "content": ""}]}, "pattern"),
        (
            {
                "language": "c",
                "files": [{"name": "a.c", "content": ""}, {"name": "main.c", "content": ""}],
            },
            "entry point",
        ),
        (
            {
                "language": "c",
                "files": [{"name": "a.c", "content": ""}, {"name": "a.c", "content": ""}],
            },
            "own name",
        ),
        (
            {
                "language": "c",
                "files": [
                    {"name": "a.c", "content": ""},
                    {"name": "x", "content": ""},
                    {"name": "x/y.c", "content": ""},
                ],
            },
            "both a file and a directory",
        ),
        ({"language": "c", "files": [{"name": f"f{i}.c", "content": ""} for i in range(33)]}, "32"),
        (
            {
                "language": "c",
                "files": [{"name": f"f{i}.c", "content": "x" * 100_000} for i in range(2)],
            },
            "characters in all",
        ),
        ({"language": "python", "source": "x", "args": ["a\u0000b"]}, "NUL"),
        ({"language": "python", "source": "x", "args": ["a"] * 65}, "64"),
        ({"language": "python", "source": "x", "args": ["a" * 4000] * 5}, "characters in all"),
        ({"language": "python", "source": "x", "stack_limit_kb": 10**7}, "stack_limit_kb"),
        ({"language": "python", "source": "x", "stack_limit_kb": 16}, "stack_limit_kb"),
    ],
)
async def test_bad_programs_are_refused_with_422_saying_why(
    server: AppFactory, body: dict[str, Any], reason: str
) -> None:
    async with server() as (api, account):
        response = await post_run(api, account, **body)
    assert response.status_code == 422, response.text
    assert reason in response.text, response.text
