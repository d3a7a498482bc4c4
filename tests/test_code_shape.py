"""The shape of the code (issue #18): long modules say why they are long, test support
is not named like a test module, and core/ is type-checked strictly.

The rule for long modules is simple on purpose: a Python module of more than
``LONG_LINES`` lines (migrations excepted) has a module docstring with a line starting
``Long because`` that gives the reason (e.g. "Long because most of it is data: …").
Split a module along a real seam instead when there is one.
"""

from __future__ import annotations

import ast
import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONG_LINES = 400
MARKER = "Long because "
SKIPPED_DIRS = {".git", ".venv", "node_modules", "migrations", "__pycache__", "var", "staticfiles"}
# The flags of ``mypy --strict`` that can be set per module (pyproject.toml).
STRICT_FLAGS = (
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "disallow_untyped_calls",
    "disallow_untyped_decorators",
    "disallow_any_generics",
    "disallow_subclassing_any",
    "warn_return_any",
    "no_implicit_reexport",
    "strict_equality",
    "extra_checks",
)


def python_modules() -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
        found += [Path(folder, name) for name in files if name.endswith(".py")]
    return sorted(found)


def says_why_it_is_long(source: str) -> bool:
    docstring = ast.get_docstring(ast.parse(source)) or ""
    return any(
        line.startswith(MARKER) and len(line) > len(MARKER) + 20 for line in docstring.splitlines()
    )


def long_modules_without_reason() -> set[str]:
    missing = set()
    for path in python_modules():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > LONG_LINES and not says_why_it_is_long(source):
            missing.add(str(path.relative_to(ROOT)))
    return missing


def test_every_long_module_says_why_it_is_long() -> None:
    missing = long_modules_without_reason()
    assert not missing, (
        f"modules over {LONG_LINES} lines need a docstring line starting {MARKER!r} "
        f"(or a split along a real seam): {sorted(missing)}"
    )


def test_the_rule_reads_the_docstring_only() -> None:
    assert says_why_it_is_long('"""Title.\n\nLong because it is mostly data: columns."""\n')
    assert not says_why_it_is_long('"""Title."""\n# Long because it is mostly data: columns.\n')
    assert not says_why_it_is_long('"""Title.\n\nLong because data."""\n')  # no reason given
    assert not says_why_it_is_long("x = 1\n")


def test_test_support_is_not_named_like_a_test_module() -> None:
    without_tests = [
        str(path.relative_to(ROOT))
        for path in python_modules()
        if path.name.startswith("test_")
        and not any(
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.name.startswith(("test_", "Test"))
            for node in ast.parse(path.read_text(encoding="utf-8")).body
        )
    ]
    assert not without_tests, f"support modules named test_*.py: {without_tests}"


def test_drill_tools_are_not_product_code() -> None:
    assert (ROOT / "tests" / "drills.py").exists()
    assert not (ROOT / "ops" / "drills.py").exists()


def test_core_is_type_checked_strictly() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    overrides = config["tool"]["mypy"]["overrides"]
    core = [entry for entry in overrides if "core.*" in entry["module"]]
    assert core, "pyproject.toml has no [[tool.mypy.overrides]] for core.*"
    assert core[0].get("strict") or all(core[0].get(flag) for flag in STRICT_FLAGS)
