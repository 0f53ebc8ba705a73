"""Fixtures for the meeting pack: the demo pack, rendered once per run and read back with pypdf."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

#: The same day as DEMO_TODAY in tests/conftest.py (the demo workspace is pinned to it).
PACK_TODAY = date(2024, 9, 11)


@dataclass(frozen=True)
class RenderedPack:
    path: Path
    pages: int
    data: object  # PackData
    reader: PdfReader
    texts: list[str]

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 1-based page) of every bookmark, depth first."""
        found: list[tuple[int, str, int]] = []

        def walk(items: list[object], level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    found.append((level, item.title, self.reader.get_destination_page_number(item) + 1))  # type: ignore[attr-defined]

        walk(self.reader.outline, 0)
        return found

    def section_pages(self, title: str) -> range:
        """The pages of a top-level section, from its bookmark to the next one's."""
        tops = [(t, p) for level, t, p in self.outline() if level == 0]
        for i, (t, p) in enumerate(tops):
            if t == title:
                end = tops[i + 1][1] if i + 1 < len(tops) else self.pages + 1
                return range(p, max(end, p + 1))
        raise AssertionError(f"no section {title!r} in the outline")

    def text_of(self, pages: range) -> str:
        return "\n".join(self.texts[p - 1] for p in pages)


def render(engine_path: Path, out: Path, **options: object) -> RenderedPack:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.pack.build import render_pack
    from boardapp.services.pack_data import build_pack_data

    engine = open_workspace(engine_path)
    try:
        with session_scope(engine) as session:
            data = build_pack_data(session=session, today=PACK_TODAY, **options)  # type: ignore[arg-type]
    finally:
        engine.dispose()
    pages = render_pack(data, out)
    reader = PdfReader(out)
    return RenderedPack(out, pages, data, reader, [p.extract_text() for p in reader.pages])


@pytest.fixture(scope="session")
def demo_pack(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> RenderedPack:
    """The demo workspace's pack with every section (read-only: do not change the workspace)."""
    return render(demo_template, tmp_path_factory.mktemp("pack") / "demo-pack.pdf")


def ref_pattern(ref: str) -> re.Pattern[str]:
    """A ref as a whole token: 'T1.1' must not match inside 'T1.12'."""
    return re.compile(rf"(?<![\w.]){re.escape(ref)}(?![\w.]*\d)")
