"""A real SMTP server for tests (aiosmtpd on a local port) and what it received."""

from __future__ import annotations

import queue
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

MAIL_WAIT_S = 30
"""How long to wait for an e-mail the server is sending (a bound, not an assertion)."""


class Inbox:
    """What the SMTP server received, in order."""

    def __init__(self) -> None:
        self.messages: queue.Queue[EmailMessage] = queue.Queue()

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.put(message)
        return "250 OK"

    def next(self) -> EmailMessage:
        return self.messages.get(timeout=MAIL_WAIT_S)

    def next_link(self, to: str) -> str:
        """The reset link in the next e-mail, which must be addressed to `to`."""
        message = self.next()
        assert message["To"] == to
        body = message.get_content()
        return next(word for word in body.split() if "/reset-password?token=" in word)


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """An SMTP server on a free local port: its inbox and the port."""
    inbox = Inbox()
    # aiosmtpd's controller connects to its port to see it is up, so it needs a real number.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
