"""The /judge0 routes are left out of /openapi.json (Judge0's own shapes), so the schemathesis
fuzz does not reach them: here hypothesis sends them arbitrary JSON, fields and queries. No input
may cause a 5xx."""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codecollab.judge0.schemas import SubmissionRequest
from tests.judge0.conftest import Judge0

FIELDS = sorted(SubmissionRequest.model_fields)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(["71", "true", "1e999", "NaN", "\x00", "\ud800", "aGVsbG8=", "print(1)"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
    max_leaves=6,
)
SUBMISSIONS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8)
QUERIES = st.fixed_dictionaries(
    {},
    optional={
        "base64_encoded": st.sampled_from(["true", "false", "yes", ""]),
        "fields": st.text(max_size=30) | st.just("*"),
        "tokens": st.text(max_size=60),
    },
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _json(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True).encode("utf-8", "surrogatepass")


def no_server_error(response: httpx.Response) -> None:
    assert response.status_code < 500 or response.status_code == 503, response.text


@FUZZ
@given(body=SUBMISSIONS, query=QUERIES)
def test_no_submission_body_causes_a_server_error(
    judge0: Judge0, body: dict[str, Any], query: dict[str, str]
) -> None:
    response = judge0.http.post(
        "/submissions",
        content=_json(body),
        params=query,
        headers={"Content-Type": "application/json"},
    )
    no_server_error(response)


@FUZZ
@given(items=st.lists(SUBMISSIONS | VALUES, max_size=4), query=QUERIES)
def test_no_batch_body_causes_a_server_error(
    judge0: Judge0, items: list[Any], query: dict[str, str]
) -> None:
    response = judge0.http.post(
        "/submissions/batch",
        content=_json({"submissions": items}),
        params=query,
        headers={"Content-Type": "application/json"},
    )
    no_server_error(response)


@FUZZ
@given(
    token=st.text(
        st.characters(min_codepoint=0x21, exclude_characters="/?#%\x7f", exclude_categories=["Cc"]),
        min_size=1,
    ),
    query=QUERIES,
)
def test_no_token_or_query_causes_a_server_error(
    judge0: Judge0, token: str, query: dict[str, str]
) -> None:
    no_server_error(judge0.http.get(f"/submissions/{token}", params=query))
    no_server_error(judge0.http.get("/submissions/batch", params=query))
    no_server_error(judge0.http.get(f"/languages/{token}"))
