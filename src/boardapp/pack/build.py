"""Making the meeting pack: ``render_pack`` (PackData → PDF) and ``export_pack`` (workspace → PDF).

Both write atomically: the PDF is built in a temporary file beside the target and moved
into place only when complete, so a cancelled or failed export leaves nothing behind.
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from boardapp.pack.sections import SECTIONS
from boardapp.pack.styles import LANDSCAPE, MARGIN_X, PORTRAIT
from boardapp.pack.templates import (
    CancelFn, ContentsFlowable, Furniture, Heading, PackCancelled, PackDocTemplate, ProgressFn,
)
from boardapp.services.pack_data import PackData, PackError, read_pack_data

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["PackCancelled", "PackError", "build_story", "export_pack", "render_pack"]

_WIDTH = {"portrait": PORTRAIT[0] - 2 * MARGIN_X, "landscape": LANDSCAPE[0] - 2 * MARGIN_X}


def furniture_for(data: PackData) -> Furniture:
    m = data.meeting
    when = f"{m.meeting_date.day} {m.meeting_date:%B %Y}"
    return Furniture(
        marking=data.marking,
        header_left=f"{m.title}: meeting pack",
        header_right=f"Pack version {data.pack_version}",
        footer_left=data.board_name,
        footer_right=f"Meeting of {when}",
    )


def build_story(data: PackData, cancelled: CancelFn | None = None) -> tuple[list[Flowable], str]:
    """The flowables of every enabled section, each starting on a new page of its orientation.

    Returns the story and the orientation of the first page. The contents flowable is
    told its entries here (every Heading in the story), before layout.
    """
    known = {s.key: s for s in SECTIONS}
    missing = [k for k in data.sections if k not in known]
    if missing:
        raise PackError(f"the pack has no section {missing[0]!r}; valid sections are: {', '.join(known)}")
    story: list[Flowable] = []
    first_orientation = ""
    for section in SECTIONS:
        if not data.enabled(section.key):
            continue
        if cancelled is not None and cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        if not first_orientation:
            first_orientation = section.orientation
        else:
            story += [NextPageTemplate(section.orientation), PageBreak()]
        story += section.build(data, _WIDTH[section.orientation])
    entries = [(f.outline_level, f.outline_title, f.outline_key) for f in story if isinstance(f, Heading)]
    for f in story:
        if isinstance(f, ContentsFlowable):
            f.set_expected(entries)
    return story, first_orientation or "portrait"


def render_pack(
    data: PackData, out_path: Path | str, *, progress: ProgressFn | None = None, cancelled: CancelFn | None = None
) -> int:
    """Write the pack for ``data`` to ``out_path`` (atomically); returns the number of pages."""
    target = Path(out_path)
    if not target.parent.is_dir():
        raise PackError(f"cannot write {target}: the folder {target.parent} does not exist")
    if progress:
        progress(10, "Preparing sections")
    story, first = build_story(data, cancelled)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".part")
    os.close(fd)
    try:
        doc = PackDocTemplate(
            temp_name, furniture=furniture_for(data), title=data.title,
            author=f"{data.board_name} secretariat", subject=data.subject, keywords=data.keywords,
            progress=progress, cancelled=cancelled, first_template=first,
        )
        doc.multiBuild(story, canvasmaker=doc.canvas_maker)
        pages = doc.page
        if cancelled is not None and cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    if progress:
        progress(100, f"Done: {pages} pages")
    return pages


def export_pack(
    engine: "Engine",
    out_path: Path | str,
    *,
    meeting: str | int = "next",
    marking: str | None = None,
    sections: list[str] | str | None = None,
    today: date | None = None,
    full_complete: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> int:
    """Read the workspace and write its meeting pack; returns the page count.

    Raises PackError (a ValueError) with a clear message for a bad meeting, section or
    marking, and PackCancelled when ``cancelled()`` turns true (no file is left).
    """
    if progress:
        progress(0, "Reading the plan")
    data = read_pack_data(engine, meeting=meeting, marking=marking, sections=sections, today=today,
                          full_complete=full_complete)
    if cancelled is not None and cancelled():
        raise PackCancelled("the meeting pack export was cancelled")
    return render_pack(data, out_path, progress=progress, cancelled=cancelled)
