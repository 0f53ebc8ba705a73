"""Draft minutes to Word (.docx): the council edits and approves them in Word.

Plain headings and tables with Word's built-in styles (so the council's own template
restyles them), the protective marking in the page header and footer, and "Page x of y"
as Word fields (Word fills them in).
"""
from __future__ import annotations

import os
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from boardapp.files import new_file_beside
from boardapp.services.meetings.draft_minutes import MinutesData

MARKING_RED = RGBColor(0xB0, 0x00, 0x20)


def _field(paragraph: object, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in the paragraph."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, end):
        run._r.append(element)


def _marking(paragraph: object, marking: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    run = paragraph.add_run(marking)  # type: ignore[attr-defined]
    run.bold = True
    run.font.color.rgb = MARKING_RED


def _names(document: object, heading: str, names: tuple[str, ...], none_text: str = "None.") -> None:
    document.add_heading(heading, level=2)  # type: ignore[attr-defined]
    if not names:
        document.add_paragraph(none_text)  # type: ignore[attr-defined]
    for name in names:
        document.add_paragraph(name, style="List Bullet")  # type: ignore[attr-defined]


def _table(document: object, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = text


def build_document(data: MinutesData) -> object:
    """The draft minutes as a python-docx Document."""
    document = Document()
    core = document.core_properties
    core.title = f"Draft minutes: {data.heading}"
    core.author = data.board_name
    core.subject = f"{data.board_name} minutes"
    core.language = "en-GB"
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    section = document.sections[0]
    _marking(section.header.paragraphs[0], data.marking)
    footer = section.footer.paragraphs[0]
    _marking(footer, data.marking)
    numbers = section.footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.CENTER
    numbers.add_run("Page ")
    _field(numbers, "PAGE")
    numbers.add_run(" of ")
    _field(numbers, "NUMPAGES")

    document.add_heading(data.board_name, level=0)
    document.add_paragraph(("Draft minutes" if data.approved_on is None
                            else f"Minutes, approved {data.approved_on:%d/%m/%Y}") + f" — {data.heading}")
    where = ", ".join(part for part in (data.start_time, data.place) if part)
    if where:
        document.add_paragraph(where)
    if data.chair:
        document.add_paragraph(f"Chair: {data.chair}")
    _names(document, "Present", data.present)
    _names(document, "Apologies", data.apologies)
    _names(document, "In attendance", data.in_attendance)
    if data.absent:
        _names(document, "Absent", data.absent)

    document.add_heading("Minutes", level=1)
    for item in data.items:
        document.add_heading(f"{item.number}. {item.title}" + (" (Part B: confidential)" if item.confidential else ""),
                             level=2)
        if item.presenter:
            document.add_paragraph(f"Presented by {item.presenter}.").runs[0].italic = True
        for paragraph in (item.notes.strip() or "No minutes recorded.").split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())

    document.add_heading("Decisions", level=1)
    if data.decisions:
        _table(document, ("No.", "Item", "Decision", "Owner", "Due"),
               [(d.label, d.item_number, d.text, d.owner, f"{d.due_date:%d/%m/%Y}" if d.due_date else "")
                for d in data.decisions])
    else:
        document.add_paragraph("No decisions were recorded.")
    document.add_heading("Actions arising", level=1)
    if data.actions:
        _table(document, ("Ref", "Item", "Action", "Owner", "Due"),
               [(a.ref, a.item_number, a.title, a.owner or "—", f"{a.due_date:%d/%m/%Y}") for a in data.actions])
    else:
        document.add_paragraph("No actions arose.")
    document.add_heading("Challenges", level=1)
    if data.challenges:
        _table(document, ("Item", "Raised by", "To", "Challenge", "Response", "Status"),
               [(c.item_number, c.raised_by, c.directed_to, c.challenge, c.response, c.status)
                for c in data.challenges])
    else:
        document.add_paragraph("No challenges were logged.")
    return document


def write_minutes_docx(data: MinutesData, path: Path) -> Path:
    """Write the .docx whole or not at all (a temporary file beside it, then a rename)."""
    path = Path(path)
    document = build_document(data)
    temporary = str(new_file_beside(path, prefix=f".{path.stem}-", suffix=".docx"))
    try:
        document.save(temporary)  # type: ignore[attr-defined]
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
