"""Helpers for the pack tests: render a pack and read it back with pypdf, make paper PDFs, give a meeting papers.

A module of its own (not conftest.py) so that ``from pack_pdf import …`` names this file even when
tests/pack and tests/ui (whose conftest.py has other names) run in one pytest command.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pypdf import PdfReader

#: The same day as DEMO_TODAY in tests/conftest.py (the demo workspace is pinned to it).
PACK_TODAY = date(2024, 9, 11)
#: What the contents says in place of a page number for an agenda item with nothing in the pack.
CONTENTS_LABELS = ("no paper", "Part B")


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
        """The pages of a section, from its bookmark to the next bookmark at its level or above.

        With an agenda a section sits under the agenda item that presents it (or is a top-level
        appendix entry); the first entry with that title, at any level, is the section.
        """
        entries = self.outline()
        for i, (level, t, p) in enumerate(entries):
            if t == title:
                end = next((q for lv, _t, q in entries[i + 1:] if lv <= level), self.pages + 1)
                return range(p, max(end, p + 1))
        raise AssertionError(f"no section {title!r} in the outline")

    def children(self, title: str) -> list[tuple[int, str, int]]:
        """The entries nested under the first entry called ``title`` (at any depth below it)."""
        entries = self.outline()
        start = next(i for i, (_l, t, _p) in enumerate(entries) if t == title)
        level = entries[start][0]
        end = next((i for i in range(start + 1, len(entries)) if entries[i][0] <= level), len(entries))
        return entries[start + 1:end]

    def parent(self, title: str) -> str:
        """The title of the top-level entry (an agenda item, or the appendix section itself) holding ``title``."""
        top = ""
        for level, t, _p in self.outline():
            if level == 0:
                top = t
            if t == title:
                return top
        raise AssertionError(f"no entry {title!r} in the outline")

    def contents_pages(self) -> range:
        """The contents pages: from the page headed "Contents" to the page before the first entry's."""
        start = next(i for i, t in enumerate(self.texts, start=1) if "Contents" in t.splitlines())
        first = min(p for _level, _t, p in self.outline())
        return range(start, max(first, start + 1))

    def contents_entries(self) -> list[tuple[str, int | str]]:
        """(title, page) of each contents line; a long title wraps onto a second line before its number.

        An agenda item with nothing in the pack has a word instead of its page ("no paper", "Part B")."""
        entries: list[tuple[str, int]] = []
        for page in self.contents_pages():
            lines = [line.strip() for line in self.texts[page - 1].splitlines()]
            # the page furniture comes first: two markings, the header and the footer texts
            lines = lines[lines.index("Contents") + 1:] if "Contents" in lines else lines[6:]
            pending: list[str] = []
            for line in lines:
                if line.isdigit() and pending:
                    entries.append((" ".join(pending), int(line)))
                    pending = []
                elif line in CONTENTS_LABELS and pending:
                    entries.append((" ".join(pending), line))
                    pending = []
                elif not line.startswith("Page "):
                    pending.append(line)
        return entries

    def outline_against_contents(self) -> list[tuple[str, int | str]]:
        """The outline as the contents should list it: (title, page), or the contents' word for an agenda
        item with nothing in the pack, once checked that its bookmark opens the agenda page listing it."""
        contents = dict(self.contents_entries())
        shown: list[tuple[str, int | str]] = []
        for _level, title, page in self.outline():
            label = contents.get(title)
            if isinstance(label, str):
                agenda = " ".join(self.texts[page - 1].split())
                item_title = title.split(" ", 1)[1].replace(" (confidential — circulated separately)", "")
                assert "Agenda" in agenda and item_title in agenda, (title, page, "opens its agenda line")
                shown.append((title, label))
            else:
                shown.append((title, page))
        return shown

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


def ref_pattern(ref: str) -> re.Pattern[str]:
    """A ref as a whole token: 'T1.1' must not match inside 'T1.12'."""
    return re.compile(rf"(?<![\w.]){re.escape(ref)}(?![\w.]*\d)")


def make_pdf(marker: str, pages: int = 2, size: tuple[float, float] = (595.27, 841.89)) -> bytes:
    """A paper PDF whose every page says ``marker`` and its page number, edge to edge."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    for n in range(1, pages + 1):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(30, size[1] - 30, f"{marker} top of page {n}")
        canvas.drawString(30, size[1] / 2, f"{marker} body text page {n}")
        canvas.drawString(30, 20, f"{marker} foot of page {n}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


#: The agenda the papered workspace gives the next meeting (in order), and the sections its items present.
PAPERED_AGENDA = (
    "Welcome, apologies and declarations of interest",
    "Minutes of the last meeting and matters arising",
    "Action log and challenge log",
    "DCS progress and exception report",
    "Improvement plan: BRAG progress",
    "Deep dive: Workforce",
    "Ofsted monitoring visit: preparation",
    "Performance scorecard",
    "Risk register",
    "Finance: DfE grant and budget",
    "Any other business",
)
PAPERED_SECTIONS = {
    "Minutes of the last meeting and matters arising": "minutes",
    "Action log and challenge log": "action_log",
    "DCS progress and exception report": "exceptions",
    "Improvement plan: BRAG progress": "summary",
    "Ofsted monitoring visit: preparation": "readiness",
    "Risk register": "risks",
    "Finance: DfE grant and budget": "funding",
}
PAPERS = {  # marker → (item title, pages, page size, late)
    "DCSPROGRESS": ("DCS progress and exception report", 3, (595.27, 841.89), False),
    "WORKFORCEDEEPDIVE": ("Deep dive: Workforce", 2, (841.89, 595.27), False),
    "ODDSIZEDPAPER": ("Deep dive: Workforce", 1, (300.0, 300.0), False),
    "PARTBSECRET": ("Commissioning: residential placement contract", 2, (595.27, 841.89), False),
    "LATERISKUPDATE": ("Risk register", 2, (595.27, 841.89), True),
}


def add_meeting_papers(path: Path) -> int:
    """Give the demo's next meeting pack sections, a confidential item, a sub-item and papers; its id."""
    from sqlmodel import select

    from boardapp.db.engine import session_scope
    from boardapp.db.models import AgendaItem, Meeting, Paper
    from boardapp.db.workspace import open_workspace

    engine = open_workspace(path)
    try:
        with session_scope(engine) as session:
            meeting = session.exec(select(Meeting).where(Meeting.status == "PLANNED")
                                   .order_by(Meeting.meeting_date)).first()
            assert meeting is not None and meeting.id is not None
            # replace the demo's own agenda and papers with this fixture's, so these tests pin their own
            for paper in session.exec(select(Paper).where(Paper.meeting_id == meeting.id)):
                session.delete(paper)
            for old in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)):
                session.delete(old)
            session.flush()
            items = {}
            for order, title in enumerate(PAPERED_AGENDA, start=1):
                items[title] = AgendaItem(meeting_id=meeting.id, item_order=order, title=title, purpose="DISCUSSION",
                                          duration_minutes=10, pack_section=PAPERED_SECTIONS.get(title, ""),
                                          presenter_id=meeting.chair_id)
            session.add_all(items.values())
            session.flush()
            parent = items["Action log and challenge log"]
            sub = AgendaItem(meeting_id=meeting.id, parent_id=parent.id, item_order=1, title="Challenge log review",
                             pack_section="challenge_log", duration_minutes=5)
            last = max(i.item_order for i in items.values())
            secret = AgendaItem(meeting_id=meeting.id, item_order=last + 1, confidential=True, purpose="DECISION",
                                title="Commissioning: residential placement contract", duration_minutes=15)
            session.add_all([sub, secret])
            session.flush()
            items[secret.title] = secret
            for order, (marker, (title, pages, size, late)) in enumerate(PAPERS.items()):
                content = make_pdf(marker, pages, size)
                session.add(Paper(meeting_id=meeting.id, agenda_item_id=items[title].id, title=f"{marker} paper",
                                  author="Test Author", file_name=f"{marker.lower()}.pdf", page_count=pages,
                                  size_bytes=len(content), content=content, late=late, sort_order=order))
            session.commit()
            return meeting.id
    finally:
        engine.dispose()



def text_heights(page: object, needle: str) -> list[float]:
    """Where on ``page`` (y, in page space) the text runs containing ``needle`` sit.

    Text drawn on the page itself and text inside a form XObject (a merged paper page) alike:
    pypdf's text visitor reports a form's text in the form's own space, so each form is read on
    its own and placed by the page's matrix in force at its ``Do``.
    """
    from pypdf import PageObject
    from pypdf.generic import ArrayObject, ContentStream, NameObject

    def heights(content: object, resources: object, matrix: list[float]) -> list[float]:
        sheet = PageObject(page.pdf)  # type: ignore[attr-defined]
        sheet[NameObject("/Resources")] = resources
        sheet.replace_contents(content)  # type: ignore[arg-type]
        found: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], _fd: object, _fs: object) -> None:
            if needle in text:
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                found.append(matrix[1] * x + matrix[3] * y + matrix[5])

        sheet.extract_text(visitor_text=visit)
        return found

    resources = page["/Resources"].get_object()  # type: ignore[index]
    forms = {name: ref.get_object() for name, ref in resources.get("/XObject", {}).items()
             if ref.get_object().get("/Subtype") == "/Form"}
    own = ContentStream(page.get_contents(), page.pdf)  # type: ignore[attr-defined]
    placed: list[float] = []
    stack: list[list[float]] = []
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    for operands, operator in own.operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = ctm  # noqa: N806
            ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
        elif operator == b"Do" and operands[0] in forms:
            form = forms[operands[0]]
            placed += heights(ContentStream(form, page.pdf), form["/Resources"], ctm)  # type: ignore[attr-defined]
    own.operations = [(o, op) for o, op in own.operations if not (op == b"Do" and o[0] in forms)]
    return heights(own, resources, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]) + placed
