"""Meeting-pack speed against what a secretariat does today: LibreOffice converting the tracker.

Everything is measured in this run, as whole processes (interpreter start, imports,
reading the workspace, writing the PDF), median of ``--repeat`` runs:

* ``boardapp pack`` on the demo workspace (120 actions, the next meeting's papers merged), on
  500 / 2,500 / 5,000 actions (the 5,000 one with the same papers), and on the demo with one more
  paper of 100 / 400 pages (time per page of papers);
* ``soffice --headless --convert-to pdf`` on an equivalent tracker xlsx of 500 and 5,000
  rows (made with openpyxl from the same actions);
* raw reportlab: the same 5,000 rows as plain-string ``Table`` chunks of 200 rows.

boardapp is timed as installed, its modules compiled to bytecode first (``as_installed.py``).

Goals (issue 15): demo pack with its papers <= LibreOffice on 500 rows; 5,000-action pack <= 1.0 x
LibreOffice on 5,000 rows; time linear in actions and in pages of papers. Median of ``--repeat`` runs. Prints ratios; exits 0 either way
(benchmarks report, tests decide), or 2 when LibreOffice is missing.

    python bench/bench_pack.py [--repeat 3] [--keep DIR]
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (500, 2500, 5000)
#: Pages of one extra paper merged into the demo pack (linearity in pages of papers).
PAPER_PAGES = (100, 400)

RAW_REPORTLAB = r"""
import sqlite3, sys
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle
from reportlab.lib.utils import simpleSplit
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT ref, title, due_date, brag, progress, description FROM action ORDER BY id").fetchall()
widths = [45, 200, 70, 50, 45, 340]
style = TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("GRID", (0, 0), (-1, -1), 0.25, "grey")])
data = [[r[0], "\n".join(simpleSplit(r[1], "Helvetica", 8, 190)), r[2], r[3], f"{r[4]}%",
         "\n".join(simpleSplit(r[5], "Helvetica", 8, 330))] for r in rows]
head = ["Ref", "Action", "Due", "BRAG", "Progress", "Description"]
story = [Table([head] + data[i:i + 200], colWidths=widths, repeatRows=1, style=style) for i in range(0, len(data), 200)]
SimpleDocTemplate(sys.argv[2], pagesize=landscape(A4)).build(story)
"""


CPU: dict[str, float] = {}


def timed(cmd: list[str], repeat: int, label: str = "") -> float:
    """Median wall time of ``repeat`` runs of a command (it must succeed).

    The median CPU time (user + system of the process and its children) is kept in
    ``CPU[label]``: on a shared, busy machine it is steadier than wall time.
    """
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    if label:
        CPU[label] = statistics.median(cpus)
    return statistics.median(walls)


def _paper_pdf(title: str, pages: int, size: tuple[float, float]) -> bytes:
    """A text paper of ``pages`` pages, 40 lines each."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    for n in range(pages):
        canvas.setFont("Helvetica", 11)
        for line in range(40):
            canvas.drawString(50, size[1] - 60 - 16 * line, f"{title}, page {n + 1}, line {line + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _insert_papers(db: Path, papers: list[tuple[str, int, tuple[float, float]]], *, only_if_none: bool) -> int:
    """Attach ``papers`` (title, pages, page size) to the next meeting's agenda items 4, 5, …"""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as con:
        if only_if_none and con.execute("SELECT count(*) FROM paper").fetchone()[0]:
            return 0
        meeting, = con.execute("SELECT id FROM meeting WHERE status = 'PLANNED' ORDER BY meeting_date").fetchone()
        items = [r[0] for r in con.execute("SELECT id FROM agendaitem WHERE meeting_id = ? ORDER BY item_order",
                                           (meeting,))]
        for order, (title, pages, size) in enumerate(papers):
            content = _paper_pdf(title, pages, size)
            con.execute("INSERT INTO paper (meeting_id, agenda_item_id, title, author, file_name, page_count, "
                        "size_bytes, sha256, content, added_at, late, sort_order, version) "
                        "VALUES (?, ?, ?, 'Bench', ?, ?, ?, '', ?, '2024-09-01 00:00:00', 0, ?, 1)",
                        (meeting, items[3 + order], title, f"{title}.pdf", pages, len(content), content, 10 + order))
        con.commit()
    return len(papers)


def add_papers(db: Path) -> int:
    """Give the next meeting two multi-page papers when the demo has none yet (a DCS report, a deep dive)."""
    from reportlab.lib.pagesizes import A4, landscape

    return _insert_papers(db, [("DCS progress report", 6, A4), ("Workforce deep dive", 4, landscape(A4))],
                          only_if_none=True)


def add_long_paper(db: Path, pages: int) -> None:
    """One more paper of ``pages`` pages (the pack's time must grow linearly with pages of papers too)."""
    from reportlab.lib.pagesizes import A4

    _insert_papers(db, [(f"Appendix of {pages} pages", pages, A4)], only_if_none=False)


def make_tracker(db: Path, out: Path, rows: int) -> None:
    """A tracker spreadsheet like a real one: one row per action, BRAG filled, long text wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.plan.register_read import list_action_rows

    engine = open_workspace(db)
    with session_scope(engine) as session:
        actions = list_action_rows(session=session)
    engine.dispose()
    fills = {k: PatternFill("solid", fgColor=v) for k, v in
             {"RED": "C62828", "AMBER": "F4B400", "GREEN": "2E7D32", "BLUE": "1565C0"}.items()}
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.append(["Ref", "Theme", "Action", "Owner", "Due", "Revised due", "Status", "BRAG", "Progress",
                  "Latest update"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for a in (actions * (rows // max(1, len(actions)) + 1))[:rows]:
        sheet.append([a.ref, a.theme_code, a.title, a.owner_name, a.due_date, a.revised_due_date, a.status,
                      a.brag.title(), a.progress / 100, a.latest_update])
        row = sheet.max_row
        sheet.cell(row, 8).fill = fills[a.brag]
        sheet.cell(row, 3).alignment = wrap
        sheet.cell(row, 10).alignment = wrap
    for col, width in zip("ABCDEFGHIJ", (8, 6, 40, 18, 11, 11, 12, 8, 9, 60)):
        sheet.column_dimensions[col].width = width
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
        return 2
    from as_installed import compile_boardapp
    from boardapp.demo.build import build_demo

    compile_boardapp()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-pack-"))
    work.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    dbs = {"demo": work / "demo.db"}
    build_demo(dbs["demo"], force=True)
    for n in SIZES:
        dbs[str(n)] = work / f"demo{n}.db"
        build_demo(dbs[str(n)], actions=n, force=True)
    for key in ("demo", "5000"):
        add_papers(dbs[key])
    for extra in PAPER_PAGES:  # the demo with one long paper more
        dbs[f"+{extra}p"] = work / f"demo-plus-{extra}-pages.db"
        shutil.copy(dbs["demo"], dbs[f"+{extra}p"])
        add_long_paper(dbs[f"+{extra}p"], extra)
    for n in (500, 5000):
        make_tracker(dbs["5000"], work / f"tracker{n}.xlsx", n)

    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    lo_cmd = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work / "lo")]
    subprocess.run(lo_cmd + [str(work / "tracker500.xlsx")], check=True, capture_output=True)  # first-run setup
    lo = {n: timed(lo_cmd + [str(work / f"tracker{n}.xlsx")], args.repeat, f"lo{n}") for n in (500, 5000)}

    raw_script = work / "raw_reportlab.py"
    raw_script.write_text(RAW_REPORTLAB)
    raw = timed([python, str(raw_script), str(dbs["5000"]), str(work / "raw5000.pdf")], args.repeat, "raw")

    def pack(key: str) -> float:
        return timed([python, "-m", "boardapp", "pack", "--db", str(dbs[key]), "--out",
                      str(work / f"pack-{key}.pdf")], args.repeat, f"pack{key}")

    packs = {key: pack(key) for key in dbs}
    pages = {key: _pages(work / f"pack-{key}.pdf") for key in dbs}

    print(f"LibreOffice  500 rows: {lo[500]:6.2f} s   5,000 rows: {lo[5000]:6.2f} s")
    print(f"raw reportlab 5,000 rows (200-row Table chunks): {raw:6.2f} s")
    for key in dbs:
        print(f"boardapp pack {key:>5}: {packs[key]:6.2f} s  ({pages[key]} pages)")
    demo_ratio = packs["demo"] / lo[500]
    big_ratio = packs["5000"] / lo[5000]
    slope_low = (packs["2500"] - packs["500"]) / 2000
    slope_high = (packs["5000"] - packs["2500"]) / 2500
    print(f"demo pack / LibreOffice 500 rows        = {demo_ratio:5.2f}  (goal <= 1.0) "
          f"{'met' if demo_ratio <= 1.0 else 'MISSED'}")
    print(f"5,000-action pack / LibreOffice 5,000   = {big_ratio:5.2f}  (goal <= 1.0) "
          f"{'met' if big_ratio <= 1.0 else 'MISSED'}")
    print(f"5,000-action pack / raw reportlab       = {packs['5000'] / raw:5.2f}")
    print(f"CPU time ratios (steadier on a busy machine): demo / LO 500 = {CPU['packdemo'] / CPU['lo500']:.2f}; "
          f"5,000 / LO 5,000 = {CPU['pack5000'] / CPU['lo5000']:.2f}; 5,000 / raw reportlab = "
          f"{CPU['pack5000'] / CPU['raw']:.2f}")
    print(f"ms per action 500→2,500: {slope_low * 1000:.3f}; 2,500→5,000: {slope_high * 1000:.3f} "
          f"(ratio {slope_high / slope_low if slope_low > 0 else float('nan'):.2f}; ~1 is linear)")
    low, high = PAPER_PAGES
    page_low = (packs[f"+{low}p"] - packs["demo"]) / low
    page_high = (packs[f"+{high}p"] - packs[f"+{low}p"]) / (high - low)
    print(f"ms per page of papers 0→{low}: {page_low * 1000:.2f}; {low}→{high}: {page_high * 1000:.2f} "
          f"(ratio {page_high / page_low if page_low > 0 else float('nan'):.2f}; ~1 is linear)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


if __name__ == "__main__":
    sys.exit(main())
