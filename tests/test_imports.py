"""The import graph of the installed package: no cycle between modules, and no backend library
(pyoxigraph, rdflib's SPARQL store, a backend module) imported outside newsgraph.graph.store.

Every import in a module counts, also the ones inside functions: a lazy import hides a cycle
from Python, not from the next reader.
"""
from __future__ import annotations

import ast
import configparser
import functools
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STORE_PACKAGE = "newsgraph.graph.store"
BACKEND_MODULES = ("pyoxigraph", "rdflib.plugins.stores", "newsgraph.graph.store.oxigraph_store",
                   "newsgraph.graph.store.remote_store")


def modules() -> dict[str, str]:
    """module name -> source path, for every module of every package setup.cfg installs (found
    where the installation put them: the folders are mapped, the names are not the paths)."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    found = {}
    for package in cfg["options"]["packages"].split():
        spec = importlib.util.find_spec(package)
        found[package] = spec.origin
        for folder in spec.submodule_search_locations:
            for source in Path(folder).glob("*.py"):
                if source.name != "__init__.py":
                    found[f"{package}.{source.stem}"] = str(source)
    return found


def _executed(tree: ast.AST):
    """The nodes that can run: `if TYPE_CHECKING:` bodies are for type checkers only."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_executed(child)])
            continue
        yield node
        yield from _executed(node)


def imports_of(name: str, path: str, known: dict[str, str]) -> set[str]:
    """The absolute module names `name` imports (a `from X import y` names X.y when y is a module)."""
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _executed(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            subs = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known]
            out.update(subs)
            if len(subs) < len(node.names):
                out.add(target)
    out.discard(name)
    return out


@functools.lru_cache(maxsize=1)
def graph() -> dict[str, set[str]]:
    """module -> the newsgraph and outside modules it imports (computed once per run)."""
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle among the newsgraph modules, as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in edges:
                continue  # outside the package
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_the_walk_sees_the_whole_package():
    edges = graph()
    assert {"newsgraph.cli", "newsgraph.endpoint.worker", "newsgraph.graph.store.base",
            "newsgraph.graph.store.oxigraph_store"} <= set(edges)
    assert "newsgraph.graph.store.base" in edges["newsgraph.graph.store.oxigraph_store"]


def test_find_cycle_finds_one_when_there_is_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_backend_import_outside_the_store_package():
    offenders = sorted(f"{name} imports {target}" for name, targets in graph().items()
                       if not (name == STORE_PACKAGE or name.startswith(STORE_PACKAGE + "."))
                       for target in targets
                       if any(target == b or target.startswith(b + ".") for b in BACKEND_MODULES))
    assert not offenders, "\n".join(offenders)
