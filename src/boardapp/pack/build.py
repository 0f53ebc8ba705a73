"""Making the meeting pack: ``render_pack`` (PackData → PDF) and ``export_pack`` (workspace → PDF).

Both write atomically: the PDF is built in a temporary file beside the target and moved
into place only when complete, so a cancelled or failed export leaves nothing behind.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from boardapp.pack.assembly import assemble
from boardapp.pack.papers import merge_papers
from boardapp.pack.templates import CancelFn, Furniture, PackCancelled, PackDocTemplate, ProgressFn
from boardapp.pack.parts import next_supplement_number, supplement_papers
from boardapp.services.pack_data import (
    CONFIDENTIAL_MARKING, PART_CONFIDENTIAL, PART_SUPPLEMENT, PackData, PackError, read_pack_data, record_issue,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["ExportResult", "PackCancelled", "PackError", "build_story", "export_all", "export_pack", "render_pack"]

def furniture_for(data: PackData) -> Furniture:
    m = data.meeting
    when = f"{m.meeting_date.day} {m.meeting_date:%B %Y}"
    return Furniture(
        marking=data.marking,
        header_left=f"{m.title}: {data.pack_label}",
        header_right=f"Pack version {data.pack_version}",
        footer_left=data.board_name,
        footer_right=f"Meeting of {when}",
    )


def build_story(data: PackData, cancelled: CancelFn | None = None) -> tuple[list[Flowable], str]:
    """The flowables of the document (see ``pack.assembly``) and the orientation of its first page."""
    asm = assemble(data, cancelled)
    return asm.story, asm.first_orientation or "portrait"


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def render_pack(
    data: PackData, out_path: Path | str, *, progress: ProgressFn | None = None, cancelled: CancelFn | None = None
) -> int:
    """Write the document for ``data`` to ``out_path`` (atomically); returns the number of pages.

    Papers are read before anything is written, so an unreadable one stops the export with
    nothing left behind; layout goes to a temporary file, papers are merged into a second one,
    and only the finished file is moved into place.
    """
    target = Path(out_path)
    if not target.parent.is_dir():
        raise PackError(f"cannot write {target}: the folder {target.parent} does not exist")
    if progress:
        progress(10, "Preparing sections")
    asm = assemble(data, cancelled)
    temps: list[str] = []

    def temp() -> str:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".part")
        os.close(fd)
        temps.append(name)
        return name

    try:
        laid_out = temp()
        doc = PackDocTemplate(
            laid_out, furniture=furniture_for(data), title=data.title,
            author=f"{data.board_name} secretariat", subject=data.subject, keywords=data.keywords,
            progress=progress, cancelled=cancelled, first_template=asm.first_orientation or "portrait",
        )
        for name, size in asm.page_sizes.items():
            doc.add_page_template(name, size)
        doc.outline_plan = list(asm.entries)
        doc.multiBuild(asm.story, canvasmaker=doc.canvas_maker)
        pages = doc.page
        if cancelled is not None and cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        finished = laid_out
        if doc.paper_slots:
            if progress:
                progress(92, f"Merging {len(asm.papers)} papers")
            finished = temp()
            merge_papers(laid_out, finished, doc.paper_slots, asm.papers)
        if cancelled is not None and cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        os.replace(finished, target)
    finally:
        for name in temps:
            _remove(name)
    if progress:
        progress(100, f"Done: {pages} pages")
    return pages


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the main document's pages, and the confidential part's (0 when not made)."""

    pages: int
    path: Path
    confidential_pages: int = 0
    confidential_path: Path | None = None
    supplement: int | None = None
    meeting_id: int = 0
    paper_ids: tuple[int, ...] = ()


def confidential_part(data: PackData) -> PackData:
    """The same pack data as the confidential part (Part B), always marked OFFICIAL-SENSITIVE."""
    return replace(data, part=PART_CONFIDENTIAL, marking=CONFIDENTIAL_MARKING)


def supplement_part(data: PackData, number: int) -> PackData:
    """Supplement ``number``: the late papers it carries; refused by name when there are none."""
    shaped = replace(data, part=PART_SUPPLEMENT, supplement=number, papers=True)
    if number < 1:
        raise PackError(f"--supplement must be 1 or more, not {number}")
    if not supplement_papers(shaped, number):
        nxt = next_supplement_number(shaped)
        raise PackError(
            f"there is nothing for Supplement {number}: it would carry the late papers (added after the pack was "
            f"issued) " + (f"and the next supplement is {nxt}" if nxt != number else "and there are none")
        )
    return shaped


def export_document(
    data: PackData, out_path: Path | str, *, confidential_out: Path | str | None = None,
    supplement: int | None = None, progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
) -> ExportResult:
    """Write the pack (and its confidential part), or one supplement; nothing is left half-written."""
    target = Path(out_path)
    if supplement is not None:
        part = supplement_part(data, supplement)
        pages = render_pack(part, target, progress=progress, cancelled=cancelled)
        papers = tuple(p.id for p in supplement_papers(part, supplement))
        return ExportResult(pages, target, supplement=supplement, meeting_id=data.meeting.id, paper_ids=papers)
    if confidential_out is None:
        return ExportResult(render_pack(data, target, progress=progress, cancelled=cancelled), target,
                            meeting_id=data.meeting.id)
    other = Path(confidential_out)
    if other.resolve() == target.resolve():
        raise PackError("the confidential part needs a file of its own (--confidential-out), not the pack's")
    if not other.parent.is_dir():
        raise PackError(f"cannot write {other}: the folder {other.parent} does not exist")
    fd, staged = tempfile.mkstemp(dir=other.parent, prefix=f".{other.stem}.", suffix=".part.pdf")
    os.close(fd)
    try:
        secret_pages = render_pack(confidential_part(data), staged, cancelled=cancelled)
        pages = render_pack(data, target, progress=progress, cancelled=cancelled)
        os.replace(staged, other)
    finally:
        _remove(staged)
    return ExportResult(pages, target, secret_pages, other, meeting_id=data.meeting.id)


def export_pack(
    engine: "Engine",
    out_path: Path | str,
    *,
    meeting: str | int = "next",
    marking: str | None = None,
    sections: list[str] | str | None = None,
    today: date | None = None,
    full_complete: bool = False,
    papers: bool = True,
    confidential_out: Path | str | None = None,
    supplement: int | None = None,
    final_by: str | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> int:
    """Read the workspace and write its meeting pack; returns the page count (see ``export_all``)."""
    return export_all(engine, out_path, meeting=meeting, marking=marking, sections=sections, today=today,
                      full_complete=full_complete, papers=papers, confidential_out=confidential_out,
                      supplement=supplement, final_by=final_by, progress=progress, cancelled=cancelled).pages


def export_all(
    engine: "Engine",
    out_path: Path | str,
    *,
    meeting: str | int = "next",
    marking: str | None = None,
    sections: list[str] | str | None = None,
    today: date | None = None,
    full_complete: bool = False,
    papers: bool = True,
    confidential_out: Path | str | None = None,
    supplement: int | None = None,
    final_by: str | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> ExportResult:
    """Read the workspace and write the pack, its confidential part or a supplement.

    ``final_by`` (who issues it) makes it a final export: the meeting's pack is recorded as issued
    (papers added later are late), or a supplement's late papers are recorded as sent in it.
    Raises PackError (a ValueError) with a clear message for a bad meeting, section, marking or
    paper, and PackCancelled when ``cancelled()`` turns true (no file is left).
    """
    if progress:
        progress(0, "Reading the plan")
    data = read_pack_data(engine, meeting=meeting, marking=marking, sections=sections, today=today,
                          full_complete=full_complete, papers=papers)
    if cancelled is not None and cancelled():
        raise PackCancelled("the meeting pack export was cancelled")
    result = export_document(data, out_path, confidential_out=confidential_out, supplement=supplement,
                             progress=progress, cancelled=cancelled)
    if final_by is not None:
        record_issue(engine, data.meeting.id, who=final_by, supplement=supplement, paper_ids=result.paper_ids)
    return result
