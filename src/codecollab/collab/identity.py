"""Who a connection is, as other participants see it: name and a colour-blind-safe colour."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

# Okabe & Ito, "Color Universal Design" (2008): distinguishable under the common colour-vision
# deficiencies. Black is replaced by a mid grey so a cursor stays visible on dark themes.
PALETTE = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#999999",  # grey
)


def color_for(index: int) -> str:
    """The palette colour for a member's `Membership.color_index` (distinct for the first 8)."""
    return PALETTE[index % len(PALETTE)]


@dataclass(frozen=True, slots=True)
class Identity:
    user_id: uuid.UUID
    name: str
    color_index: int

    @property
    def color(self) -> str:
        return color_for(self.color_index)

    def awareness_user(self) -> dict[str, Any]:
        """The `user` field of an awareness state, as y-monaco / y-codemirror read it."""
        return {
            "id": str(self.user_id),
            "name": self.name,
            "color": self.color,
            "colorLight": self.color + "33",
        }
