"""Presence routes; the live-collaboration layer keeps UserPresence up to date."""

from fastapi import APIRouter

router = APIRouter(tags=["presence"])
