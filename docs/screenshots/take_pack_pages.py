"""Page images of the meeting pack for the README (pdftoppm), from the demo workspace.

    .venv/bin/python docs/screenshots/take_pack_pages.py [--keep DIR]

Builds the demo at its as-at date (its next meeting's agenda presents every section and carries two
papers: a DCS progress report and a landscape workforce deep dive), exports the pack and renders every
page to DIR (kept for looking at) and the README's pages to docs/screenshots/pack-*.png: the cover, the
agenda, the first page of the merged DCS report, the scorecard and the readiness section.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent
AS_AT = date(2024, 9, 11)
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the workspace, the pack and every page image here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pack-pages-"))
    work.mkdir(parents=True, exist_ok=True)
    db, pdf = work / "demo.db", work / "pack.pdf"
    from boardapp.demo.build import build_demo

    build_demo(db, force=True, today=AS_AT)
    subprocess.run([sys.executable, "-m", "boardapp", "pack", "--db", str(db), "--out", str(pdf)], check=True)
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    pages: dict[tuple[int, str], int] = {}

    def walk(items: list, level: int = 0) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                pages.setdefault((level, item.title), reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    found = {title: page for (_level, title), page in sorted(pages.items(), key=lambda kv: -kv[0][0])}
    # the paper's entry sits under its agenda item (level 1); its first page follows the divider page
    paper = pages[(1, "DCS progress and exception report")] + 1
    wanted = {"cover": 1, "agenda": found["Agenda"], "paper": paper,
              "scorecard": found["Performance scorecard"], "readiness": found["Monitoring-visit readiness"]}
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(work / "page")], check=True)
    for name, number in wanted.items():
        if number:
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                            str(pdf), str(OUT / f"pack-{name}")], check=True)
    print(f"{pdf}: {len(reader.pages)} pages; README pages {wanted}; every page in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
