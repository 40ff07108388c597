"""Argon2id password hashing (argon2-cffi), off the event loop, with rehash on parameter change."""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from codecollab.config import Settings


@dataclass(frozen=True)
class Verification:
    valid: bool
    new_hash: str | None = None  # set when the stored hash used outdated parameters


class PasswordService:
    def __init__(self, hasher: PasswordHasher) -> None:
        self._hasher = hasher
        # Verified against when an account does not exist, so timing does not reveal it.
        self._dummy_hash = hasher.hash("no such account")

    @classmethod
    def from_settings(cls, settings: Settings) -> PasswordService:
        return cls(
            PasswordHasher(
                time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_cost_kib
            )
        )

    async def hash(self, password: str) -> str:
        return await anyio.to_thread.run_sync(self._hasher.hash, password)

    async def verify(self, stored_hash: str | None, password: str) -> Verification:
        return await anyio.to_thread.run_sync(self._verify, stored_hash, password)

    def _verify(self, stored_hash: str | None, password: str) -> Verification:
        try:
            self._hasher.verify(stored_hash or self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return Verification(valid=False)
        if stored_hash is None:
            return Verification(valid=False)
        if self._hasher.check_needs_rehash(stored_hash):
            return Verification(valid=True, new_hash=self._hasher.hash(password))
        return Verification(valid=True)
