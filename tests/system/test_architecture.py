"""The import rules of docs/architecture.md: each layer imports only the layers below it.

The imports are read with `ast` (every `import` and `from ... import`, at any depth, including
the ones inside functions and under TYPE_CHECKING), so a lazy import cannot hide a step back up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "consolidator"

LEAF = {
    *("errors", "dates", "french", "normalize", "output", "resources"),
    *("dataclass_code", "dataclass_replay"),
}
"""Helpers that import nothing of ours but each other (output.py writes files whole; resources.py
finds the packaged data and the cache folder; dataclass_code.py keeps the dataclasses' compiled
methods, dataclass_replay.py what @dataclass did to each class)."""

ALLOWED: dict[str, set[str]] = {
    "leaf": set(),
    "model": {"leaf"},
    "corpus": {"model", "leaf"},
    "engine": {"corpus", "model", "leaf"},
    "query": {"engine", "corpus", "model", "leaf"},
    "render": {"query", "engine", "corpus", "model", "leaf"},
    "sources": {"query", "engine", "corpus", "model", "leaf"},
    "draft": {"sources", "query", "engine", "corpus", "model", "leaf"},
    "export": {"render", "query", "engine", "corpus", "model", "leaf"},
    "web": {"render", "query", "engine", "corpus", "model", "leaf"},
    "cli": {"commands", "leaf"},  # not the model: --help and a stored answer do without it
    "__main__": {"cli", "leaf"},  # dataclass_code, before the library is imported
}
"""For each unit, the units it may import (besides itself). A unit is a top-level module or
package of `consolidator`; the leaf helpers form one unit. A unit not listed here (a package
added later) may import anything below `commands`; the rules on `cli` and `commands` still hold."""


def _unit(module: str) -> str:
    """The unit of a dotted module name under consolidator: `consolidator.query.diff` → query."""
    parts = module.split(".")
    if parts[0] != "consolidator" or len(parts) < 2:
        return ""
    return "leaf" if parts[1] in LEAF else parts[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every consolidator module that `path` imports, resolved to absolute names."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            out.add(base)
            # `from consolidator import commands` imports the module `consolidator.commands`
            out.update(
                f"{base}.{a.name}"
                for a in node.names
                if base == "consolidator" and not a.name.startswith("__")  # __version__
            )
    return {m for m in out if m.startswith("consolidator.")}


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


GRAPH = _graph()


def _edges() -> list[tuple[str, str, str, str]]:
    """(importer, imported, unit of importer, unit of imported) for imports across units."""
    out = []
    for src, targets in GRAPH.items():
        for dst in targets:
            a, b = _unit(src), _unit(dst)
            if a != b and b:
                out.append((src, dst, a, b))
    return out


def test_the_graph_is_read() -> None:
    """The parser sees the imports it must see (so that the rules below can fail)."""
    assert "consolidator.commands" in GRAPH["consolidator.cli"]
    assert "consolidator.engine.replay" in GRAPH["consolidator.query.snapshot"]
    assert any(_unit(m) == "render" for m in GRAPH["consolidator.commands"])  # lazy imports too


@pytest.mark.parametrize("unit", sorted(ALLOWED))
def test_each_layer_imports_only_layers_below(unit: str) -> None:
    bad = [
        f"{src} imports {dst}"
        for src, dst, a, b in _edges()
        if a == unit and b not in ALLOWED[unit]
    ]
    assert not bad, "\n".join(bad)


def test_nothing_imports_cli() -> None:
    bad = [f"{s} imports {d}" for s, d, a, b in _edges() if b == "cli" and a != "__main__"]
    assert not bad, "\n".join(bad)


def test_commands_are_imported_by_cli_only() -> None:
    bad = [f"{s} imports {d}" for s, d, a, b in _edges() if b == "commands" and a != "cli"]
    assert not bad, "\n".join(bad)


def test_query_never_imports_render_and_engine_never_imports_query() -> None:
    """The two rules a reader relies on most, said once more in words."""
    edges = _edges()
    assert not [e for e in edges if e[2] == "query" and e[3] == "render"]
    assert not [e for e in edges if e[2] == "engine" and e[3] in ("query", "render")]


def test_every_unit_has_a_rule() -> None:
    """A new package gets its line in ALLOWED and in docs/architecture.md."""
    units = {_unit(m) for m in GRAPH} - {""}
    known = set(ALLOWED) | {"commands"}
    assert units <= known | _LATER, f"no import rule for {sorted(units - known)}"


_LATER = {"serve"}
"""Packages that other work adds; their rules are written when they land (see the docs)."""


OVERSIZE: set[str] = set()
"""Debt to split (none left: render/html.py and site_files were split by the build step).
Listed so that nothing else grows past the rule meanwhile."""


def test_modules_and_functions_stay_small() -> None:
    """House rule: modules under 400 lines, functions under 60 (OVERSIZE aside)."""
    big = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(PACKAGE))
        if len(source.splitlines()) >= 400 and rel not in OVERSIZE:
            big.append(f"{path.relative_to(PACKAGE)}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > 60 and f"{rel}:{node.name}" not in OVERSIZE:
                    big.append(
                        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}: {size} lines"
                    )
    assert not big, "\n".join(big)


TEST_FOLDERS = {"cli", "corpus", "engine", "query", "render", "export", "sources", "draft", "web"}
TEST_FOLDERS |= {"system", "hostile"}


def test_tests_mirror_the_package() -> None:
    """docs/architecture.md, Tests: every test file sits in the folder of its layer, none flat."""
    tests = PACKAGE.parent / "tests"
    assert sorted(p.name for p in tests.glob("test_*.py")) == []
    folders = {p.parent.relative_to(tests).parts[0] for p in tests.rglob("test_*.py")}
    assert folders == TEST_FOLDERS
    assert [p for p in tests.rglob("conftest.py") if p.parent != tests] == []
