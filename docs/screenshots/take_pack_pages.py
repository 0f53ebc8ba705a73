"""Page images of the meeting pack for the README (pdftoppm), from the demo workspace.

    .venv/bin/python docs/screenshots/take_pack_pages.py [--keep DIR]

Builds the demo at its as-at date; where the demo's next meeting has no pack sections or papers
yet, gives its agenda items the sections they present and two papers (a DCS progress report and
a workforce deep dive, made here), then exports the pack and renders every page to DIR (kept for
looking at) and the README's pages to docs/screenshots/pack-*.png.
"""
from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent
AS_AT = date(2024, 9, 11)
SECTIONS = {
    "Minutes of the last meeting and matters arising": "minutes",
    "Action log and challenge log": "action_log",
    "DCS progress and exception report": "exceptions",
    "Improvement plan: BRAG progress": "summary",
    "Performance scorecard": "scorecard",
    "Ofsted monitoring visit: preparation": "readiness",
    "Risk register": "risks",
    "Finance: DfE grant and budget": "funding",
}


def _paper(title: str, pages: int, landscape_pages: bool) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    size = landscape(A4) if landscape_pages else A4
    styles = getSampleStyleSheet()
    story = [Paragraph(title, styles["Title"])]
    for n in range(1, pages * 4):
        story += [Paragraph(f"{n}. Progress this period", styles["Heading2"]),
                  Paragraph("The service has continued to embed the practice model. Caseloads in the assessment "
                            "teams have fallen, audit grades improved and the number of children with three or "
                            "more social workers in twelve months is down. " * 3, styles["BodyText"]),
                  Spacer(1, 6)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=size, title=title).build(story)
    return buffer.getvalue()


def prepare(db: Path) -> None:
    from pypdf import PdfReader

    with closing(sqlite3.connect(db)) as con:
        meeting, = con.execute("SELECT id FROM meeting WHERE status = 'PLANNED' ORDER BY meeting_date").fetchone()
        if not con.execute("SELECT count(*) FROM agendaitem WHERE meeting_id = ? AND pack_section <> ''",
                           (meeting,)).fetchone()[0]:
            for title, key in SECTIONS.items():
                con.execute("UPDATE agendaitem SET pack_section = ? WHERE meeting_id = ? AND title = ?",
                            (key, meeting, title))
        if not con.execute("SELECT count(*) FROM paper WHERE meeting_id = ?", (meeting,)).fetchone()[0]:
            for order, (title, item, wide) in enumerate((
                    ("DCS progress report: September 2024", "DCS progress and exception report", False),
                    ("Workforce deep dive", "Deep dive%", True))):
                content = _paper(title, 2, wide)
                item_id, = con.execute("SELECT id FROM agendaitem WHERE meeting_id = ? AND title LIKE ?",
                                       (meeting, item)).fetchone()
                con.execute("INSERT INTO paper (meeting_id, agenda_item_id, title, author, file_name, page_count, "
                            "size_bytes, sha256, content, added_at, late, sort_order, version) VALUES "
                            "(?, ?, ?, 'Rachel Ostrowski, DCS', ?, ?, ?, '', ?, '2024-09-10 09:00:00', 0, ?, 1)",
                            (meeting, item_id, title, f"{title}.pdf", len(PdfReader(__import__('io').BytesIO(content)).pages),
                             len(content), content, order))
        con.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the workspace, the pack and every page image here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pack-pages-"))
    work.mkdir(parents=True, exist_ok=True)
    db, pdf = work / "demo.db", work / "pack.pdf"
    from boardapp.demo.build import build_demo

    build_demo(db, force=True, today=AS_AT)
    prepare(db)
    subprocess.run([sys.executable, "-m", "boardapp", "pack", "--db", str(db), "--out", str(pdf)], check=True)
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    pages: dict[str, int] = {}

    def walk(items: list, level: int = 0) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                pages.setdefault(item.title, reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    paper = next(p for t, p in pages.items() if t.startswith("DCS progress report")) + 1
    wanted = {"cover": 1, "agenda": pages["Agenda"], "paper": paper,
              "scorecard": pages.get("Performance scorecard", 0), "readiness": pages["Monitoring-visit readiness"]}
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(work / "page")], check=True)
    for name, number in wanted.items():
        if number:
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                            str(pdf), str(OUT / f"pack-{name}")], check=True)
    print(f"{pdf}: {len(reader.pages)} pages; README pages {wanted}; every page in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
