"""What a new password must be (NIST SP 800-63B §5.1.1.2): long enough, not blank, not common.

No composition rules (digits, symbols) and no expiry: length and a list of passwords attackers
try first do more. The list is Django's 20,000 common passwords, shipped as package data
(data/COMMON-PASSWORDS-LICENSE); it is compared lower-cased and stripped, as Django does.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

MIN_LENGTH = 10
MAX_LENGTH = 256
COMMON_PASSWORDS = "common-passwords.txt.gz"


class WeakPassword(ValueError):
    """The message tells the user what to change."""


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    data = resources.files("codecollab.auth").joinpath("data", COMMON_PASSWORDS).read_bytes()
    return frozenset(line.strip() for line in gzip.decompress(data).decode().splitlines())


def check_password(password: str, *, email: str | None = None) -> None:
    """Raise WeakPassword unless `password` may be set (for the account `email`, if known)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"use at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"use at most {MAX_LENGTH} characters")
    if not password.strip():
        raise WeakPassword("a password cannot be only spaces")
    folded = password.strip().lower()
    if folded in common_passwords():
        raise WeakPassword("this password is too common; choose one that is harder to guess")
    if email and folded in {email.strip().lower(), email.strip().lower().split("@")[0]}:
        raise WeakPassword("a password cannot be the e-mail address")
