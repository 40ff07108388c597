"""The Judge0-compatible API under /judge0 (Judge0 CE 1.13's routes, fields and errors).

Judge0 clients expect Judge0's error shapes (``{"error": …}``, ``{"field": [...]}``), so these
routes parse their own query and body and answer every error that way; they are left out of
/openapi.json (its clients speak Judge0's published API, and our own 422 shape does not apply)
and fuzzed by tests/judge0.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, FastAPI, Request, status
from fastapi.responses import JSONResponse

from codecollab.errors import RETRY_AFTER_S, DomainError
from codecollab.execution.languages import load_languages
from codecollab.judge0.errors import Judge0Error
from codecollab.judge0.languages import AvailableLanguage
from codecollab.judge0.limits import (
    DEFAULT_CPU_EXTRA_S,
    DEFAULT_CPU_TIME_S,
    DEFAULT_MAX_FILE_SIZE_KB,
    DEFAULT_MEMORY_KB,
    DEFAULT_WALL_TIME_S,
    MAX_FILE_SIZE_KB,
    MAX_NUMBER_OF_RUNS,
)
from codecollab.judge0.program import MAX_EXTRACT_BYTES
from codecollab.judge0.render import InvalidFields, render, requested_fields
from codecollab.judge0.schemas import MAX_BATCH, InvalidSubmission
from codecollab.judge0.service import Judge0Service
from codecollab.judge0.statuses import Judge0Status
from codecollab.web.deps import ApiKeyUser, Judge0Dep, RuntimeDep

router = APIRouter(prefix="/judge0", tags=["judge0"], include_in_schema=False)

JUDGE0_VERSION = "1.13.1"
"""The Judge0 API version this one implements (clients pick language ids by it)."""
MAX_TOKENS_CHARS = MAX_BATCH * 40


def install_judge0_errors(app: FastAPI) -> None:
    async def handle(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Judge0Error)
        headers = dict(exc.headers or {})
        if exc.status_code == 503:  # every 503 says when to try again
            headers.setdefault("Retry-After", str(RETRY_AFTER_S))
        return JSONResponse(exc.body, status_code=exc.status_code, headers=headers)

    app.add_exception_handler(Judge0Error, handle)


def _flag(request: Request, name: str) -> bool:
    """Judge0 reads a flag as true only when it is exactly ``true``."""
    return request.query_params.get(name) == "true"


def _fields(request: Request) -> tuple[str, ...]:
    try:
        return requested_fields(request.query_params.get("fields"))
    except InvalidFields as exc:
        raise Judge0Error(400, {"error": str(exc)}) from exc


async def _body(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise Judge0Error(400, {"error": "the body is not valid JSON"}) from exc


def _domain_error(exc: DomainError) -> Judge0Error:
    return Judge0Error(exc.status_code, {"error": exc.detail}, exc.headers)


async def _language_names(judge0: Judge0Service) -> dict[int, str]:
    return {judge0_id: entry.name for judge0_id, entry in (await judge0.languages()).items()}


@router.post("/submissions")
async def create_submission(request: Request, caller: ApiKeyUser, judge0: Judge0Dep) -> Any:
    """One submission: ``{"token"}`` at once, or with ``wait=true`` the finished submission."""
    user, key = caller
    base64_encoded = _flag(request, "base64_encoded")
    wait = _flag(request, "wait")
    fields = _fields(request)
    data = await _body(request)
    try:
        judge0.check_capacity(1)
        submission = await judge0.accept(
            data, user_id=user.id, api_key_id=key.id, base64_encoded=base64_encoded
        )
    except InvalidSubmission as exc:
        raise Judge0Error(422, dict(exc.errors)) from exc
    except DomainError as exc:
        raise _domain_error(exc) from exc
    if not wait:
        judge0.start(submission)
        return JSONResponse({"token": submission.token}, status_code=status.HTTP_201_CREATED)
    await judge0.run_and_wait(submission)
    finished = (await judge0.find([submission.token], user_id=user.id))[submission.token]
    names = await _language_names(judge0)
    body = render(
        finished,
        fields=fields,
        base64_encoded=base64_encoded,
        language_name=names.get(finished.request["language_id"]),
    )
    return JSONResponse(body, status_code=status.HTTP_201_CREATED)


@router.post("/submissions/batch")
async def create_submissions(request: Request, caller: ApiKeyUser, judge0: Judge0Dep) -> Any:
    """Several submissions: a ``{"token"}`` or the item's errors for each, in order."""
    user, key = caller
    base64_encoded = _flag(request, "base64_encoded")
    data = await _body(request)
    items = data.get("submissions") if isinstance(data, dict) else None
    _check_batch_size(len(items) if isinstance(items, list) else 0)
    assert isinstance(items, list)
    try:
        judge0.check_capacity(len(items))
    except DomainError as exc:
        raise _domain_error(exc) from exc
    answers: list[dict[str, Any]] = []
    for item in items:
        try:
            submission = await judge0.accept(
                item, user_id=user.id, api_key_id=key.id, base64_encoded=base64_encoded
            )
        except InvalidSubmission as exc:
            answers.append(dict(exc.errors))
            continue
        except DomainError as exc:
            answers.append({"error": exc.detail})
            continue
        judge0.start(submission)
        answers.append({"token": submission.token})
    accepted = any("token" in answer for answer in answers)
    return JSONResponse(answers, status_code=201 if accepted else 422)


def _check_batch_size(count: int) -> None:
    if count > MAX_BATCH:
        limit = f"less than or equal to {MAX_BATCH}"
        raise Judge0Error(400, {"error": f"number of submissions in a batch should be {limit}"})
    if count == 0:
        raise Judge0Error(400, {"error": "there should be at least one submission in a batch"})


@router.get("/submissions/batch")
async def get_submissions(request: Request, caller: ApiKeyUser, judge0: Judge0Dep) -> Any:
    """Several submissions by ``?tokens=a,b``: each as asked by ``fields``, null if unknown."""
    raw = request.query_params.get("tokens") or request.headers.get("tokens") or ""
    tokens = [token for token in raw[: MAX_TOKENS_CHARS + 1].strip().split(",") if token]
    if len(raw) > MAX_TOKENS_CHARS:
        tokens = tokens + [""] * MAX_BATCH  # as many as make it too many
    _check_batch_size(len(tokens))
    fields = _fields(request)
    base64_encoded = _flag(request, "base64_encoded")
    found = await judge0.find(tokens, user_id=caller[0].id)
    names = await _language_names(judge0)
    submissions = [
        render(
            found[token],
            fields=fields,
            base64_encoded=base64_encoded,
            language_name=names.get(found[token].request["language_id"]),
        )
        if token in found
        else None
        for token in tokens
    ]
    return {"submissions": submissions}


@router.get("/submissions/{token}")
async def get_submission(
    token: str, request: Request, caller: ApiKeyUser, judge0: Judge0Dep
) -> Any:
    """One submission, with Judge0's default fields or those ``?fields=`` names (``*``: all)."""
    fields = _fields(request)
    found = (await judge0.find([token], user_id=caller[0].id)).get(token)
    if found is None:
        raise Judge0Error(404, {"error": "submission not found"})
    names = await _language_names(judge0)
    return render(
        found,
        fields=fields,
        base64_encoded=_flag(request, "base64_encoded"),
        language_name=names.get(found.request["language_id"]),
    )


@router.get("/languages")
async def list_languages(_caller: ApiKeyUser, judge0: Judge0Dep) -> Any:
    """The Judge0 language ids this server runs now, by name."""
    languages = (await judge0.languages()).values()
    return [{"id": entry.id, "name": entry.name} for entry in sorted(languages, key=_by_name)]


def _by_name(entry: AvailableLanguage) -> tuple[str, int]:
    return (entry.name.lower(), entry.id)


@router.get("/languages/{language_id}")
async def get_language(language_id: str, _caller: ApiKeyUser, judge0: Judge0Dep) -> Any:
    """One language: its source file and commands, as Judge0 shows them."""
    number = language_id.isascii() and language_id.isdigit() and len(language_id) <= 9
    entry = (await judge0.languages()).get(int(language_id)) if number else None
    if entry is None:
        raise Judge0Error(404, {"error": f"language with id {language_id[:20]} not found"})
    language = load_languages()[entry.language].for_source("")  # Java's file: Main.java
    return {
        "id": entry.id,
        "name": entry.name,
        "is_archived": False,
        "source_file": language.file,
        "compile_cmd": " ".join(language.compile) if language.compile else None,
        "run_cmd": " ".join(language.run_command()),  # with the default limits
    }


@router.get("/statuses")
async def list_statuses(_caller: ApiKeyUser) -> Any:
    return [{"id": item.value, "description": item.description} for item in Judge0Status]


@router.get("/about")
async def about(_caller: ApiKeyUser, runtime: RuntimeDep) -> Any:
    """The Judge0 version implemented (clients read language ids by it) and this server."""
    return {
        "version": JUDGE0_VERSION,
        "homepage": runtime.settings.public_url or None,
        "source_code": "CodeCollab (a Judge0-compatible API)",
        "maintainer": "the operator of this CodeCollab server",
    }


@router.get("/version")
async def version(_caller: ApiKeyUser) -> Any:
    return JSONResponse(JUDGE0_VERSION)


@router.get("/config_info")
async def config_info(_caller: ApiKeyUser, judge0: Judge0Dep, runtime: RuntimeDep) -> Any:
    """The limits and features of this server in Judge0's terms and units."""
    maxima = judge0.maxima
    return {
        "maintenance_mode": False,
        "enable_wait_result": True,
        "enable_compiler_options": True,
        "allowed_languages_for_compile_options": [],
        "enable_command_line_arguments": True,
        "enable_submission_delete": False,
        "enable_callbacks": True,
        "callbacks_max_tries": 3,
        "callbacks_timeout": 5.0,
        "enable_additional_files": True,
        "max_queue_size": runtime.settings.judge0_max_pending,
        "cpu_time_limit": min(DEFAULT_CPU_TIME_S, maxima.cpu_time_limit),
        "max_cpu_time_limit": maxima.cpu_time_limit,
        "cpu_extra_time": DEFAULT_CPU_EXTRA_S,
        "max_cpu_extra_time": 5.0,
        "wall_time_limit": min(DEFAULT_WALL_TIME_S, maxima.wall_time_limit),
        "max_wall_time_limit": maxima.wall_time_limit,
        "memory_limit": min(DEFAULT_MEMORY_KB, maxima.memory_limit),
        "max_memory_limit": maxima.memory_limit,
        "stack_limit": runtime.settings.sandbox_stack_mb * 1024,
        "max_stack_limit": min(128_000, maxima.memory_limit),
        "max_processes_and_or_threads": maxima.max_processes_and_or_threads,
        "max_max_processes_and_or_threads": maxima.max_processes_and_or_threads,
        "enable_per_process_and_thread_time_limit": False,
        "allow_enable_per_process_and_thread_time_limit": False,
        "enable_per_process_and_thread_memory_limit": False,
        "allow_enable_per_process_and_thread_memory_limit": False,
        "max_file_size": DEFAULT_MAX_FILE_SIZE_KB,
        "max_max_file_size": MAX_FILE_SIZE_KB,
        "number_of_runs": 1,
        "max_number_of_runs": MAX_NUMBER_OF_RUNS,
        "redirect_stderr_to_stdout": False,
        "max_extract_size": MAX_EXTRACT_BYTES // 1024,
        "enable_batched_submissions": True,
        "max_submission_batch_size": MAX_BATCH,
        "submission_cache_duration": 0.0,
        "use_docs_as_homepage": False,
        "allow_enable_network": False,
        "enable_network": False,
    }
