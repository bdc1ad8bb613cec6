"""The shape of the code stays as CONTRIBUTING.md describes it: small modules, short
functions, no import cycles, no private names borrowed across modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "leadaudit"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"), str(MODULES[name]))


def _under_type_checking(tree: ast.Module) -> set[int]:
    """Ids of the import nodes inside ``if TYPE_CHECKING:`` blocks (never run)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                for sub in ast.walk(inner):
                    skipped.add(id(sub))
    return skipped


def _imports(name: str) -> Iterator[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import a module runs,
    at its top or inside a function; relative imports resolved."""
    tree = _tree(name)
    skipped = _under_type_checking(tree)
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            yield base, [alias.name for alias in node.names], node.lineno


def _edges(name: str) -> set[str]:
    """The leadaudit modules ``name`` imports (a submodule when a name is one)."""
    out: set[str] = set()
    for module, names, _ in _imports(name):
        if not module.startswith("leadaudit"):
            continue
        subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
        out.update(subs or ([module] if module in MODULES else []))
    out.discard(name)
    return out


def _cycles() -> list[list[str]]:
    graph = {name: sorted(_edges(name)) for name in MODULES}
    found: list[list[str]] = []
    state: dict[str, int] = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                found.append([*path[path.index(child) :], child])
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return found


def test_the_walk_sees_the_whole_package() -> None:
    assert {"leadaudit.cli", "leadaudit.importers.yaml", "leadaudit.framework.resolve"} <= set(
        MODULES
    )
    assert "leadaudit.importers.yaml" in _edges("leadaudit.orgchart.load") | {
        e for e in _edges("leadaudit.importers") if e.startswith("leadaudit.importers")
    } or "leadaudit.importers" in _edges("leadaudit.orgchart.load")


def test_no_import_cycle() -> None:
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = {"leadaudit.a": ["leadaudit.b"], "leadaudit.b": ["leadaudit.a"]}
    monkeypatch.setattr("tests.test_structure.MODULES", dict.fromkeys(fake, Path()))
    monkeypatch.setattr("tests.test_structure._edges", lambda name: set(fake[name]))
    assert _cycles() == [["leadaudit.a", "leadaudit.b", "leadaudit.a"]]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_size(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines; split it by job"


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


@pytest.mark.parametrize("name", sorted(MODULES))
def test_function_size(name: str) -> None:
    long = [
        f"{fn.name} ({(fn.end_lineno or fn.lineno) - fn.lineno + 1} lines)"
        for fn in _functions(_tree(name))
        if (fn.end_lineno or fn.lineno) - fn.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], f"{name}: split into named phases: {', '.join(long)}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_imported_from_another_module(name: str) -> None:
    borrowed = [
        f"{module}.{n} (line {line})"
        for module, names, line in _imports(name)
        if module.startswith("leadaudit")
        for n in names
        if n.startswith("_") and not n.startswith("__")
    ]
    assert borrowed == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_says_what_it_is_for(name: str) -> None:
    doc = ast.get_docstring(_tree(name))
    assert doc, f"{name} has no module docstring"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_public_function_and_class_has_a_docstring(name: str) -> None:
    tree = _tree(name)
    missing = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if not node.name.startswith("_") and not ast.get_docstring(node):
                missing.append(node.name)
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                missing += [
                    f"{node.name}.{item.name}"
                    for item in node.body
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and not item.name.startswith("_")
                    and not ast.get_docstring(item)
                ]
    assert missing == []
