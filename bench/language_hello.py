"""End-to-end time of each language's hello program through the HTTP API, on bubblewrap.

    .venv/bin/python -m bench.language_hello [--runs 10] [--languages kotlin,scala,...]

For each language, --runs authenticated `POST /api/executions` of its hello program (in-process
ASGI app, SQLite, the bwrap backend): compile (if any) and run, as a user's Run button does.
Reports the median and p95 wall time of the request. One warm-up request per language first
(it starts the language's sandbox shape). Needs root (cgroups, setpriv) like the server.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import time

import httpx

from bench.sandbox_overhead import percentile, scratch_dir
from codecollab import migrate
from codecollab.app import create_app
from codecollab.config import Settings
from codecollab.execution.languages import Language, load_languages

ACCOUNT = {"email": "b@example.com", "password": "bench password", "display_name": "B"}


async def measure(
    http: httpx.AsyncClient, headers: dict[str, str], language: Language, runs: int
) -> list[float]:
    body = {"language": language.id, "source": language.hello.source}
    warm_up = await http.post("/api/executions", json=body, headers=headers)
    assert warm_up.json()["status"] == "ok", warm_up.text
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = await http.post("/api/executions", json=body, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        result = response.json()
        assert (result["status"], result["stdout"]) == ("ok", language.hello.stdout), result
    return timings


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--languages", default="")
    args = parser.parse_args()
    root = scratch_dir()
    try:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database_url=f"sqlite:///{root / 'bench.db'}",
            data_dir=root / "data",
            jwt_secret="bench-" + "x" * 40,
            sandbox_backend="bwrap",
            sandbox_dir=root / "runs",
            execution_rate_limit="100000/minute",
        )
        await asyncio.to_thread(migrate.upgrade, settings.database_url)
        app = create_app(settings)
        languages = load_languages()
        chosen = args.languages.split(",") if args.languages else sorted(languages)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://bench", timeout=120
            ) as http:
                signup = await http.post("/api/auth/signup", json=ACCOUNT)
                headers = {"Authorization": f"Bearer {signup.json()['access_token']}"}
                print("| language | hello median (ms) | hello p95 (ms) |")
                print("| --- | ---: | ---: |")
                for name in chosen:
                    timings = await measure(http, headers, languages[name], args.runs)
                    median, p95 = statistics.median(timings), percentile(timings, 0.95)
                    print(f"| {name} | {median:.0f} | {p95:.0f} |", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
