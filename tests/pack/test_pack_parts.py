"""Building blocks of the pack: text wrapping, table splitting, no Qt."""
from __future__ import annotations

import subprocess
import sys

from reportlab.pdfbase.pdfmetrics import stringWidth

from boardapp.pack import styles as st
from boardapp.pack.tables import HEADER_HEIGHT, PackTable, Row, table_spec


def test_wrap_text_fits_the_width_and_keeps_every_word() -> None:
    text = "Embed the Signs of Safety practice model across every locality and audit its use quarterly"
    lines = st.wrap_text(text, 90)
    assert len(lines) > 1
    assert all(stringWidth(line, st.FONT, st.TABLE_SIZE) <= 90 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_wrap_text_caps_lines_with_an_ellipsis_and_breaks_long_words() -> None:
    lines = st.wrap_text("word " * 200, 80, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    long_word = st.wrap_text("x" * 200, 40)
    assert len(long_word) > 1 and "".join(long_word) == "x" * 200
    assert st.wrap_text("", 50) == [""]


def test_table_split_repeats_the_header_row() -> None:
    spec = table_spec(("ref", "title"), 400.0)
    rows = [Row((f"A.{i}", "text"), 20.0, "GREEN") for i in range(10)]
    table = PackTable(spec, rows, header=True)
    assert table.wrap(400, 1000) == (sum(spec.widths), HEADER_HEIGHT + 200)
    first, rest = table.split(400, HEADER_HEIGHT + 65)
    assert isinstance(first, PackTable) and isinstance(rest, PackTable)
    assert len(first._rows) == 3 and first._has_header
    assert len(rest._rows) == 7 and rest._has_header
    continuation = PackTable(spec, rows, header=False)
    head, tail = continuation.split(400, 45)
    assert not head._has_header and tail._has_header  # type: ignore[attr-defined]
    assert continuation.split(400, 10) == []


def test_pack_never_imports_qt() -> None:
    code = "import sys, boardapp.pack.build; assert not any(m.startswith('PySide6') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
