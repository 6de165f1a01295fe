"""The base every domain record shares: immutable, strict about unknown fields."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """An immutable domain record; unknown fields are a programming error, not data."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)
