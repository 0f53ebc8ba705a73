"""Export minutes…: the chosen meeting's draft minutes to Word (.docx) or PDF, by the file's extension.

Minutes are a few pages, so they are written at once (well under a second); a failure is a
message naming the file, and nothing half-written is left (the writers write beside, then rename).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from boardapp.ui.common import msgbox

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from boardapp.ui.common.context import AppContext

FILTER = "Word document (*.docx);;PDF (*.pdf)"


def suggested_name(heading_date: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "-", f"minutes-{heading_date}").strip("-") + ".docx"


def export_minutes(ctx: "AppContext", meeting_id: int, parent: "QWidget | None" = None) -> Path | None:
    """Ask where, then write; returns the file written (None when cancelled or refused)."""
    from boardapp.domain.rules import ValidationError
    from boardapp.services.meetings.draft_minutes import minutes_data

    try:
        with ctx.session() as session:
            data = minutes_data(meeting_id, session=session)
    except ValidationError as exc:
        msgbox.warning(parent, "Export minutes", str(exc))
        return None
    folder = ctx.db_path.parent if ctx.db_path else Path.home()
    target = msgbox.save_file(parent, "Export minutes", folder / suggested_name(data.meeting_date.isoformat()), FILTER)
    if target is None:
        return None
    if target.suffix.lower() not in (".docx", ".pdf"):
        target = target.with_suffix(".docx")
    try:
        write_minutes(data, target)
    except OSError as exc:
        msgbox.warning(parent, "Export minutes", f"{target}: the minutes could not be written ({exc.strerror or exc}).")
        return None
    msgbox.information(parent, "Export minutes", f"The draft minutes of {data.heading} are in {target}.")
    return target


def write_minutes(data: object, target: Path) -> None:
    if target.suffix.lower() == ".pdf":
        from boardapp.pack.minutes import write_minutes_pdf

        write_minutes_pdf(data, target)  # type: ignore[arg-type]
    else:
        from boardapp.exchange.minutes_docx import write_minutes_docx

        write_minutes_docx(data, target)  # type: ignore[arg-type]
