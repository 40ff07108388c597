"""Switching the language a room shows: each language keeps its own code.

The switch is the server's edit (`RoomDocuments.switch_language`): the code shown is saved under
its language in the state document's `Map "buffers"`, which no client can write, and the code
document's `Text "code"` and `meta.language` become the new language's saved code (or its
starter) in one transaction. The room's row follows, so room lists show the current language.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.errors import DomainError, Forbidden, Unprocessable
from codecollab.execution.languages import load_languages, template
from codecollab.flows.room_action import RoomAction
from codecollab.flows.room_documents import LanguageSwitch, RoomDocuments
from codecollab.problems.models import Problem
from codecollab.problems.service import initial_code
from codecollab.rooms import service as rooms
from codecollab.users.models import User

logger = logging.getLogger(__name__)


def starter_code(problem: Problem | None, language: str) -> str:
    """A language's first code in a room: the problem's starter, or the language's template in
    a room without a problem."""
    return template(language) if problem is None else initial_code(problem, language)


class RoomLanguages:
    def __init__(
        self,
        *,
        documents: RoomDocuments,
        action: RoomAction,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        self._documents = documents
        self._action = action
        self._sessionmaker = sessionmaker
        self._requested: set[asyncio.Task[None]] = set()

    def request_switch(self, room_id: uuid.UUID, actor_id: uuid.UUID, language: str) -> None:
        """A member set `meta.language` in the code document (the server set it back): make that
        switch for them, with the same rules as the endpoint; a refused one changes nothing."""
        task = asyncio.get_running_loop().create_task(self._switch_for(room_id, actor_id, language))
        self._requested.add(task)
        task.add_done_callback(self._requested.discard)

    async def _switch_for(self, room_id: uuid.UUID, actor_id: uuid.UUID, language: str) -> None:
        async with self._sessionmaker() as session:
            user = await session.get(User, actor_id)
        if user is None:
            return
        try:
            await self.switch(room_id=room_id, user=user, language=language)
        except DomainError as exc:
            logger.info("a client's language change in room %s was refused: %s", room_id, exc)

    async def switch(
        self, *, room_id: uuid.UUID, user: User, language: str
    ) -> tuple[rooms.MemberRoom, LanguageSwitch]:
        """Show the room's code in `language`: NotFound for a non-member, Forbidden for a member
        who may not edit, Unprocessable for a language the server does not define, Conflict
        while another switch of the room is going."""
        async with self._sessionmaker() as session:
            member_room = await rooms.get_member_room(session, room_id=room_id, user=user)
            problem = None
            if member_room.room.problem_id is not None:
                problem = await session.get(Problem, member_room.room.problem_id)
        if not member_room.can_write:
            raise Forbidden("only members who may edit the code can change its language")
        if language not in load_languages():
            raise Unprocessable(f"unknown language {language!r}")
        async with self._action.exclusive(room_id):
            switched = await self._documents.switch_language(
                room_id,
                language=language,
                starter=lambda shown: starter_code(problem, shown),
                actor_id=user.id,
            )
            async with self._sessionmaker() as session:
                await rooms.set_language(session, room_id=room_id, language=language)
                await session.commit()
                member_room = await rooms.get_member_room(session, room_id=room_id, user=user)
        return member_room, switched
