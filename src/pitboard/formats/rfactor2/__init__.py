"""rFactor 2 / Le Mans Ultimate results (XML)."""

from pitboard.formats.rfactor2.reader import (
    SOURCE_FORMAT,
    parse_rfactor2,
    parse_rfactor2_sessions,
    read_rfactor2,
    read_rfactor2_sessions,
    sniff_rfactor2,
)
from pitboard.formats.timing_registry import TimingFormat, register

register(TimingFormat(name=SOURCE_FORMAT, sniff=sniff_rfactor2, read=read_rfactor2))

__all__ = [
    "parse_rfactor2",
    "parse_rfactor2_sessions",
    "read_rfactor2",
    "read_rfactor2_sessions",
    "sniff_rfactor2",
]
