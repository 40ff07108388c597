"""POST and GET /judge0/submissions/batch."""

from __future__ import annotations

import uuid

from tests.judge0.conftest import Judge0

PYTHON = 71


def test_a_batch_answers_a_token_per_submission_in_order(judge0: Judge0) -> None:
    response = judge0.http.post(
        "/submissions/batch",
        json={
            "submissions": [
                {"source_code": "print(1)", "language_id": PYTHON},
                {"source_code": "print(2)", "language_id": PYTHON},
            ]
        },
    )
    assert response.status_code == 201
    tokens = [item["token"] for item in response.json()]
    outputs = [judge0.finished(token)["stdout"] for token in tokens]
    assert outputs == ["1\n", "2\n"]


def test_an_invalid_item_gets_its_errors_and_the_rest_run(judge0: Judge0) -> None:
    response = judge0.http.post(
        "/submissions/batch",
        json={
            "submissions": [
                {"source_code": "print(1)", "language_id": 1000},
                {"source_code": "print(2)", "language_id": PYTHON},
            ]
        },
    )
    assert response.status_code == 201
    first, second = response.json()
    assert first == {"language_id": ["language with id 1000 doesn't exist"]}
    assert "token" in second


def test_a_batch_of_only_invalid_items_is_422(judge0: Judge0) -> None:
    response = judge0.http.post("/submissions/batch", json={"submissions": [{"stdin": "x"}]})
    assert response.status_code == 422


def test_an_empty_batch_is_400(judge0: Judge0) -> None:
    response = judge0.http.post("/submissions/batch", json={"submissions": []})
    assert response.status_code == 400
    assert response.json() == {"error": "there should be at least one submission in a batch"}


def test_a_batch_past_twenty_is_400(judge0: Judge0) -> None:
    item = {"source_code": "print(1)", "language_id": PYTHON}
    response = judge0.http.post("/submissions/batch", json={"submissions": [item] * 21})
    assert response.status_code == 400
    assert "less than or equal to 20" in response.json()["error"]


def test_get_batch_answers_each_token_in_order_and_null_for_unknown(judge0: Judge0) -> None:
    first = judge0.submit(source_code="print(1)", language_id=PYTHON).json()["token"]
    second = judge0.submit(source_code="print(2)", language_id=PYTHON).json()["token"]
    judge0.finished(first)
    judge0.finished(second)
    unknown = str(uuid.uuid4())
    response = judge0.http.get(
        "/submissions/batch",
        params={"tokens": f"{second},{unknown},{first}", "fields": "token,stdout"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "submissions": [{"token": second, "stdout": "2\n"}, None, {"token": first, "stdout": "1\n"}]
    }


def test_get_batch_without_tokens_is_400(judge0: Judge0) -> None:
    assert judge0.http.get("/submissions/batch").status_code == 400


def test_get_batch_with_too_many_tokens_is_400(judge0: Judge0) -> None:
    tokens = ",".join(str(uuid.uuid4()) for _ in range(21))
    assert judge0.http.get("/submissions/batch", params={"tokens": tokens}).status_code == 400
