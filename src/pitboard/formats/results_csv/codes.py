"""The words the results CSV accepts for statuses and yes/no, in one table each."""

from __future__ import annotations

from pitboard.domain import FinishStatus

# `pos` may hold a status instead of a place; record books write some of these several ways.
STATUS_WORDS: dict[str, FinishStatus] = {
    "NC": FinishStatus.NC,
    "DNF": FinishStatus.DNF,
    "RET": FinishStatus.DNF,  # "Ret" in record-book tables
    "DNS": FinishStatus.DNS,
    "DSQ": FinishStatus.DSQ,
    "DQ": FinishStatus.DSQ,
    "EXC": FinishStatus.EXC,
    "EX": FinishStatus.EXC,
}

YES_WORDS = {"yes", "y", "true", "1", "x"}
NO_WORDS = {"no", "n", "false", "0", ""}

# Qualifying: a time the stewards took away.
DISALLOWED_WORDS = {"disallowed", "deleted", "dsq", "excluded"}
