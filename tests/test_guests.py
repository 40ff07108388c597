"""Guests: the invite preview, joining by invite with a name only, a guest token confined to its
room, and the room setting that requires accounts; on every database backend."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from codecollab.auth.ratelimit import InvitePreviewLimiter, SignupLimiter
from codecollab.auth.tokens import create_invite_token
from codecollab.db import utcnow
from codecollab.rooms.models import Invite
from codecollab.runtime import Runtime
from tests.conftest import TEST_SECRET, Api
from tests.problems.conftest import make_admin, seed

# --- helpers --------------------------------------------------------------------------------


async def guest_join(api: Api, token: str, name: str = "Gus") -> httpx.Response:
    # Serialised here, ASCII-escaped, so a lone surrogate can be sent as JSON's "\ud800".
    body = json.dumps({"invite_token": token, "guest_name": name})
    return await api.http.post(
        "/api/rooms/join", content=body, headers={"Content-Type": "application/json"}
    )


async def joined_guest(
    api: Api, owner: dict[str, Any], room_id: str, role: str = "candidate"
) -> dict[str, Any]:
    """A guest who joined the room with `role`: the join's body (`room`, `access_token`, …)."""
    invite = await api.invite(owner, room_id, role)
    response = await guest_join(api, invite["token"])
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def preview(api: Api, token: str) -> httpx.Response:
    return await api.http.get(f"/api/invites/{token}")


async def set_invite(app: FastAPI, invite_id: str, **values: Any) -> None:
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        await session.execute(
            update(Invite).where(Invite.id == uuid.UUID(invite_id)).values(**values)
        )
        await session.commit()


async def set_accounts_required(
    api: Api, account: dict[str, Any], room_id: str, required: bool
) -> httpx.Response:
    return await api.http.patch(
        f"/api/rooms/{room_id}", json={"accounts_required": required}, headers=api.auth(account)
    )


# --- the invite preview ---------------------------------------------------------------------


async def test_preview_shows_the_room_title_the_role_and_who_invited(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann, "Backend interview")
    invite = await api.invite(ann, room["id"], "candidate")
    response = await preview(api, invite["token"])
    assert response.status_code == 200
    assert response.json() == {
        "room_title": "Backend interview",
        "role": "candidate",
        "invited_by": "Ann",
        "expires_at": invite["expires_at"],
        "valid": True,
        "reason": None,
        "accounts_required": False,
    }


async def test_preview_needs_no_authentication_and_joins_nobody(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate", max_uses=1)
    assert (await preview(api, invite["token"])).status_code == 200
    invites = await api.http.get(f"/api/rooms/{room['id']}/invites", headers=api.auth(ann))
    assert invites.json()[0]["uses"] == 0


@pytest.mark.parametrize("token", ["garbage", "a" * 2000])
async def test_preview_of_a_token_that_is_not_an_invite_is_404(api: Api, token: str) -> None:
    assert (await preview(api, token)).status_code == 404


async def test_preview_of_an_access_token_is_404(api: Api) -> None:
    ann = await api.signup("ann")
    assert (await preview(api, ann["access_token"])).status_code == 404


async def test_preview_of_a_token_signed_with_another_secret_is_404(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    forged = create_invite_token(
        uuid.UUID(invite["id"]), secret="another-" + "y" * 40, expires_at=utcnow() + timedelta(1)
    )
    assert (await preview(api, forged)).status_code == 404


async def test_preview_of_an_invite_whose_room_was_deleted_is_404(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await api.http.delete(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    assert (await preview(api, invite["token"])).status_code == 404


async def test_preview_of_an_oversized_token_is_422(api: Api) -> None:
    assert (await preview(api, "a" * 2001)).status_code == 422


async def test_preview_of_a_revoked_invite_is_invalid_with_the_reason(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await api.http.delete(f"/api/rooms/{room['id']}/invites/{invite['id']}", headers=api.auth(ann))
    body = (await preview(api, invite["token"])).json()
    assert (body["valid"], body["reason"]) == (False, "invite revoked")


async def test_preview_of_an_expired_invite_is_invalid_with_the_reason(
    api: Api, app: FastAPI
) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await set_invite(app, invite["id"], expires_at=utcnow() - timedelta(minutes=1))
    body = (await preview(api, invite["token"])).json()
    assert (body["valid"], body["reason"]) == (False, "invite expired")


async def test_preview_of_an_invite_past_its_tokens_expiry_is_invalid_not_404(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    lapsed = create_invite_token(
        uuid.UUID(invite["id"]), secret=TEST_SECRET, expires_at=utcnow() - timedelta(minutes=1)
    )
    response = await preview(api, lapsed)
    assert response.status_code == 200
    assert response.json()["role"] == "candidate"


async def test_preview_of_a_used_up_invite_is_invalid_with_the_reason(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate", max_uses=1)
    await guest_join(api, invite["token"])
    body = (await preview(api, invite["token"])).json()
    assert (body["valid"], body["reason"]) == (False, "invite already used")


async def test_preview_says_accounts_are_required_for_an_interviewer_invite(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "interviewer")
    assert (await preview(api, invite["token"])).json()["accounts_required"] is True


async def test_preview_says_accounts_are_required_when_the_room_requires_them(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await set_accounts_required(api, ann, room["id"], True)
    assert (await preview(api, invite["token"])).json()["accounts_required"] is True


async def test_previews_are_limited_per_client_address(
    api: Api, app: FastAPI, settings_factory: Any
) -> None:
    runtime: Runtime = app.state.services.runtime
    runtime.invite_preview_limiter = InvitePreviewLimiter.from_settings(
        settings_factory(invite_preview_rate_limit="2/minute")
    )
    assert [(await preview(api, "garbage")).status_code for _ in range(3)] == [404, 404, 429]
    response = await preview(api, "garbage")
    assert int(response.headers["Retry-After"]) >= 1


# --- joining as a guest ---------------------------------------------------------------------


async def test_a_guest_joins_by_invite_with_a_name(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    response = await guest_join(api, invite["token"], "Gus")
    assert response.status_code == 200
    body = response.json()
    assert body["guest"] is True
    assert body["room"]["id"] == room["id"]
    assert body["room"]["my_role"] == "candidate"
    assert body["user"]["kind"] == "guest"
    assert body["user"]["email"] is None
    assert "refresh_token" not in body
    names = [member["display_name"] for member in body["room"]["members"]]
    assert names == ["Ann", "Gus"]


async def test_a_guests_token_lasts_the_configured_interview_length(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    assert guest["expires_in"] == 12 * 3600


async def test_a_guest_reads_their_room_and_themselves(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    mine = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(guest))
    assert mine.status_code == 200
    assert mine.json()["my_role"] == "candidate"
    me = await api.http.get("/api/auth/me", headers=api.auth(guest))
    assert me.json()["guest_room_id"] == room["id"]


async def test_a_guest_name_is_trimmed(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    response = await guest_join(api, invite["token"], "  Gus Grey  ")
    assert response.json()["user"]["display_name"] == "Gus Grey"


@pytest.mark.parametrize(
    "name",
    ["", "   ", "x" * 65, "Gus\nGrey", "Gus\x07", "Gus\u2028Grey", "Gus\x00", "\ud800"],
    ids=["empty", "blank", "too-long", "newline", "bell", "line-separator", "nul", "surrogate"],
)
async def test_a_bad_guest_name_is_refused_with_422(api: Api, name: str) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    response = await guest_join(api, invite["token"], name)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "guest_name"]


async def test_a_64_character_guest_name_is_accepted(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    assert (await guest_join(api, invite["token"], "é" * 64)).status_code == 200


async def test_joining_without_a_token_or_a_name_is_401(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    response = await api.http.post("/api/rooms/join", json={"invite_token": invite["token"]})
    assert response.status_code == 401


async def test_an_account_joining_with_a_guest_name_joins_as_the_account(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    response = await api.http.post(
        "/api/rooms/join",
        json={"invite_token": invite["token"], "guest_name": "Not Bob"},
        headers=api.auth(bob),
    )
    assert response.status_code == 200
    assert response.json()["my_role"] == "candidate"
    assert "guest" not in response.json()


async def test_a_guest_cannot_join_by_a_revoked_invite(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await api.http.delete(f"/api/rooms/{room['id']}/invites/{invite['id']}", headers=api.auth(ann))
    response = await guest_join(api, invite["token"])
    assert (response.status_code, response.json()["detail"]) == (410, "invite revoked")


async def test_a_guest_cannot_join_by_an_expired_invite(api: Api, app: FastAPI) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await set_invite(app, invite["id"], expires_at=utcnow() - timedelta(minutes=1))
    response = await guest_join(api, invite["token"])
    assert (response.status_code, response.json()["detail"]) == (410, "invite expired")


async def test_a_guest_cannot_join_by_a_used_up_invite(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate", max_uses=1)
    assert (await guest_join(api, invite["token"], "First")).status_code == 200
    assert (await guest_join(api, invite["token"], "Second")).status_code == 410


async def test_a_guest_cannot_join_by_a_token_that_is_not_an_invite(api: Api) -> None:
    assert (await guest_join(api, "garbage")).status_code == 422


async def test_a_guest_cannot_join_by_an_invite_of_a_deleted_room(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await api.http.delete(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    assert (await guest_join(api, invite["token"])).status_code == 404


async def test_a_guest_cannot_join_by_an_interviewer_invite(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "interviewer")
    response = await guest_join(api, invite["token"])
    assert response.status_code == 403
    assert "account" in response.json()["detail"]


async def test_a_guest_may_join_as_an_observer(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"], "observer")
    assert (guest["room"]["my_role"], guest["room"]["can_write"]) == ("observer", False)


async def test_a_guest_cannot_be_made_an_interviewer(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    response = await api.http.patch(
        f"/api/rooms/{room['id']}/members/{guest['user']['id']}",
        json={"role": "interviewer"},
        headers=api.auth(ann),
    )
    assert response.status_code == 403


async def test_guest_joins_count_against_the_addresss_sign_ups(
    api: Api, app: FastAPI, settings_factory: Any
) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    runtime: Runtime = app.state.services.runtime
    runtime.signup_limiter = SignupLimiter.from_settings(
        settings_factory(signup_rate_limit="1/hour")
    )
    assert (await guest_join(api, invite["token"], "First")).status_code == 200
    response = await guest_join(api, invite["token"], "Second")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1


# --- a guest token works for its room alone -------------------------------------------------


async def test_a_guest_token_does_not_open_another_room(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    other = await api.create_room(ann, "Other")
    guest = await joined_guest(api, ann, room["id"])
    for path in ("", "/presence", "/events", "/analytics", "/export", "/replay?at_ms=0"):
        response = await api.http.get(f"/api/rooms/{other['id']}{path}", headers=api.auth(guest))
        assert response.status_code == 404, path


async def test_a_guest_cannot_run_in_another_room(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    other = await api.create_room(ann, "Other")
    guest = await joined_guest(api, ann, room["id"])
    response = await api.http.post(
        f"/api/rooms/{other['id']}/runs", json={}, headers=api.auth(guest)
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/rooms", None),
        ("POST", "/api/rooms", {"title": "Mine"}),
        ("GET", "/api/problems", None),
        ("POST", "/api/problems/import", None),
        ("GET", "/api/admin/users", None),
        ("POST", "/api/executions", {"language": "python", "source": "print(1)"}),
    ],
)
async def test_a_guest_token_is_refused_by_account_routes(
    api: Api, method: str, path: str, body: dict[str, Any] | None
) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    response = await api.http.request(method, path, json=body, headers=api.auth(guest))
    assert response.status_code == 403
    assert response.json()["detail"] == "guests can only use the room they joined"


async def test_a_guest_cannot_join_another_room_with_their_token(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    other = await api.create_room(ann, "Other")
    guest = await joined_guest(api, ann, room["id"])
    invite = await api.invite(ann, other["id"], "candidate")
    assert (await api.join(guest, invite["token"])).status_code == 403


async def test_a_guest_cannot_invite_or_end_the_session(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    invite = await api.http.post(
        f"/api/rooms/{room['id']}/invites", json={"role": "observer"}, headers=api.auth(guest)
    )
    end = await api.http.post(f"/api/rooms/{room['id']}/end", headers=api.auth(guest))
    assert (invite.status_code, end.status_code) == (403, 403)


async def test_a_guest_reads_only_their_rooms_problem(api: Api, app: FastAPI) -> None:
    ann = await api.signup("ann")
    problem_id = await seed(app)
    other_problem_id = await seed(app, slug="other-problem")
    created = await api.http.post(
        "/api/rooms",
        json={"title": "With a problem", "problem_id": problem_id},
        headers=api.auth(ann),
    )
    guest = await joined_guest(api, ann, created.json()["id"])
    theirs = await api.http.get(f"/api/problems/{problem_id}", headers=api.auth(guest))
    other = await api.http.get(f"/api/problems/{other_problem_id}", headers=api.auth(guest))
    assert (theirs.status_code, other.status_code) == (200, 404)


async def test_deleting_the_room_ends_its_guests(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    await api.http.delete(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    assert (await api.http.get("/api/auth/me", headers=api.auth(guest))).status_code == 401


async def test_an_admin_cannot_give_a_guest_an_instance_role(api: Api, app: FastAPI) -> None:
    ann = await api.signup("ann")
    await make_admin(app, ann)
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    response = await api.http.patch(
        f"/api/admin/users/{guest['user']['id']}", json={"role": "staff"}, headers=api.auth(ann)
    )
    assert response.status_code == 409


# --- the guest's name in the session's record -----------------------------------------------


async def test_the_guests_name_is_in_the_analytics_the_replay_and_the_export(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    guest_id = guest["user"]["id"]
    analytics = await api.http.get(f"/api/rooms/{room['id']}/analytics", headers=api.auth(ann))
    names = {p["user_id"]: p["display_name"] for p in analytics.json()["participants"]}
    assert names[guest_id] == "Gus"
    export = await api.http.get(f"/api/rooms/{room['id']}/export", headers=api.auth(ann))
    lines = [json.loads(line) for line in export.text.splitlines()]
    joins = [line for line in lines if line.get("type") == "member.joined"]
    assert joins[-1]["payload"]["display_name"] == "Gus"
    allowed = await api.http.patch(
        f"/api/rooms/{room['id']}", json={"candidate_replay": True}, headers=api.auth(ann)
    )
    assert allowed.status_code == 200, allowed.text
    events = await api.http.get(f"/api/rooms/{room['id']}/events", headers=api.auth(guest))
    joined = [e for e in events.json() if e["type"] == "member.joined"]
    assert joined[-1]["payload"]["display_name"] == "Gus"


# --- the room setting: accounts required ----------------------------------------------------


async def test_a_room_does_not_require_accounts_by_default(api: Api) -> None:
    ann = await api.signup("ann")
    assert (await api.create_room(ann))["accounts_required"] is False


async def test_the_owner_requires_accounts_and_the_room_shows_it(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    response = await set_accounts_required(api, ann, room["id"], True)
    assert response.status_code == 200
    assert response.json()["accounts_required"] is True
    mine = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    assert mine.json()["accounts_required"] is True


async def test_an_interviewer_may_change_whether_accounts_are_required(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    ivy = await api.member_of(ann, room["id"], "interviewer")
    assert (await set_accounts_required(api, ivy, room["id"], True)).status_code == 200


@pytest.mark.parametrize("role", ["candidate", "observer"])
async def test_candidates_and_observers_cannot_change_whether_accounts_are_required(
    api: Api, role: str
) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    member = await api.member_of(ann, room["id"], role)
    assert (await set_accounts_required(api, member, room["id"], True)).status_code == 403


async def test_a_non_member_changing_whether_accounts_are_required_gets_404(api: Api) -> None:
    ann, eve = await api.signup("ann"), await api.signup("eve")
    room = await api.create_room(ann)
    assert (await set_accounts_required(api, eve, room["id"], True)).status_code == 404


async def test_a_guest_cannot_change_whether_accounts_are_required(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    guest = await joined_guest(api, ann, room["id"])
    assert (await set_accounts_required(api, guest, room["id"], False)).status_code == 403


async def test_a_room_requiring_accounts_refuses_guests_with_a_reason(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await set_accounts_required(api, ann, room["id"], True)
    response = await guest_join(api, invite["token"])
    assert response.status_code == 403
    assert response.json()["detail"] == "this room requires an account: log in or sign up to join"


async def test_a_room_requiring_accounts_still_admits_accounts(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    await set_accounts_required(api, ann, room["id"], True)
    assert (await api.join(bob, invite["token"])).status_code == 200


async def test_a_refused_guest_does_not_spend_the_invite(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate", max_uses=1)
    await set_accounts_required(api, ann, room["id"], True)
    await guest_join(api, invite["token"])
    await set_accounts_required(api, ann, room["id"], False)
    assert (await guest_join(api, invite["token"])).status_code == 200


@pytest.mark.parametrize("value", ["yes", 1, None])
async def test_accounts_required_must_be_a_boolean(api: Api, value: Any) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    response = await api.http.patch(
        f"/api/rooms/{room['id']}", json={"accounts_required": value}, headers=api.auth(ann)
    )
    assert response.status_code == (200 if value is None else 422)
