"""Judge0's official Python SDK (`judge0` on PyPI), unmodified, against a live server: what an
existing Judge0 client does, pointed at http://HOST/judge0 with an API key."""

from __future__ import annotations

import pytest

import judge0 as sdk
from tests.server import ServerProcess


@pytest.fixture
def client(live_server: ServerProcess, api_key: str) -> sdk.Client:
    return sdk.Client(f"{live_server.base_url}/judge0", {"X-Auth-Token": api_key})


def test_the_sdk_connects_and_reads_languages_and_config(client: sdk.Client) -> None:
    assert client.version == "1.13.1"
    assert client.is_language_supported(sdk.PYTHON)
    assert client.config.max_submission_batch_size == 20


def test_the_sdk_runs_a_program_and_reads_its_output(client: sdk.Client) -> None:
    result = sdk.run(client=client, source_code="print('hello from the sdk')", language=sdk.PYTHON)
    assert result.status == sdk.Status.ACCEPTED
    assert result.stdout == "hello from the sdk\n"
    assert result.time is not None
    assert result.memory is not None
    assert result.created_at is not None
    assert result.finished_at is not None


def test_the_sdk_judges_test_cases_in_a_batch(client: sdk.Client) -> None:
    source = "a, b = map(int, input().split())\nprint(a + b)"
    results = sdk.run(
        client=client,
        source_code=source,
        language=sdk.PYTHON,
        test_cases=[("1 2", "3"), ("2 2", "5"), ("10 -3", "7")],
    )
    assert [result.status for result in results] == [
        sdk.Status.ACCEPTED,
        sdk.Status.WRONG_ANSWER,
        sdk.Status.ACCEPTED,
    ]


def test_the_sdk_sees_a_compilation_error(client: sdk.Client) -> None:
    result = sdk.run(client=client, source_code="int main( { }", language=sdk.C)
    assert result.status == sdk.Status.COMPILATION_ERROR
    assert result.compile_output


def test_the_sdk_submits_then_waits(client: sdk.Client) -> None:
    submission = sdk.async_run(client=client, source_code="print(6 * 7)", language=sdk.PYTHON)
    assert submission.token is not None
    finished = sdk.wait(client=client, submissions=submission)
    assert finished.stdout == "42\n"


def test_the_sdk_runs_java(client: sdk.Client) -> None:
    source = (
        "public class Main { public static void main(String[] a) "
        '{ System.out.println("java ok"); } }'
    )
    result = sdk.run(client=client, source_code=source, language=sdk.JAVA)
    assert result.stdout == "java ok\n"


def test_the_sdk_sends_arguments_and_additional_files(client: sdk.Client) -> None:
    files = sdk.Filesystem(
        content=[sdk.File(name="helper.py", content="def shout(word):\n    return word.upper()\n")]
    )
    result = sdk.run(
        client=client,
        source_code="import sys, helper\nprint(helper.shout(sys.argv[1]))",
        language=sdk.PYTHON,
        additional_files=files,
        command_line_arguments="quiet",
    )
    assert result.status == sdk.Status.ACCEPTED
    assert result.stdout == "QUIET\n"
