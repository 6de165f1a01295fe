"""What the site's pages and the API share: finding a stored season and its rounds, and
saying plainly when there is none."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from pitboard.domain import Round
from pitboard.domain.published import SeriesHistory
from pitboard.office import Records, SeasonView


class NotFoundError(Exception):
    """Nothing at this address: a 404 page, or a 404 JSON answer under /api/."""

    def __init__(self, what: str) -> None:
        self.what = what


def store_of(request: Request) -> Records:
    store: Records = request.app.state.store
    return store


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A slice of a long list, with the total so a client knows how many pages there are."""
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}


def season_view(store: Records, series: str, season: str) -> SeasonView:
    view = store.view(f"{series}/{season}")
    if view is None:
        raise NotFoundError(f"season {series}/{season}")
    return view


def series_views(store: Records, series: str) -> list[SeasonView]:
    """Every stored season of a series, oldest first; none stored is a 404."""
    views = [v for v in store.views() if v.season.series.id == series]
    if not views:
        raise NotFoundError(f"series {series}")
    return sorted(views, key=lambda v: v.season.name)


def series_history(store: Records, series: str) -> SeriesHistory:
    """A stored series with its history (none kept: its name and no events)."""
    history = store.history(series)
    if history is None:
        raise NotFoundError(f"series {series}")
    return history


def find_round(view: SeasonView, ref: str) -> Round:
    found = view.season.round_by_ref(ref)
    if found is not None:
        return found
    raise NotFoundError(f"round {ref} of {view.season.id}")
