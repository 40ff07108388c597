"""Serving the built web app at / with client-side routing, never in the API's way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from codecollab.app import create_app
from codecollab.webapp import NOT_BUILT
from tests.conftest import make_settings

INDEX = "<!doctype html><title>CodeCollab</title><div id=root></div>"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    directory = tmp_path / "dist"
    (directory / "assets").mkdir(parents=True)
    (directory / "index.html").write_text(INDEX)
    (directory / "assets" / "index-abc123.js").write_text("console.log('app')")
    (directory / "favicon.svg").write_text("<svg/>")
    return directory


async def _client(tmp_path: Path, frontend_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(
        f"sqlite:///{tmp_path / 'web.db'}", tmp_path / "data", frontend_dir=frontend_dir
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


@pytest.fixture
async def web(tmp_path: Path, build: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for http in _client(tmp_path, build):
        yield http


async def test_root_serves_the_index(web: httpx.AsyncClient) -> None:
    response = await web.get("/")
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == "no-cache"


async def test_client_side_routes_get_the_index(web: httpx.AsyncClient) -> None:
    for path in ("/rooms/5b0e6c1e-8a57-4c25-9c1f-6b2b2d4cbd3e", "/login", "/dashboard/"):
        response = await web.get(path)
        assert response.status_code == 200, path
        assert response.text == INDEX


async def test_an_invite_link_with_dots_in_its_token_gets_the_index(
    web: httpx.AsyncClient,
) -> None:
    response = await web.get("/join/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")
    assert response.status_code == 200
    assert response.text == INDEX


async def test_built_assets_are_served_and_cached_for_ever(web: httpx.AsyncClient) -> None:
    response = await web.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.text == "console.log('app')"
    assert "immutable" in response.headers["cache-control"]


async def test_top_level_files_are_served(web: httpx.AsyncClient) -> None:
    response = await web.get("/favicon.svg")
    assert response.status_code == 200
    assert response.text == "<svg/>"


async def test_a_missing_asset_is_a_404_not_the_index(web: httpx.AsyncClient) -> None:
    assert (await web.get("/assets/gone-123.js")).status_code == 404
    assert (await web.get("/missing.css")).status_code == 404


async def test_unknown_api_paths_stay_json_404s(web: httpx.AsyncClient) -> None:
    for path in ("/api/nothing-here", "/api", "/ws/whatever", "/docs/x", "/judge0/nothing"):
        response = await web.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not Found"}


async def test_api_routes_and_health_still_answer(web: httpx.AsyncClient) -> None:
    assert (await web.get("/healthz")).json() == {"status": "ok"}
    assert (await web.get("/openapi.json")).json()["info"]["title"] == "CodeCollab"
    assert (await web.get("/api/auth/me")).status_code == 401


async def test_other_methods_on_app_paths_are_not_served_the_index(
    web: httpx.AsyncClient,
) -> None:
    response = await web.post("/rooms/abc", json={})
    assert response.status_code == 404


async def test_path_traversal_does_not_leave_the_build(
    web: httpx.AsyncClient, tmp_path: Path
) -> None:
    (tmp_path / "secret.txt").write_text("top secret")
    response = await web.get("/..%2Fsecret.txt")
    assert "top secret" not in response.text
    response = await web.get("/assets/..%2F..%2Fsecret.txt")
    assert "top secret" not in response.text


async def test_without_a_build_the_root_says_how_to_build_it(tmp_path: Path) -> None:
    async for http in _client(tmp_path, tmp_path / "no-build"):
        response = await http.get("/")
        assert response.status_code == 200
        assert response.text == NOT_BUILT
        assert (await http.get("/rooms/x")).status_code == 404
