"""iRacing results (JSON of /data/results/get)."""

from pitboard.formats.iracing.reader import (
    SOURCE_FORMAT,
    parse_iracing,
    parse_iracing_sessions,
    read_iracing,
    read_iracing_sessions,
    sniff_iracing,
)
from pitboard.formats.timing_registry import TimingFormat, register

register(TimingFormat(name=SOURCE_FORMAT, sniff=sniff_iracing, read=read_iracing))

__all__ = [
    "parse_iracing",
    "parse_iracing_sessions",
    "read_iracing",
    "read_iracing_sessions",
    "sniff_iracing",
]
