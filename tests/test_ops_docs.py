"""The operator and security documents stay true: docs/operations.md names every environment
variable the settings read, and docs/security.md cites only code and tests that exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_for_operators() -> None:
    settings = (ROOT / "config" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|choice)\(\s*"([A-Z_0-9]+)"', settings))
    assert {"SECRET_KEY", "DATABASE_URL", "CACHE_URL", "METRICS_TOKEN"} <= names
    manual = (ROOT / "docs" / "operations.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in manual)
    assert missing == [], "add these to docs/operations.md, section 2"


def test_the_documented_scheduled_commands_exist() -> None:
    manual = (ROOT / "docs" / "operations.md").read_text()
    section = manual.split("## 3. Scheduled commands", 1)[1].split("## 4.", 1)[0]
    commands = set(re.findall(r"^\| [^|]+ \| `([a-z_]+)", section, re.MULTILINE))
    assert {"deliver_mail", "erase_expired_personal_data", "backup"} <= commands
    found = {path.stem for path in ROOT.glob("*/management/commands/*.py")}
    assert commands - found == set()


def _read_somewhere() -> str:
    """The sources that read environment variables: settings, gunicorn, commands, Makefile."""
    files = [*ROOT.glob("config/*.py"), *ROOT.glob("*/management/commands/*.py")]
    return "\n".join(path.read_text() for path in [*files, ROOT / "Makefile"])


def test_the_documents_name_no_variable_that_nothing_reads() -> None:
    """A removed variable (IDEAS_CLIENT_IP_HEADER) must leave the production profile, the
    README's configuration table and the area documents, or operators set it in vain."""
    sources = _read_somewhere()
    env_block = (ROOT / "docs" / "operations.md").read_text()
    env_block = env_block.split("<!-- production-env -->", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"^([A-Z][A-Z_0-9]+)=", env_block, re.MULTILINE))
    assert "TRUSTED_PROXY_COUNT" in named
    for doc in ("README.md", "docs/ideas.md", "docs/workspace.md", "docs/operations.md"):
        rows = re.findall(r"^\| (`[A-Z][^|]*)\|", (ROOT / doc).read_text(), re.MULTILINE)
        named |= {name for row in rows for name in re.findall(r"`([A-Z][A-Z_0-9]+)`", row)}
    unread = sorted(
        name
        for name in named
        if f'"{name}"' not in sources and not re.search(rf"^{name} \?=", sources, re.M)
    )
    assert unread == [], "documented variables that no code reads"


# --- docs/security.md: every claim names code and a test that exist ---------------------

SECURITY = ROOT / "docs" / "security.md"
# `tests/test_x.py::test_name` or `tests/test_x.py::TestClass::test_name` (a trailing `*`
# stands for every test with that prefix).
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(?:(Test\w+)::)?(test_\w+\*?)`")
# `core/throttle.py` or `ops/` (a file or folder of the project).
PATH_REF = re.compile(r"`((?:[a-z_][\w]*/)+(?:[\w]+\.(?:py|html|txt))?)`")
# `core.throttle.wait_seconds` (a module of a project package, then names inside it).
DOTTED_REF = re.compile(r"`([a-z_]\w*(?:\.\w+)+)`")
CHECK_ID = re.compile(r"[a-z_]+\.[EW]\d{3}")  # a system check id, e.g. ideas.E001


def _defined(tree: ast.AST) -> dict[str, ast.AST]:
    """Top-level (or class-level) names defined in ``tree``."""
    names: dict[str, ast.AST] = {}
    for node in getattr(tree, "body", []):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.ImportFrom | ast.Import):
            for alias in node.names:
                names[(alias.asname or alias.name).split(".")[0]] = node
    return names


def _module_file(parts: list[str]) -> Path | None:
    base = ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def dotted_problem(ref: str) -> str | None:
    """None when ``ref`` names a project module and names defined in it, else why not."""
    parts = ref.split(".")
    for cut in range(len(parts), 0, -1):
        source = _module_file(parts[:cut])
        if source is not None:
            break
    else:
        return "no such module"
    node: ast.AST = ast.parse(source.read_text())
    for name in parts[cut:]:
        inner = _defined(node).get(name)
        if inner is None:
            return f"{name!r} is not defined in {source.relative_to(ROOT)}"
        node = inner
    return None


def security_references() -> tuple[list[tuple[str, str]], list[str], list[str]]:
    text = SECURITY.read_text()
    tests = TEST_REF.findall(text)
    paths = [p for p in PATH_REF.findall(text) if not p.startswith("tests/")]
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    dotted = [
        ref
        for ref in DOTTED_REF.findall(text)
        if ref.split(".")[0] in packages and not CHECK_ID.fullmatch(ref) and "/" not in ref
    ]
    return tests, paths, dotted


def _test_functions(tree: ast.AST) -> set[str]:
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def _imported_test_modules(tree: ast.AST) -> list[ast.AST]:
    """The modules of the tests/ package that ``tree`` imports."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "tests":
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests."):
            names.append((node.module or "").removeprefix("tests."))
    paths = [ROOT / "tests" / f"{name}.py" for name in names]
    return [ast.parse(path.read_text()) for path in paths if path.is_file()]


def test_every_test_the_security_document_cites_exists() -> None:
    tests, _paths, _dotted = security_references()
    assert len(tests) >= 40, "docs/security.md names its proving tests as tests/x.py::test_y"
    missing = []
    for file, cls, name in tests:
        path = ROOT / file
        if not path.is_file():
            missing.append(f"{file} (no such file)")
            continue
        tree = ast.parse(path.read_text())
        classes = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
        if cls and cls not in classes:
            missing.append(f"{file}::{cls}")
            continue
        defined = _test_functions(tree)
        if cls:  # a test class may take its tests from a base in a tests/ support module
            defined |= {
                d for support in _imported_test_modules(tree) for d in _test_functions(support)
            }
        prefix = name.rstrip("*")
        found = (
            any(d.startswith(prefix) for d in defined) if name.endswith("*") else name in defined
        )
        if not found:
            missing.append(f"{file}::{name}")
    assert missing == [], "docs/security.md cites tests that do not exist"


def test_every_code_path_the_security_document_cites_exists() -> None:
    _tests, paths, dotted = security_references()
    assert len(paths) >= 10 and len(dotted) >= 10
    missing = [p for p in paths if not (ROOT / p).exists()]
    missing += [f"{ref}: {why}" for ref in dotted if (why := dotted_problem(ref))]
    assert missing == [], "docs/security.md cites code that does not exist"


def test_every_system_check_the_security_document_cites_exists() -> None:
    text = SECURITY.read_text()
    for check_id in re.findall(r"`([a-z_]+\.[EW]\d{3})`", text):
        app = check_id.split(".")[0]
        sources = "".join(p.read_text() for p in (ROOT / app).glob("*.py"))
        assert f'"{check_id}"' in sources, check_id


def test_the_reference_checker_notices_what_is_missing() -> None:
    """The checks above can fail: a made-up name is reported, a real one is not."""
    assert dotted_problem("core.throttle.wait_seconds") is None
    assert dotted_problem("accounts.signin.ThrottledLoginMixin.clean") is None
    assert dotted_problem("core.throttle.no_such_function") is not None
    assert dotted_problem("core.no_such_module") is not None
