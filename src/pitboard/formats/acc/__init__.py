"""Assetto Corsa Competizione server results (JSON)."""

from pitboard.formats.acc.reader import SOURCE_FORMAT, parse_acc, read_acc, sniff_acc
from pitboard.formats.timing_registry import TimingFormat, register

register(TimingFormat(name=SOURCE_FORMAT, sniff=sniff_acc, read=read_acc))

__all__ = ["parse_acc", "read_acc", "sniff_acc"]
