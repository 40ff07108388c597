"""POST and GET /judge0/submissions: wait, base64, fields, expected output, the shapes of Judge0
CE 1.13, over the real sandbox."""

from __future__ import annotations

import base64
import re
import uuid

from tests.judge0.conftest import Judge0, new_key, signup
from tests.server import ServerProcess

PYTHON = 71
HELLO = 'print("hello, world")'
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_a_submission_without_wait_answers_201_with_its_token_only(judge0: Judge0) -> None:
    response = judge0.submit(source_code=HELLO, language_id=PYTHON)
    assert response.status_code == 201
    body = response.json()
    assert list(body) == ["token"]
    assert uuid.UUID(body["token"]).version == 4


def test_a_submission_runs_in_the_background_and_is_read_by_its_token(judge0: Judge0) -> None:
    token = judge0.submit(source_code=HELLO, language_id=PYTHON).json()["token"]
    body = judge0.finished(token)
    assert body["status"] == {"id": 3, "description": "Accepted"}
    assert body["stdout"] == "hello, world\n"
    assert body["token"] == token


def test_get_answers_judge0s_default_fields(judge0: Judge0) -> None:
    token = judge0.submit(source_code=HELLO, language_id=PYTHON).json()["token"]
    judge0.finished(token)
    body = judge0.http.get(f"/submissions/{token}").json()
    assert set(body) == {
        "stdout",
        "time",
        "memory",
        "stderr",
        "token",
        "compile_output",
        "message",
        "status",
    }


def test_wait_true_answers_the_finished_submission(judge0: Judge0) -> None:
    response = judge0.submit({"wait": "true"}, source_code=HELLO, language_id=PYTHON)
    assert response.status_code == 201
    body = response.json()
    assert body["status"]["id"] == 3
    assert body["stdout"] == "hello, world\n"
    assert body["stderr"] is None
    assert body["compile_output"] is None


def test_times_are_strings_of_seconds_memory_kilobytes_dates_judge0s_format(
    judge0: Judge0,
) -> None:
    body = judge0.run(source_code=HELLO, language_id=PYTHON)
    assert re.fullmatch(r"\d+\.\d{3}", body["time"])
    assert re.fullmatch(r"\d+\.\d{3}", body["wall_time"])
    assert isinstance(body["memory"], int)
    assert body["memory"] > 0
    assert DATE.match(body["created_at"])
    assert DATE.match(body["finished_at"])


def test_fields_star_shows_every_field_with_the_effective_limits(judge0: Judge0) -> None:
    body = judge0.run(source_code=HELLO, language_id=PYTHON, stdin="x", cpu_time_limit=2)
    assert body["source_code"] == HELLO
    assert body["language_id"] == PYTHON
    assert body["language"]["id"] == PYTHON
    assert body["language"]["name"].startswith("Python (")
    assert body["stdin"] == "x"
    assert body["cpu_time_limit"] == 2
    assert body["memory_limit"] == 128_000
    assert body["exit_code"] == 0
    assert body["status_id"] == 3


def test_fields_picks_the_fields_in_the_order_asked(judge0: Judge0) -> None:
    response = judge0.submit(
        {"wait": "true", "fields": "status_id,stdout"}, source_code=HELLO, language_id=PYTHON
    )
    assert list(response.json().items()) == [("status_id", 3), ("stdout", "hello, world\n")]


def test_an_unknown_field_is_400_naming_it(judge0: Judge0) -> None:
    token = judge0.submit(source_code=HELLO, language_id=PYTHON).json()["token"]
    response = judge0.http.get(f"/submissions/{token}", params={"fields": "stdout,nope,bad"})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid fields: [nope, bad]"}


def test_base64_encoded_decodes_the_input_and_encodes_the_output(judge0: Judge0) -> None:
    body = judge0.run(
        {"base64_encoded": "true"},
        source_code=b64("print(input()[::-1])"),
        language_id=PYTHON,
        stdin=b64("été\n"),
    )
    assert base64.b64decode(body["stdout"]).decode() == "été\n"[::-1].strip() + "\n"
    assert base64.b64decode(body["source_code"]).decode() == "print(input()[::-1])"


def test_base64_encoded_false_shows_text_as_is(judge0: Judge0) -> None:
    body = judge0.run(source_code="print('世界')", language_id=PYTHON)
    assert body["stdout"] == "世界\n"


def test_invalid_base64_is_422_naming_the_field(judge0: Judge0) -> None:
    response = judge0.submit(
        {"base64_encoded": "true"}, source_code="not base64!", language_id=PYTHON
    )
    assert response.status_code == 422
    assert response.json() == {"source_code": ["is not valid base64"]}


def test_expected_output_matching_is_accepted(judge0: Judge0) -> None:
    body = judge0.run(source_code=HELLO, language_id=PYTHON, expected_output="hello, world")
    assert body["status"] == {"id": 3, "description": "Accepted"}


def test_expected_output_ignores_trailing_whitespace_per_line_as_judge0_does(
    judge0: Judge0,
) -> None:
    body = judge0.run(
        source_code="print('a  ')\nprint('b\\t')\nprint()\n",
        language_id=PYTHON,
        expected_output="a\nb\n\n\n",
    )
    assert body["status"]["id"] == 3


def test_expected_output_differing_is_wrong_answer(judge0: Judge0) -> None:
    body = judge0.run(source_code=HELLO, language_id=PYTHON, expected_output="hello world")
    assert body["status"] == {"id": 4, "description": "Wrong Answer"}


def test_leading_whitespace_still_counts_in_the_comparison(judge0: Judge0) -> None:
    body = judge0.run(source_code="print(' x')", language_id=PYTHON, expected_output="x")
    assert body["status"]["id"] == 4


def test_an_unknown_token_is_404(judge0: Judge0) -> None:
    response = judge0.http.get(f"/submissions/{uuid.uuid4()}")
    assert response.status_code == 404
    assert "error" in response.json()


def test_a_missing_language_is_judge0s_422(judge0: Judge0) -> None:
    response = judge0.submit(source_code=HELLO)
    assert response.status_code == 422
    assert response.json() == {"language_id": ["can't be blank"]}


def test_an_unknown_language_id_is_judge0s_422(judge0: Judge0) -> None:
    response = judge0.submit(source_code=HELLO, language_id=1000)
    assert response.status_code == 422
    assert response.json() == {"language_id": ["language with id 1000 doesn't exist"]}


def test_blank_source_is_422(judge0: Judge0) -> None:
    response = judge0.submit(source_code="  ", language_id=PYTHON)
    assert response.status_code == 422
    assert response.json() == {"source_code": ["can't be blank"]}


def test_a_limit_past_judge0s_maximum_is_422_naming_it(judge0: Judge0) -> None:
    response = judge0.submit(source_code=HELLO, language_id=PYTHON, cpu_time_limit=16)
    assert response.status_code == 422
    assert list(response.json()) == ["cpu_time_limit"]


def test_a_limit_past_this_servers_maximum_is_capped(judge0: Judge0) -> None:
    body = judge0.run(source_code=HELLO, language_id=PYTHON, cpu_time_limit=15, cpu_extra_time=5)
    assert body["status"]["id"] == 3
    assert body["cpu_time_limit"] == 10  # the server's CODECOLLAB execution maximum
    assert body["cpu_extra_time"] == 0


def test_unknown_fields_are_ignored_as_judge0_ignores_them(judge0: Judge0) -> None:
    body = judge0.run(source_code=HELLO, language_id=PYTHON, colour="blue")
    assert body["status"]["id"] == 3


def test_redirecting_stderr_is_refused_by_name_not_ignored(judge0: Judge0) -> None:
    response = judge0.submit(source_code=HELLO, language_id=PYTHON, redirect_stderr_to_stdout=True)
    assert response.status_code == 422
    assert response.json() == {"redirect_stderr_to_stdout": ["is not supported yet on this server"]}


def test_network_is_never_enabled(judge0: Judge0) -> None:
    response = judge0.submit(source_code=HELLO, language_id=PYTHON, enable_network=True)
    assert response.status_code == 422
    assert response.json() == {"enable_network": ["is not allowed on this server"]}


def test_a_body_that_is_not_json_is_400(judge0: Judge0) -> None:
    response = judge0.http.post(
        "/submissions", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {"error": "the body is not valid JSON"}


def test_a_body_that_is_not_an_object_is_422(judge0: Judge0) -> None:
    response = judge0.http.post("/submissions", json=[1, 2])
    assert response.status_code == 422


def test_number_of_runs_runs_the_program_that_many_times(judge0: Judge0) -> None:
    body = judge0.run(source_code=HELLO, language_id=PYTHON, number_of_runs=2)
    assert body["status"]["id"] == 3
    assert body["number_of_runs"] == 2


def test_another_accounts_submission_reads_as_unknown(
    judge0: Judge0, live_server: ServerProcess
) -> None:
    token = judge0.submit(source_code=HELLO, language_id=PYTHON).json()["token"]
    stranger = new_key(live_server, signup(live_server, "stranger"))
    response = judge0.http.get(f"/submissions/{token}", headers={"X-Auth-Token": stranger})
    assert response.status_code == 404
    batch = judge0.http.get(
        "/submissions/batch", params={"tokens": token}, headers={"X-Auth-Token": stranger}
    )
    assert batch.json() == {"submissions": [None]}


def test_another_key_of_the_same_account_reads_it(
    judge0: Judge0, live_server: ServerProcess
) -> None:
    bearer = signup(live_server, "two-keys")
    first, second = new_key(live_server, bearer, "one"), new_key(live_server, bearer, "two")
    token = judge0.http.post(
        "/submissions",
        json={"source_code": HELLO, "language_id": PYTHON},
        headers={"X-Auth-Token": first},
    ).json()["token"]
    response = judge0.http.get(f"/submissions/{token}", headers={"X-Auth-Token": second})
    assert response.status_code == 200


def test_no_output_matches_an_empty_expected_output(judge0: Judge0) -> None:
    # Judge0 itself stores no output as null and compares it with "" as different (Wrong
    # Answer); here empty output equals an empty expectation.
    body = judge0.run(source_code="pass", language_id=PYTHON, expected_output="")
    assert body["status"]["id"] == 3
    assert body["stdout"] is None
