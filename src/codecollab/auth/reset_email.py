"""The password reset e-mail, sent with the standard library's smtplib on a worker thread."""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage

from codecollab.auth.password_reset import ResetLink
from codecollab.config import Settings

logger = logging.getLogger(__name__)

SMTP_TIMEOUT_S = 30


def reset_message(settings: Settings, *, to: str, link: ResetLink) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = "Reset your CodeCollab password"
    message.set_content(
        "Someone (hopefully you) asked to reset the password of your CodeCollab account.\n\n"
        f"Set a new password here: {link.url}\n\n"
        f"The link works once, until {_when(link.expires_at)}. If you did not ask for it, "
        "ignore this e-mail: your password stays as it is.\n"
    )
    return message


def send_message(settings: Settings, message: EmailMessage) -> None:
    """Send through the configured SMTP server (blocking: run it on a thread)."""
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if settings.smtp_tls == "ssl":
        smtp = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S)
    with smtp:
        if settings.smtp_tls == "starttls":
            smtp.starttls(context=context)
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)


async def send_reset_email(settings: Settings, *, to: str, link: ResetLink) -> None:
    """E-mail the link; a failure is logged, never shown to the requester (who must not learn
    whether the account exists)."""
    try:
        await asyncio.to_thread(send_message, settings, reset_message(settings, to=to, link=link))
    except (OSError, smtplib.SMTPException):
        logger.exception("the password reset e-mail could not be sent")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
