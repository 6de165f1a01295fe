"""One person under every spelling the sources give: timing systems write family names in
capitals ("Kamui KOBAYASHI"), record books drop accents ("Sebastien Buemi"), people type extra
spaces. Two spellings with the same `person_key` are the same person; `preferred` chooses how to
show them, and `family_name` how to sort them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Words after a family name that are not part of it.
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_NOT_LETTERS = re.compile(r"[^\w]+")


def _plain(text: str) -> str:
    """Lower case, accents off: `José` -> `jose`."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def person_key(name: str) -> str:
    """The spelling-free form of a name: case, accents, dots and spacing ignored
    ("Kamui KOBAYASHI", "kamui  kobayashi" and "Kámui Kobayashi" are one key)."""
    return " ".join(_NOT_LETTERS.sub(" ", _plain(name)).split())


def _shouted(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def preferred(spellings: Iterable[str]) -> str:
    """How to show a person known by several spellings: one written in ordinary case before one
    with a word in capitals, then the one with the most accented letters, then the first."""
    names = [" ".join(s.split()) for s in spellings if s.strip()]
    if not names:
        return ""

    def rank(item: tuple[int, str]) -> tuple[int, int, int]:
        index, name = item
        shouting = any(_shouted(w) for w in name.split()) and not _shouted(name.replace(" ", ""))
        accents = sum(1 for c in name if not c.isascii())
        return (1 if shouting else 0, -accents, index)

    return min(enumerate(names), key=rank)[1]


def family_name(name: str) -> str:
    """The name a person is sorted by: the words in capitals where the source marks the family
    name so ("Nyck DE VRIES" -> "DE VRIES"), else the last word that is not a suffix."""
    words = [w for w in name.split() if _plain(w).strip(".") not in SUFFIXES] or name.split()
    capitals = [w for w in words if _shouted(w)]
    if capitals and len(capitals) < len(words):
        return " ".join(capitals)
    return words[-1] if words else name


def sort_key(name: str) -> tuple[bool, str, str]:
    """Family name first, then the whole name, each without case or accents, numbers in
    numeric order; names that are not names ("Driver 10-1", "#7") after every person."""
    family = person_key(family_name(name))
    return (not family[:1].isalpha(), _numeric(family), _numeric(person_key(name)))


def _numeric(text: str) -> str:
    """Numbers padded so that 2 sorts before 10."""
    return re.sub(r"\d+", lambda m: m.group().zfill(9), text)
