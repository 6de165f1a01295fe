"""A small element tree that keeps the line of every element, parsed safely with expat.

rFactor 2 writes `encoding="utf-8"` even when a name holds Latin-1 bytes, so the text is decoded
here (UTF-8, else Windows-1252) before expat sees it. No external entity is ever fetched, and an
entity declaration that is external or refers to other entities is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from pitboard.domain import InputError, Problem

_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


@dataclass
class Node:
    tag: str
    attrib: dict[str, str]
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)

    def find(self, tag: str) -> Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def findtext(self, tag: str) -> str | None:
        child = self.find(tag)
        return child.text.strip() if child is not None else None


def decode_xml(data: bytes, file: str) -> str:
    """The declared encoding if it is not UTF-8; else UTF-8, falling back to Windows-1252."""
    declared = _DECLARED_ENCODING.match(data)
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if encoding.replace("_", "-") not in {"utf-8", "utf8"}:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as err:
            raise InputError(
                [Problem(file, 1, "encoding", f"text in the declared {encoding}", str(err))]
            ) from None
    for fallback in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(fallback)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


def parse_xml(text: str, file: str) -> Node:
    parser = expat.ParserCreate()
    stack: list[Node] = []
    roots: list[Node] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        node = Node(tag, attrib, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].text += data

    def entity(
        name: str,
        _is_parameter: int,
        value: str | None,
        _base: str | None,
        system_id: str | None,
        public_id: str | None,
        _notation: str | None,
    ) -> None:
        if system_id is not None or public_id is not None or (value and "&" in value):
            where = parser.CurrentLineNumber
            expected = "no external or nested entity declarations"
            raise InputError([Problem(file, where, f"entity {name}", expected, "one")])

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(text, True)
    except expat.ExpatError as err:
        message = expat.errors.messages.get(err.code, str(err))
        raise InputError(
            [
                Problem(
                    file, err.lineno, "xml", "well-formed XML", f"{message} at column {err.offset}"
                )
            ]
        ) from None
    if not roots:
        raise InputError([Problem(file, 1, "xml", "an XML document", "no element")])
    return roots[0]
