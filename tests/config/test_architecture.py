"""Dependencies run one way, and the pure domain stays free of Django.

ARCHITECTURE.md draws the layers; this test holds them. It reads the source
with `ast` (nothing is imported), so it is fast and needs no database.

- An app imports only from its own layer or the layers below it. Apps that
  are not in this checkout (they are built on other branches) are skipped.
- `config` is the project (settings, urls, the home page) and may import any
  app, except the modules in SHARED: small infrastructure that apps import,
  which therefore sits below every app and imports none.
- No two modules import each other, directly or round a longer loop.
  Imports inside functions count: deferring an import hides a cycle from
  Python, not from the design. Imports under `if TYPE_CHECKING:` do not count
  (they never run).
- The pure domain packages import nothing from Django, directly or through
  any module of ours they import.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Bottom to top. Apps within one layer may import each other (the cycle check
# still forbids a loop between them).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("countries",),  # reference data; the level vocabulary and facts
    ("agreements",),  # the register, and (for now) users, units and roles
    ("valueregister", "incidents", "competence"),  # institution apps
    ("screening",),  # questionnaire, scoring, reviews, reports
    ("caselibrary", "guidelines"),
    ("config", "tools"),  # the project; development-only tools
)
# Infrastructure in config that apps import: below every app, imports no app.
SHARED = frozenset(
    {"config.keys", "config.queueing", "config.fragments", "config.cache"}
)
# Imports that still point the wrong way, each with why it is allowed for now.
# Nothing may be added here; the list only shrinks.
KNOWN: dict[tuple[str, str], str] = {}
# The development-only app (benchmark, demo seeding): production settings do
# not install it, so no product module may import it.
TOOLS = ("tools",)
PURE = (
    "countries.levels",
    "countries.facts",
    "countries.flags",
    "countries.tiers",
    "agreements.roles",
    "agreements.matching",
    "screening.questionnaire",
    "screening.scoring",
    "screening.conditions",
    "screening.decision_rules",
)
APPS = {app: rank for rank, layer in enumerate(LAYERS) for app in layer}


@dataclass(frozen=True)
class Import:
    target: str  # a module of ours, or the top-level name of a library
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        if (ROOT / app).is_dir():
            for path in (ROOT / app).rglob("*.py"):
                found[_module_name(path)] = path
    return found


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of import nodes under `if TYPE_CHECKING:`."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skipped


@cache
def imports(module: str) -> tuple[Import, ...]:
    path = modules()[module]
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skipped = _type_checking_only(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [Import(_ours(a.name), node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                whole = f"{base}.{alias.name}"
                found.append(
                    Import(_ours(whole if whole in modules() else base), node.lineno)
                )
    return tuple(found)


def _ours(name: str) -> str:
    """The module of ours a dotted name is (or lies in); else the library."""
    while name and name not in modules():
        if name.partition(".")[0] not in APPS:
            return name.partition(".")[0]
        name = name.rpartition(".")[0]
    return name


def _app(module: str) -> str:
    return module.partition(".")[0]


def _is_tool(module: str) -> bool:
    return any(module == t or module.startswith(t + ".") for t in TOOLS)


def _allowed(source: str, target: str) -> bool:
    if _app(target) not in APPS:
        return True  # a library
    if source in SHARED:
        return target in SHARED
    if target in SHARED:
        return True
    if _is_tool(target):
        return _is_tool(source)
    if _is_tool(source) or _app(source) == _app(target):
        return True
    return APPS[_app(target)] <= APPS[_app(source)]


def test_every_import_points_down_a_layer():
    wrong = sorted(
        {
            f"{source}:{imp.line} imports {imp.target}"
            for source in sorted(modules())
            for imp in imports(source)
            if not _allowed(source, imp.target) and (source, imp.target) not in KNOWN
        }
    )
    assert not wrong, "imports against the layers (ARCHITECTURE.md):\n" + "\n".join(
        wrong
    )


def test_the_known_exceptions_still_exist():
    """An exception that was fixed is taken off the list, so it cannot return
    (one whose module is gone cannot return either)."""
    present = {(s, i.target) for s in modules() for i in imports(s)}
    stale = [
        pair
        for pair in KNOWN
        if pair not in present and pair[0] in modules() and pair[1] in modules()
    ]
    assert not stale


def _cycles() -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), loops of one included."""
    graph = {
        m: sorted({i.target for i in imports(m)} & modules().keys()) for m in modules()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def visit(start: str) -> None:
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(graph[target])))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1 or node in graph[node]:
                        groups.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycles():
    assert _cycles() == []


def _reachable(start: str) -> set[str]:
    seen, todo = (
        set(),
        [m for m in modules() if m == start or m.startswith(start + ".")],
    )
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += [i.target for i in imports(module) if i.target in modules()]
    return seen


@pytest.mark.parametrize("package", PURE)
def test_pure_domain_imports_no_django(package):
    assert any(m == package or m.startswith(package + ".") for m in modules())
    django = sorted(
        f"{m}:{i.line}"
        for m in _reachable(package)
        for i in imports(m)
        if i.target == "django"
    )
    assert not django, f"{package} reaches Django through " + ", ".join(django)


def test_the_checker_sees_a_cycle_and_a_wrong_way_import(monkeypatch):
    """The rules above can fail: a loop and an upward import are both found."""
    real = imports.__wrapped__

    def with_two_more(module: str) -> tuple[Import, ...]:
        extra = {
            "countries.models": (Import("screening.models", 1),),
            "screening.models": (Import("countries.models", 1),),
        }
        return real(module) + extra.get(module, ())

    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "imports", with_two_more)
    assert ["countries.models", "screening.models"] in [
        [m for m in group if m in ("countries.models", "screening.models")]
        for group in _cycles()
    ]
    assert not _allowed("countries.models", "screening.models")


def test_migrations_run_no_application_code():
    """A migration must do the same whatever the code becomes: it imports our
    modules only in the `import app.module` form makemigrations writes for a
    field's validator or upload path, never a function to run (data
    migrations copy what they need)."""
    running = [
        f"{module}:{node.lineno}"
        for module, path in modules().items()
        if ".migrations." in module
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and _app(node.module or "") in APPS
    ]
    assert not running
