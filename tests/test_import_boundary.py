"""DESIGN.md: only ui/ (and the thin app.py bootstrap) may import PySide6."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import boardapp

PACKAGE = Path(boardapp.__file__).parent
ALLOWED = {"ui", "app.py"}


def _imports_qt(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in {"PySide6", "shiboken6"} for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"PySide6", "shiboken6"}:
            return True
    return False


def test_no_qt_import_outside_ui() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in ALLOWED and _imports_qt(p)
    ]
    assert offenders == []


def test_core_packages_load_without_qt() -> None:
    """Importing every core module at run time pulls in no Qt (catches indirect imports too)."""
    modules = sorted(
        ".".join(("boardapp", *p.relative_to(PACKAGE).with_suffix("").parts))
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in ALLOWED and "alembic" not in p.parts
    )
    modules = [m.removesuffix(".__init__") for m in modules if m != "boardapp.__main__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
