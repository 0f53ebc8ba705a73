"""Paper pages merged as they were: links kept and placed, rotated pages and split content streams read right."""
from __future__ import annotations

import io
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from pack_pdf import make_pdf, render, text_heights
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

from boardapp.pack.papers import BOTTOM_BAND, TOP_BAND

URL = "https://example.org/ofsted-report"


def _linked_paper() -> bytes:
    """Page 1 has a web link over its body text; page 2 none."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595.27, 841.89))
    for n in (1, 2):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(30, 800, f"LINKEDPAPER top of page {n}")
        canvas.drawString(30, 420, f"LINKEDPAPER body text page {n}")
        if n == 1:
            canvas.linkURL(URL, (30, 410, 300, 440), relative=0)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _turned_and_split_paper() -> bytes:
    """Page 1 turned a quarter (/Rotate 90); page 2 drawn by two content streams."""
    writer = PdfWriter(io.BytesIO(make_pdf("TURNEDPAPER", 2)))
    writer.pages[0].rotate(90)
    second = writer.pages[1]
    extra = DecodedStreamObject()
    extra.set_data(b"BT /F1 14 Tf 30 600 Td (TURNEDPAPER second stream) Tj ET")
    second[NameObject("/Contents")] = ArrayObject([second["/Contents"], writer._add_object(extra)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with_papers(demo_template: Path, tmp_path: Path, papers: dict[str, bytes]) -> Path:
    work = tmp_path / "work.db"
    shutil.copy(demo_template, work)
    with closing(sqlite3.connect(work)) as db:
        meeting, = db.execute("SELECT id FROM meeting WHERE status = 'PLANNED' ORDER BY meeting_date").fetchone()
        item, = db.execute("SELECT id FROM agendaitem WHERE meeting_id = ? ORDER BY item_order LIMIT 1 OFFSET 3",
                           (meeting,)).fetchone()
        db.execute("DELETE FROM paper")
        for order, (title, content) in enumerate(papers.items()):
            db.execute("INSERT INTO paper (meeting_id, agenda_item_id, title, author, file_name, page_count, "
                       "size_bytes, sha256, content, added_at, late, sort_order, version) "
                       "VALUES (?, ?, ?, 'Test Author', ?, ?, ?, '', ?, '2024-09-01 00:00:00', 0, ?, 1)",
                       (meeting, item, title, f"{title}.pdf", len(PdfReader(io.BytesIO(content)).pages),
                        len(content), content, order))
        db.commit()
    return work


def _pages_with(pack_texts: list[str], marker: str) -> list[int]:
    return [n for n, text in enumerate(pack_texts, start=1) if marker in text]


def test_a_papers_link_is_kept_and_placed_over_its_text(demo_template: Path, tmp_path: Path) -> None:
    pack = render(_with_papers(demo_template, tmp_path, {"Linked": _linked_paper()}), tmp_path / "pack.pdf")
    first, second = _pages_with(pack.texts, "LINKEDPAPER body text")
    page = pack.reader.pages[first - 1]
    links = [a.get_object() for a in page.get("/Annots", []) if a.get_object().get("/A", {}).get("/URI") == URL]
    assert len(links) == 1
    x0, y0, x1, y1 = (float(v) for v in links[0]["/Rect"])
    (text_y,) = text_heights(page, "LINKEDPAPER body text")
    assert y0 <= text_y <= y1 and 0 <= x0 < x1 <= float(page.mediabox.width)  # still over the words it links
    for n in (first, second):
        height = float(pack.reader.pages[n - 1].mediabox.height)
        ys = text_heights(pack.reader.pages[n - 1], "LINKEDPAPER")
        assert len(ys) == 2 and all(BOTTOM_BAND - 2 < y < height - TOP_BAND + 2 for y in ys), (n, ys)


def test_a_turned_page_and_a_page_of_two_streams_keep_all_their_text(demo_template: Path, tmp_path: Path) -> None:
    pack = render(_with_papers(demo_template, tmp_path, {"Turned": _turned_and_split_paper()}), tmp_path / "pack.pdf")
    turned, split = _pages_with(pack.texts, "TURNEDPAPER body text")
    box = pack.reader.pages[turned - 1].mediabox
    assert float(box.width) > float(box.height)  # shown turned, as the paper's viewer shows it
    assert "TURNEDPAPER second stream" in pack.texts[split - 1]
    for n in (turned, split):
        page = pack.reader.pages[n - 1]
        assert "OFFICIAL-SENSITIVE" in pack.texts[n - 1] and f"Page {n} of {pack.pages}" in pack.texts[n - 1]
        ys = text_heights(page, "TURNEDPAPER")
        assert ys and all(BOTTOM_BAND - 2 < y < float(page.mediabox.height) - TOP_BAND + 2 for y in ys), (n, ys)
