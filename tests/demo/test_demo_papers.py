"""The demo's two papers: real, varied text over two pages or more, a table, and one in landscape."""
from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader


def _papers() -> list[dict[str, object]]:
    from boardapp.demo.papers import build_papers

    return build_papers(1, date(2024, 9, 24), {"dcs": 5, "workforce": 6}, {"dcs": "R O", "workforce": "S T"},
                        issued_before=date(2024, 9, 16))


def test_each_paper_has_varied_text_over_two_pages_or_more() -> None:
    for paper in _papers():
        reader = PdfReader(io.BytesIO(paper["content"]))  # type: ignore[arg-type]
        assert len(reader.pages) >= 2 and paper["page_count"] == len(reader.pages)
        lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()
                 if len(line.strip()) > 60]
        assert len(lines) > 12 and len(set(lines)) == len(lines), "no paragraph is repeated"


def test_the_deep_dive_is_landscape_with_caseloads_by_team_and_the_report_portrait() -> None:
    dcs, workforce = _papers()
    first = PdfReader(io.BytesIO(dcs["content"])).pages[0]  # type: ignore[arg-type]
    assert float(first.mediabox.width) < float(first.mediabox.height)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(workforce["content"])).pages)  # type: ignore[arg-type]
    page = PdfReader(io.BytesIO(workforce["content"])).pages[0]  # type: ignore[arg-type]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "Average caseload" in text and "Assessment North" in text and "All teams" in text
