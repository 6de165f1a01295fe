"""The layers import only downwards: every `pitboard` import of every module, type-only imports
and imports inside functions included, is held against the layer table of docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pitboard"

# Which layers each layer may import (its own always).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "rules": {"domain"},
    "engine": {"domain", "rules"},
    "formats": {"domain"},
    "output": {"domain", "rules", "engine"},
    "ingest": {"domain", "rules", "engine", "formats"},
    "store": {"domain", "rules"},
    "office": {"domain", "rules", "engine", "formats", "ingest", "store"},
    "web": {"domain", "rules", "engine", "formats", "output", "ingest", "store", "office"},
    "cli": {"domain", "rules", "engine", "formats", "output", "ingest", "store", "office",
            "web"},
    "__main__": {"cli"},
    "__init__": set(),
}


def _layer(module: str) -> str:
    """`pitboard.engine.points` -> `engine`; a top-level module is its own layer."""
    return module.split(".")[1] if module.count(".") else module


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("pitboard.")]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def _breaches() -> list[str]:
    breaches = []
    for path in _modules():
        layer = _module_layer(path)
        allowed = ALLOWED[layer] | {layer}
        for line, name in _imports(path):
            target = _layer(name)
            if target not in allowed:
                breaches.append(f"{path.relative_to(PACKAGE)}:{line}: {layer} imports {name}")
            if layer == "cli" and target == "web" and name != "pitboard.web.server":
                breaches.append(f"{path.relative_to(PACKAGE)}:{line}: the CLI only starts the "
                                f"web app, but imports {name}")
            if path.parent.name == "web" and path.stem != "api" and name == "pitboard.web.api":
                breaches.append(f"{path.relative_to(PACKAGE)}:{line}: a page imports the API")
    return breaches


def test_every_module_belongs_to_a_layer() -> None:
    assert {_module_layer(p) for p in _modules()} <= set(ALLOWED)


def test_no_layer_imports_one_above_it() -> None:
    assert _breaches() == []


@pytest.mark.parametrize("forbidden", [("domain", "pitboard.engine.points"),
                                       ("store", "pitboard.ingest.imports"),
                                       ("formats", "pitboard.rules")])
def test_the_check_sees_a_breach(forbidden: tuple[str, str], tmp_path: Path) -> None:
    """The table is read as meant: an import a layer may not make is refused by it."""
    layer, name = forbidden
    assert _layer(name) not in ALLOWED[layer] | {layer}
