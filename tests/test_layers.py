"""The folders are the layers: computed from the code's own imports (grimp reads every import statement,
also those inside functions), no import circle and no import against the layer direction.

    entry points   bot/cli.py, bot/cli_admin.py, bot/cli_outbox.py, bot/runner.py, bot/composition.py, bot/scale.py
    ↓
    bot/transports   bot/web   handlers/        (independent of each other)
    ↓
    bot/services
    ↓
    bot/core   bot/understanding                (siblings)
    ↓
    bot/infra
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

import grimp
import pytest

ENTRY = ("bot.cli", "bot.cli_admin", "bot.cli_outbox", "bot.runner", "bot.composition", "bot.scale")
LAYERS = (
    grimp.Layer(*ENTRY, independent=False),
    grimp.Layer("bot.transports", "bot.web", "handlers", independent=True),
    grimp.Layer("bot.services"),
    grimp.Layer("bot.core", "bot.understanding", independent=False),
    grimp.Layer("bot.infra"),
)
TYPE_ONLY_BACK_REFERENCES = {
    ("bot.core.conversation", "bot.core.app"),
    ("bot.core.dispatcher", "bot.core.app"),
    ("bot.core.photo_intake", "bot.core.app"),
}
"""`if TYPE_CHECKING:` imports that close a circle, allowed because they hide no runtime dependency: the App
builds the dispatcher and hands itself to every Context, so these modules only name its type."""


@cache
def graph(*, type_checking: bool) -> grimp.ImportGraph:
    return grimp.build_graph("bot", "handlers", exclude_type_checking_imports=not type_checking, cache_dir=None)


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def edges_of(imports: grimp.ImportGraph, *, leave_out: Collection[tuple[str, str]] = ()) -> dict[str, set[str]]:
    return {module: {target for target in imports.find_modules_directly_imported_by(module)
                     if (module, target) not in leave_out}
            for module in imports.modules}


def describe(imports: grimp.ImportGraph, importer: str, imported: str) -> str:
    lines = [f"{d['importer']}:{d['line_number']} {d['line_contents']}"
             for d in imports.get_import_details(importer=importer, imported=imported)]
    return "; ".join(lines) or f"{importer} -> {imported}"


def test_no_import_circle_counting_imports_inside_functions() -> None:
    imports = graph(type_checking=False)
    found = circles(edges_of(imports))
    assert not found, "import circles:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_type_checking_imports_close_no_other_circle() -> None:
    imports = graph(type_checking=True)
    found = circles(edges_of(imports, leave_out=TYPE_ONLY_BACK_REFERENCES))
    assert not found, "import circles through `if TYPE_CHECKING:` imports:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_the_allowed_type_only_references_are_type_only() -> None:
    """Each allowed back reference exists only under TYPE_CHECKING (at run time the module is not imported)."""
    runtime = graph(type_checking=False)
    for importer, imported in TYPE_ONLY_BACK_REFERENCES:
        assert not runtime.direct_import_exists(importer=importer, imported=imported), (importer, imported)


@pytest.mark.parametrize("type_checking", [False, True], ids=["runtime", "with TYPE_CHECKING"])
def test_lower_layers_never_import_upper_ones(type_checking: bool) -> None:
    imports = graph(type_checking=type_checking)
    illegal = imports.find_illegal_dependencies_for_layers(layers=LAYERS)
    problems = sorted(
        describe(imports, head, tail) if not route.middle else " -> ".join([head, *route.middle, tail])
        for dependency in illegal for route in dependency.routes for head in route.heads for tail in route.tails
    )
    assert not illegal, "imports against the layer direction:\n" + "\n".join(problems)


def test_every_module_is_in_a_layer() -> None:
    roots = {name for layer in LAYERS for name in layer.module_tails}
    outside = sorted(module for module in graph(type_checking=True).modules
                     if module not in ("bot", "handlers")
                     and not any(module == root or module.startswith(root + ".") for root in roots))
    assert not outside, f"modules outside the layers: {outside}"
