"""Rooms, invites, roles and ending a session over the HTTP API, on every database backend."""

from __future__ import annotations

import uuid

from fastapi import FastAPI
from sqlalchemy import select

from codecollab.events.models import SessionEvent
from codecollab.runtime import Runtime
from tests.conftest import Api


async def test_the_creator_of_a_room_is_its_owner(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann, "Backend interview")
    assert room["title"] == "Backend interview"
    assert room["my_role"] == "owner"
    assert room["status"] == "active"
    assert room["language"] == "python"
    assert room["can_write"] is True


async def test_list_shows_only_my_rooms(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    await api.create_room(ann, "Ann's")
    await api.create_room(bob, "Bob's")
    response = await api.http.get("/api/rooms", headers=api.auth(ann))
    assert [room["title"] for room in response.json()] == ["Ann's"]


async def test_a_non_member_gets_404_for_an_existing_room(api: Api) -> None:
    ann, eve = await api.signup("ann"), await api.signup("eve")
    room = await api.create_room(ann)
    existing = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(eve))
    missing = await api.http.get(f"/api/rooms/{uuid.uuid4()}", headers=api.auth(eve))
    assert existing.status_code == missing.status_code == 404
    assert existing.json() == missing.json()


async def test_a_non_member_cannot_invite_themselves(api: Api) -> None:
    ann, eve = await api.signup("ann"), await api.signup("eve")
    room = await api.create_room(ann)
    response = await api.http.post(
        f"/api/rooms/{room['id']}/invites", json={"role": "interviewer"}, headers=api.auth(eve)
    )
    assert response.status_code == 404


async def test_joining_by_invite_gives_the_invites_role(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    response = await api.join(bob, invite["token"])
    assert response.status_code == 200
    assert response.json()["my_role"] == "candidate"
    assert invite["url"].endswith(f"/join/{invite['token']}")


async def test_members_get_distinct_colours(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    for role in ("candidate", "observer", "interviewer"):
        await api.member_of(ann, room["id"], role)
    details = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    colours = [member["color_index"] for member in details.json()["members"]]
    assert len(set(colours)) == 4


async def test_joining_again_keeps_the_existing_role(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "observer")
    response = await api.join(ann, invite["token"])
    assert response.json()["my_role"] == "owner"


async def test_candidates_and_observers_cannot_invite(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    for role in ("candidate", "observer"):
        member = await api.member_of(ann, room["id"], role)
        response = await api.http.post(
            f"/api/rooms/{room['id']}/invites",
            json={"role": "interviewer"},
            headers=api.auth(member),
        )
        assert response.status_code == 403


async def test_an_interviewer_can_invite(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    interviewer = await api.member_of(ann, room["id"], "interviewer")
    invite = await api.invite(interviewer, room["id"], "candidate")
    assert invite["role"] == "candidate"


async def test_an_interviewer_cannot_invite_an_interviewer(api: Api) -> None:
    # The same rule as promoting a member: only the owner grants the interviewer role.
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    interviewer = await api.member_of(ann, room["id"], "interviewer")
    response = await api.http.post(
        f"/api/rooms/{room['id']}/invites",
        json={"role": "interviewer"},
        headers=api.auth(interviewer),
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "only the owner can invite interviewers"


async def test_the_owner_promotes_a_member_to_interviewer(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    observer = await api.member_of(ann, room["id"], "observer")
    response = await api.http.patch(
        f"/api/rooms/{room['id']}/members/{observer['user']['id']}",
        json={"role": "interviewer"},
        headers=api.auth(ann),
    )
    assert response.status_code == 200, response.text


async def test_a_revoked_invite_cannot_be_used(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    revoked = await api.http.delete(
        f"/api/rooms/{room['id']}/invites/{invite['id']}", headers=api.auth(ann)
    )
    assert revoked.status_code == 204
    response = await api.join(bob, invite["token"])
    assert response.status_code == 410
    assert "revoked" in response.json()["detail"]


async def test_an_invite_with_max_uses_is_used_up(api: Api) -> None:
    ann, bob, cid = await api.signup("ann"), await api.signup("bob"), await api.signup("cid")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate", max_uses=1)
    assert (await api.join(bob, invite["token"])).status_code == 200
    response = await api.join(cid, invite["token"])
    assert response.status_code == 410


async def test_an_access_token_is_not_an_invite(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    response = await api.join(bob, ann["access_token"])
    assert response.status_code == 422


async def test_invites_are_listed_for_staff(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    await api.invite(ann, room["id"], "candidate")
    response = await api.http.get(f"/api/rooms/{room['id']}/invites", headers=api.auth(ann))
    assert [invite["role"] for invite in response.json()] == ["candidate"]
    assert "token" not in response.json()[0]


async def test_the_owner_changes_a_members_role(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    bob = await api.member_of(ann, room["id"], "observer")
    response = await api.http.patch(
        f"/api/rooms/{room['id']}/members/{bob['user']['id']}",
        json={"role": "candidate"},
        headers=api.auth(ann),
    )
    assert response.status_code == 200
    mine = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(bob))
    assert mine.json()["my_role"] == "candidate"


async def test_nobody_can_change_the_owners_role(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    interviewer = await api.member_of(ann, room["id"], "interviewer")
    response = await api.http.patch(
        f"/api/rooms/{room['id']}/members/{ann['user']['id']}",
        json={"role": "observer"},
        headers=api.auth(interviewer),
    )
    assert response.status_code == 403


async def test_a_candidate_cannot_change_roles(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    candidate = await api.member_of(ann, room["id"], "candidate")
    response = await api.http.patch(
        f"/api/rooms/{room['id']}/members/{candidate['user']['id']}",
        json={"role": "interviewer"},
        headers=api.auth(candidate),
    )
    assert response.status_code == 403


async def test_an_interviewer_cannot_promote_to_interviewer(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    interviewer = await api.member_of(ann, room["id"], "interviewer")
    observer = await api.member_of(ann, room["id"], "observer")
    response = await api.http.patch(
        f"/api/rooms/{room['id']}/members/{observer['user']['id']}",
        json={"role": "interviewer"},
        headers=api.auth(interviewer),
    )
    assert response.status_code == 403


async def test_ending_the_session_takes_write_access_from_candidates(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    candidate = await api.member_of(ann, room["id"], "candidate")
    before = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(candidate))
    assert before.json()["can_write"] is True

    ended = await api.http.post(f"/api/rooms/{room['id']}/end", headers=api.auth(ann))

    assert ended.status_code == 200
    assert ended.json()["status"] == "ended"
    after = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(candidate))
    assert after.json()["can_write"] is False
    owner_view = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    assert owner_view.json()["can_write"] is True


async def test_a_candidate_cannot_end_the_session(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    candidate = await api.member_of(ann, room["id"], "candidate")
    response = await api.http.post(f"/api/rooms/{room['id']}/end", headers=api.auth(candidate))
    assert response.status_code == 403


async def test_observers_never_write(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    observer = await api.member_of(ann, room["id"], "observer")
    response = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(observer))
    assert response.json()["can_write"] is False


async def test_only_the_owner_deletes_a_room(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    interviewer = await api.member_of(ann, room["id"], "interviewer")
    refused = await api.http.delete(f"/api/rooms/{room['id']}", headers=api.auth(interviewer))
    deleted = await api.http.delete(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    gone = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(ann))
    assert (refused.status_code, deleted.status_code, gone.status_code) == (403, 204, 404)


async def test_a_member_can_leave_a_room(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    bob = await api.member_of(ann, room["id"], "candidate")
    response = await api.http.delete(
        f"/api/rooms/{room['id']}/members/{bob['user']['id']}", headers=api.auth(bob)
    )
    assert response.status_code == 204
    gone = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(bob))
    assert gone.status_code == 404


async def test_rights_changes_notify_live_listeners(api: Api, app: FastAPI) -> None:
    runtime: Runtime = app.state.services.runtime
    notified: list[uuid.UUID] = []

    async def listener(room_id: uuid.UUID) -> None:
        notified.append(room_id)

    runtime.rights_listeners.append(listener)
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    await api.http.post(f"/api/rooms/{room['id']}/end", headers=api.auth(ann))
    assert notified == [uuid.UUID(room["id"])]


async def test_room_history_is_logged_with_consecutive_sequence_numbers(
    api: Api, app: FastAPI
) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    bob = await api.member_of(ann, room["id"], "candidate")
    await api.http.patch(
        f"/api/rooms/{room['id']}/members/{bob['user']['id']}",
        json={"role": "observer"},
        headers=api.auth(ann),
    )
    await api.http.post(f"/api/rooms/{room['id']}/end", headers=api.auth(ann))
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        events = (
            (
                await session.execute(
                    select(SessionEvent)
                    .where(SessionEvent.room_id == uuid.UUID(room["id"]))
                    .order_by(SessionEvent.seq)
                )
            )
            .scalars()
            .all()
        )
    assert [event.type for event in events] == [
        "session.started",
        "member.joined",
        "doc.update",
        "member.joined",
        "member.role_changed",
        "session.ended",
    ]
    assert [event.seq for event in events] == [1, 2, 3, 4, 5, 6]


async def test_interview_flow_signup_to_read_only_candidate(api: Api) -> None:
    """Signup → login → room → invite → candidate joins → end → candidate may no longer write."""
    await api.signup("ann", password="interviewer pass")
    login = await api.http.post(
        "/api/auth/login", json={"email": "ann@example.com", "password": "interviewer pass"}
    )
    ann = login.json()
    room = await api.create_room(ann, "Final round")
    invite = await api.invite(ann, room["id"], "candidate")
    cat = await api.signup("cat")
    joined = await api.join(cat, invite["token"])
    assert joined.json()["my_role"] == "candidate"
    assert joined.json()["can_write"] is True

    await api.http.post(f"/api/rooms/{room['id']}/end", headers=api.auth(ann))

    after = await api.http.get(f"/api/rooms/{room['id']}", headers=api.auth(cat))
    assert after.json()["status"] == "ended"
    assert after.json()["can_write"] is False
