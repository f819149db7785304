"""No import circles in the package: no module imports, directly or through others, one that
imports it back. Imports inside functions count too: a deferred import hides a circle from the
interpreter, not from a reader."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sourcecheck"
Graph = dict[str, set[str]]  # module -> the package's modules it imports


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that the file imports, at any depth of its code."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from pkg import name`: the submodule pkg.name when there is one, else pkg itself
            found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names)
    return {m for m in found if m in modules and m != name}


def import_graph() -> Graph:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(path): imported_modules(path, modules) for path in paths}


def import_circles(graph: Graph) -> list[list[str]]:
    """Every circle of imports, each as [a, b, ..., a] where each module imports the next: graphlib
    finds one, its first import is set aside, and the search goes on until none is left."""
    graph = {module: set(imports) for module, imports in graph.items()}
    circles = []
    while True:
        try:
            TopologicalSorter(graph).prepare()
        except CycleError as exc:
            circle = list(reversed(exc.args[1]))  # graphlib lists each module before the one importing it
            circles.append(circle)
            graph[circle[0]].discard(circle[1])
        else:
            return circles


def test_the_graph_sees_imports_at_every_depth_and_of_every_form():
    graph = import_graph()
    assert "sourcecheck.libraries" in graph["sourcecheck.cli"]  # from .libraries import ...
    assert "sourcecheck.web" in graph["sourcecheck.cli"]  # inside serve()
    assert "sourcecheck.kernels" in graph["sourcecheck.grams"]  # from . import kernels, inside a function
    assert "sourcecheck" in graph["sourcecheck.web"]  # from . import __version__


def test_a_circle_is_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    (circle,) = import_circles(graph)
    assert circle[0] == circle[-1] and sorted(circle[1:]) == ["a", "b", "c"]
    assert all(circle[i + 1] in graph[circle[i]] for i in range(3))  # each imports the next


def test_no_module_imports_one_that_imports_it_back():
    circles = import_circles(import_graph())
    assert not circles, "import circles: " + "; ".join(" imports ".join(circle) for circle in circles)
