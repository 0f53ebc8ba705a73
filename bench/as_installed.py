"""Benchmarks time boardapp as installed: its modules already compiled to bytecode.

The installer ships compiled bytecode, and a checkout writes it on first import; but these
machines set ``PYTHONDONTWRITEBYTECODE=1``, so without this every timed run would compile
boardapp's ~300 modules from source again (~0.1 s of a pack's whole-process time).
"""
from __future__ import annotations

import compileall
from pathlib import Path


def compile_boardapp() -> None:
    """Write the bytecode of every boardapp module (``py_compile`` writes it whatever the environment says)."""
    import boardapp

    compileall.compile_dir(Path(boardapp.__file__).parent, quiet=1)
