"""The shape of the rule core: one package per stage, no circular imports, one registration of the factories."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ROOT / "pipeline"
STAGE_PACKAGES = ("layer", "entities", "claims", "figures")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Modules of ``pipeline`` imported by the file (module level and inside functions alike)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}")
            if node.module:  # "from . import x" loads the package, but that is the importer's own package
                found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("pipeline")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PIPELINE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # "from pipeline.x import y" names either module pipeline.x.y or attribute y of pipeline.x
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


def test_no_circular_imports_in_the_pipeline():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            # a package's __init__ importing its own submodules is no cycle with them
            if node.startswith(nxt + ".") and graph.get(nxt) and node in graph[nxt]:
                continue
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, f"circular imports: {cycles}"


def test_each_stage_is_a_package_and_the_old_flat_modules_are_gone():
    for package in STAGE_PACKAGES:
        assert (PIPELINE / package / "__init__.py").is_file()
    for old in ("entities", "claims", "figures", "roles", "coref", "quotes", "reporting", "speakers", "syntax", "extensions"):
        assert not (PIPELINE / f"{old}.py").exists(), f"pipeline/{old}.py should live in its stage package"


def test_factories_are_registered_in_one_place():
    """spaCy entry points in pyproject.toml; no module imports a stage package only for its side effect."""
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["spacy_factories"]
    assert set(entry_points) == {"claimgraph_entities", "claimgraph_claims", "claimgraph_figures"}
    decorated = [
        p for p in PIPELINE.rglob("*.py")
        if "@Language.factory(" in p.read_text(encoding="utf-8") or "@Language.component(" in p.read_text(encoding="utf-8")
    ]
    assert sorted(p.relative_to(PIPELINE).as_posix() for p in decorated) == [
        "claims/component.py", "entities/component.py", "figures/component.py"
    ]
    for name in entry_points:
        assert spacy.blank("de").add_pipe(name) is not None


INFRASTRUCTURE_PACKAGES = ("ingest", "nlp", "run", "output", "audit", "evaluation")
# Top-level modules that are neither a stage package nor infrastructure: the package itself, the public
# reading API for notebooks (``pipeline.load``).
TOP_LEVEL_MODULES = {"__init__.py", "load.py"}


def test_infrastructure_lives_in_its_packages_and_the_top_level_is_small():
    for package in INFRASTRUCTURE_PACKAGES:
        assert (PIPELINE / package / "__init__.py").is_file(), f"pipeline/{package}/ should be a package"
    flat = {p.name for p in PIPELINE.glob("*.py")}
    assert flat <= TOP_LEVEL_MODULES, f"modules outside a package: {sorted(flat - TOP_LEVEL_MODULES)}"


def test_rule_stages_do_not_import_infrastructure():
    """The rule stages read a Doc and write records; running, caching, writing and scoring are not theirs."""
    graph = _graph()
    offending = {
        module: sorted(m for m in imported if m.split(".")[1] in INFRASTRUCTURE_PACKAGES)
        for module, imported in graph.items()
        if module.split(".")[1:2] and module.split(".")[1] in STAGE_PACKAGES
    }
    assert not {k: v for k, v in offending.items() if v}
