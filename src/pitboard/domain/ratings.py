"""The FIA driver categorisation: a rating each driver holds for a season."""

from __future__ import annotations

from enum import StrEnum


class DriverRating(StrEnum):
    """FIA driver categories, highest first. Which of them count as 'amateur' is a rule."""

    PLATINUM = "Platinum"
    GOLD = "Gold"
    SILVER = "Silver"
    BRONZE = "Bronze"

    @classmethod
    def _missing_(cls, value: object) -> DriverRating | None:
        """Accept a rating's name in any case ("bronze", "BRONZE")."""
        text = str(value).strip().casefold()
        return next((rating for rating in cls if rating.value.casefold() == text), None)
