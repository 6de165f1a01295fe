"""Cell markup to plain text: flags, links, line breaks, the pole mark, bold.

Record books put a flag before every person and team: `{{flagicon|JPN}} Name` in wikitext,
and just `JPN Name` once the page is flattened to text. Both are read as (nationality, name).
"""

from __future__ import annotations

import re

from pitboard.domain import to_iso_alpha3
from pitboard.domain.recordbook import FLAG_TEMPLATES, POLE_MARK

_FLAG = re.compile(
    r"\{\{\s*(?:" + "|".join(FLAG_TEMPLATES) + r")\s*\|\s*([A-Za-z]{2,3})\s*(?:\|[^}]*)?\}\}",
    re.IGNORECASE,
)
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
_REF = re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_POLE = re.compile(r"<sup>\s*" + POLE_MARK + r"\s*</sup>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_TEMPLATE = re.compile(r"\{\{[^}]*\}\}")
_CODE_WORD = re.compile(r"^[A-Z]{3}$")
FLAG_MARK = "\x00"  # stands where a flag template stood, followed by its code


def country_code(word: str) -> str | None:
    """ISO alpha-3 for a three-letter ISO or IOC code, None for any other word."""
    if not _CODE_WORD.match(word):
        return None
    try:
        return to_iso_alpha3(word)
    except ValueError:
        return None


def plain(text: str) -> str:
    """Cell text without markup; flag templates become FLAG_MARK + code."""
    text = _REF.sub("", text)
    text = _FLAG.sub(lambda m: f" {FLAG_MARK}{m.group(1).upper()} ", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _BREAK.sub("\n", text)
    text = _POLE.sub("", text)
    text = _TAG.sub("", text)
    text = _TEMPLATE.sub("", text)
    text = text.replace("'''", "").replace("''", "")
    return "\n".join(" ".join(part.split()) for part in text.splitlines()).strip()


def has_pole_mark(text: str) -> bool:
    """A superscript P, or a bold figure: the two ways record books mark a pole."""
    stripped = _REF.sub("", text).strip()
    return bool(_POLE.search(stripped)) or (stripped.startswith("'''") and
                                           stripped.endswith("'''") and len(stripped) > 6)


def flagged_names(text: str) -> list[tuple[str | None, str]]:
    """(nationality, name) for each flagged name of a cell.

    With flag templates, a template starts each name. Without them (flattened text), a word
    that is a three-letter country code followed by more words starts one; line breaks also
    separate names.
    """
    cleaned = plain(text)
    found: list[tuple[str | None, str]] = []
    for part in cleaned.split("\n"):
        words = part.split()
        nationality: str | None = None
        name: list[str] = []
        for index, word in enumerate(words):
            code = None
            if word.startswith(FLAG_MARK):
                code = country_code(word[1:]) or word[1:]
            elif FLAG_MARK not in cleaned and index < len(words) - 1:
                code = country_code(word)
            if code is not None:
                if name:
                    found.append((nationality, " ".join(name)))
                nationality, name = code, []
            else:
                name.append(word)
        if name:
            found.append((nationality, " ".join(name)))
    return found
