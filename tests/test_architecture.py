"""The map of macros/: four parts, arrows pointing one way, every module on the README's map.

records <- archive <- site <- editors <- the top level (CLI, define_env, synth): a module may
import from its own part and the parts before it, never from one after it (issue: "one room
per concern"). Every module has one line in README.md's "Architecture" section.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "macros"
LAYERS = ["records", "archive", "site", "editors", "top"]


def part_of(module: str) -> str:
    """`macros.site.views` -> "site"; a module at the top of the package -> "top"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in LAYERS else "top"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        found[".".join(rel.parts)] = path
    return found


def imported_modules(path: Path, module: str) -> set[str]:
    """Every `macros…` module a file imports, relative imports resolved."""
    names = set()
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return {n for n in names if n == "macros" or n.startswith("macros.")}


def test_every_import_points_down_the_layers():
    known = modules()
    wrong = []
    for module, path in known.items():
        mine = LAYERS.index(part_of(module))
        for target in imported_modules(path, module):
            if target not in known and target.rsplit(".", 1)[0] in known:
                target = target.rsplit(".", 1)[0]  # `from macros.site import views` names a module
            if target in known and LAYERS.index(part_of(target)) > mine:
                wrong.append(f"{module} imports {target} ({part_of(module)} -> {part_of(target)})")
    assert not wrong, "imports against the layers records <- archive <- site <- editors <- top:\n" + "\n".join(wrong)


def test_the_top_of_the_package_stays_small():
    top = sorted(p.name for p in PACKAGE.iterdir() if p.is_file() and p.suffix == ".py")
    assert len(top) <= 8, f"macros/ has {len(top)} modules at its top level: {top}"


def architecture_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Architecture\n(.*?)(?=^## )", readme, re.S | re.M)
    assert match, "README.md has no '## Architecture' section"
    return match.group(1)


def test_every_module_has_a_line_on_the_map():
    section = architecture_section()
    missing = [str(path.relative_to(REPO)) for path in modules().values()
               if path.name not in ("__init__.py", "__main__.py")
               and f"`{path.relative_to(PACKAGE).as_posix()}`" not in section]
    assert not missing, ("modules with no line in README.md's Architecture section "
                         f"(add one line each, as `part/module.py`): {missing}")


def test_the_map_names_no_module_that_is_gone():
    section = architecture_section()
    # Modules are named from inside macros/ (`site/views.py`); other paths start with their folder.
    named = {n for n in re.findall(r"`([a-z_]+(?:/[a-z_]+)*\.py)`", section)
             if not n.startswith(("macros/", "tests/"))}
    gone = sorted(n for n in named if not (PACKAGE / n).exists())
    assert not gone, f"README.md's Architecture section names modules that do not exist: {gone}"
