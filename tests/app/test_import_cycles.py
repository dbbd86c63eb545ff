"""No import cycles inside `app/`: the modules form a tree of layers, read straight from the source.

Every `.py` file under `app/` is parsed with `ast` (nothing is imported or run) and every
import statement in it is read, wherever it stands: at the top, inside a function, under
`if TYPE_CHECKING:`. An import written inside a function to dodge a circle at load time is
still a circle in the design, and so is one needed only for type hints, so all of them count.
Only imports of `app` modules make edges; the standard library and third parties are left out.

How a statement names a module:

- `import app.services.people` is an edge to `app.services.people`.
- `from app.services import readiness` is an edge to the module `app.services.readiness` when
  that file exists, otherwise to the package `app.services` (its `__init__.py`), which is
  where a name such as `from app.model import Person` is found.
- Relative imports (`from . import x`, `from ..model import Person`) are resolved against the
  importing module's package first, then read the same way.

Packages and their `__init__`: Python runs a package's `__init__.py` before any module in it,
so strictly every module depends on its parent packages. Those implicit edges are *not* drawn:
a package whose `__init__` re-exports its modules would otherwise be "a cycle" with each of
them, which says nothing about the design. An explicit import of a package's `__init__` is
drawn like any other edge, including one from a module inside that package (`from app.model
import Base` written in `app/model/goal.py`). That one is a real circle when the `__init__`
imports the module back: the module then reads a half-built package and works only while the
`__init__` happens to import the names it needs first (a sorted import list can break it).
Such a module imports from the module that defines the name instead.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "app"


@dataclass(frozen=True)
class Edge:
    """One import statement: `source` imports `target`, at `line` of the source's file."""

    source: str
    target: str
    line: int


def module_name(path: Path, root: Path) -> str:
    """`app/services/people.py` -> `app.services.people`; `app/model/__init__.py` -> `app.model`."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def find_modules(root: Path, package: str = PACKAGE) -> dict[str, Path]:
    """Every module and package under `root/package`, by dotted name."""
    return {
        module_name(path, root): path
        for path in sorted((root / package).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def _base_package(importer: str, is_package: bool, level: int) -> str:
    """The package a relative import with `level` dots starts from."""
    parts = importer.split(".")
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts)


def _in_app(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def imports_of(
    importer: str,
    tree: ast.AST,
    modules: Iterable[str],
    is_package: bool = False,
    package: str = PACKAGE,
) -> list[Edge]:
    """The app-internal imports one module makes, resolved to module names (see the docstring)."""
    known = set(modules)
    found: list[Edge] = []

    def nearest_known(name: str) -> str | None:
        # `import app.model.person` names a module; a name that is no file (a typo, or a
        # class in `from x import y` handled below) falls back to its nearest package.
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _in_app(alias.name, package):
                    target = nearest_known(alias.name)
                    if target is not None:
                        found.append(Edge(importer, target, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _base_package(importer, is_package, node.level)
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            if not _in_app(source, package):
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                target = submodule if submodule in known else nearest_known(source)
                if target is not None:
                    found.append(Edge(importer, target, node.lineno))
    return found


def import_graph(
    root: Path = ROOT, package: str = PACKAGE
) -> tuple[dict[str, set[str]], list[Edge]]:
    """Which app modules each app module imports, and every import statement behind that."""
    modules = find_modules(root, package)
    edges: list[Edge] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges += imports_of(name, tree, modules, path.name == "__init__.py", package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for edge in edges:
        graph[edge.source].add(edge.target)
    return graph, edges


def _adjacency(graph: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    edges = {node: sorted(set(targets)) for node, targets in graph.items()}
    for targets in list(edges.values()):
        for target in targets:
            edges.setdefault(target, [])
    return edges


def circular_groups(graph: Mapping[str, Iterable[str]]) -> list[set[str]]:
    """The groups of modules that import each other round in a circle: the strongly connected
    components with more than one module, and any module that imports itself."""
    edges = _adjacency(graph)
    # Tarjan's algorithm, iterative so that a deep chain of imports cannot hit the recursion limit.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, i = work[-1]
            if i < len(edges[node]):
                work[-1] = (node, i + 1)
                target = edges[node][i]
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in edges[node]:
                    groups.append(group)
    return sorted(groups, key=min)


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One circle per circular group (see `circular_groups`), in import order, from the group's
    first name back to it: `["a", "b", "a"]`. An empty list means no cycles."""
    edges = _adjacency(graph)
    return [_circle_through(group, edges) for group in circular_groups(graph)]


def _circle_through(group: set[str], edges: Mapping[str, list[str]]) -> list[str]:
    """One shortest circle from the group's first module back to itself, inside the group."""
    first = min(group)
    came_from: dict[str, str] = {}
    frontier = [first]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for target in edges[node]:
                if target == first:
                    circle = [node]
                    while circle[-1] != first:
                        circle.append(came_from[circle[-1]])
                    return [*reversed(circle), first]
                if target in group and target not in came_from and target != first:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"no circle in {sorted(group)}")  # pragma: no cover - Tarjan said so


def describe(
    group: set[str], graph: Mapping[str, Iterable[str]], edges: Iterable[Edge], root: Path = ROOT
) -> str:
    """The modules of one circular group, one circle through them, and where each step of that
    circle is imported (file and line), so the message says which line to change."""
    circle = _circle_through(group, _adjacency(graph))
    lines_of: dict[tuple[str, str], set[int]] = {}
    for edge in edges:
        lines_of.setdefault((edge.source, edge.target), set()).add(edge.line)
    modules = find_modules(root)
    text = [f"{len(group)} modules import each other: {', '.join(sorted(group))}"]
    text.append("  for example " + " -> ".join(circle))
    for source, target in itertools.pairwise(circle):
        path = modules[source].relative_to(root).as_posix() if source in modules else source
        at = ", ".join(str(n) for n in sorted(lines_of.get((source, target), set())))
        text.append(f"    {path}:{at} imports {target}")
    return "\n".join(text)


# ----------------------------------------------------------------------------- the real code


def test_app_has_no_import_cycles() -> None:
    graph, edges = import_graph()
    groups = circular_groups(graph)
    assert not groups, "Import cycles inside app/:\n" + "\n".join(
        describe(group, graph, edges) for group in groups
    )


def test_the_graph_sees_the_app() -> None:
    graph, edges = import_graph()
    assert len(graph) > 40
    assert "app.services.people" in graph
    # A package's own modules, reached through `from package import module`.
    assert "app.services.readiness" in graph["app.services.people"]
    # Imports inside functions count (the catalogue loads each document only when printing).
    assert "app.printouts.agreement" in graph["app.printouts.catalogue"]
    # `import app.model` (in the migrations) names the package, its `__init__`.
    assert "app.model" in graph["app.storage.migrations.env"]
    assert all(edge.target.startswith("app") for edge in edges)


# ----------------------------------------------------------------------------- the finder itself


def test_finder_names_a_two_module_circle() -> None:
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": set()}
    assert find_cycles(graph) == [["a", "b", "a"]]


def test_finder_names_a_longer_circle_and_a_self_import() -> None:
    graph = {
        "p": {"q"},
        "q": {"r"},
        "r": {"p", "s"},
        "s": {"s"},
        "t": {"p"},
    }
    assert find_cycles(graph) == [["p", "q", "r", "p"], ["s", "s"]]


def test_finder_passes_a_tree_and_a_diamond() -> None:
    assert find_cycles({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}) == []
    assert find_cycles({}) == []


def test_finder_handles_a_deep_chain() -> None:
    chain = {f"m{n}": {f"m{n + 1}"} for n in range(5000)}
    assert find_cycles(chain) == []
    chain["m5000"] = {"m0"}
    (circle,) = find_cycles(chain)
    assert len(circle) == 5002


def _edges_of(source: str, importer: str, modules: set[str], is_package: bool = False) -> set[str]:
    return {e.target for e in imports_of(importer, ast.parse(source), modules, is_package)}


MODULES = {
    "app",
    "app.i18n",
    "app.model",
    "app.model.base",
    "app.model.person",
    "app.services",
    "app.services.people",
    "app.services.readiness",
    "app.services.screening",
}


def test_reading_every_kind_of_import() -> None:
    source = """
import os
import app.i18n
import app.model.person as person
from sqlalchemy import select
from app.services import readiness
from app.model import Person, Participant
from .screening import pvg_renewals
from .. import i18n
from ..model.base import Base

def later():
    from app.services.screening import pvg_renewals
"""
    assert _edges_of(source, "app.services.people", MODULES) == {
        "app.i18n",
        "app.model.person",
        "app.services.readiness",  # a module, so not the package
        "app.model",  # names from the package's __init__
        "app.services.screening",  # relative, and inside a function
        "app.model.base",
    }


def test_relative_imports_inside_a_package_init() -> None:
    source = "from . import people\nfrom .readiness import Gap\nfrom .. import i18n\n"
    assert _edges_of(source, "app.services", MODULES, is_package=True) == {
        "app.services.people",
        "app.services.readiness",
        "app.i18n",
    }


def test_a_module_importing_its_own_package_init_is_a_circle() -> None:
    modules = {"app", "app.model", "app.model.base", "app.model.person"}
    package_init = "from app.model.base import Base\nfrom app.model.person import Person\n"
    person = "from app.model import Base\n"
    graph = {
        "app.model": _edges_of(package_init, "app.model", modules, is_package=True),
        "app.model.person": _edges_of(person, "app.model.person", modules),
    }
    assert find_cycles(graph) == [["app.model", "app.model.person", "app.model"]]
    # Importing from the defining module instead: no circle, and none drawn to the parent.
    graph["app.model.person"] = _edges_of(
        "from app.model.base import Base\n", "app.model.person", modules
    )
    assert find_cycles(graph) == []


def test_a_circle_written_on_disk_fails_with_the_lines_to_change(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/services/__init__.py": '"""Only a docstring."""\n',
        "app/services/people.py": (
            "from app.services import lookups\n\n\ndef reminders():\n"
            "    from app.services.screening import pvg_renewals\n"
        ),
        "app/services/screening.py": "from .people import get_person\n",
        "app/services/lookups.py": "from app.model import Person\n",
        "app/model/__init__.py": "from app.model.person import Person\n",
        "app/model/person.py": "import os\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph, edges = import_graph(tmp_path)
    groups = circular_groups(graph)
    assert groups == [{"app.services.people", "app.services.screening"}]
    assert describe(groups[0], graph, edges, tmp_path).splitlines() == [
        "2 modules import each other: app.services.people, app.services.screening",
        "  for example app.services.people -> app.services.screening -> app.services.people",
        "    app/services/people.py:5 imports app.services.screening",
        "    app/services/screening.py:1 imports app.services.people",
    ]
