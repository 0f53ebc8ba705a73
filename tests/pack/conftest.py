"""Fixtures for the meeting pack: the demo pack, rendered once per run and read back with pypdf.

The helpers live in ``pack_pdf.py`` (import them from there, never from conftest).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pack_pdf import RenderedPack, add_meeting_papers, render


@pytest.fixture(scope="session")
def demo_pack(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> RenderedPack:
    """The demo workspace's pack with every section (read-only: do not change the workspace)."""
    return render(demo_template, tmp_path_factory.mktemp("pack") / "demo-pack.pdf")


@pytest.fixture(scope="session")
def papered_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace with the next meeting's agenda presenting sections and carrying papers."""
    import sqlite3
    from contextlib import closing

    target = tmp_path_factory.mktemp("papered") / "papered.db"
    with closing(sqlite3.connect(demo_template)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    add_meeting_papers(target)
    return target


@pytest.fixture(scope="session")
def papered_pack(papered_template: Path, tmp_path_factory: pytest.TempPathFactory) -> RenderedPack:
    return render(papered_template, tmp_path_factory.mktemp("papered-pack") / "papered.pdf")
