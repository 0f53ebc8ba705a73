"""The History page's CSV export: every entry the filter matches, newest first, injection-safe."""
from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from boardapp.exchange.export_tables import neutralise
from boardapp.services.history import HistoryFilter, count_entries, history_page

HEADERS = ("When (UTC)", "Who", "Kind", "Ref", "Title", "Field", "Old", "New")


def export_history_csv(
    engine: Engine, flt: HistoryFilter, path: Path, *,
    progress: Callable[[int], None] | None = None, cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the matching entries to ``path`` (UTF-8 with BOM for Excel); return how many rows.

    Every text cell starting ``= + - @`` tab or CR is prefixed with an apostrophe so a
    spreadsheet shows it as text and never runs it as a formula. Written to a temporary
    file first and renamed, so a cancelled or failed export leaves no half file.
    """
    tmp = path.with_name(path.name + ".part")
    written = 0
    try:
        with Session(engine) as session, tmp.open("w", newline="", encoding="utf-8-sig") as out:
            total = max(1, count_entries(flt, session=session))
            writer = csv.writer(out)
            writer.writerow(HEADERS)
            cursor = None
            while True:
                if cancelled is not None and cancelled():
                    raise InterruptedError("export cancelled")
                page = history_page(flt, session=session, after=cursor, limit=2000)
                for e in page.entries:
                    writer.writerow([neutralise(str(v)) for v in (
                        e.at.strftime("%d/%m/%Y %H:%M:%S"), e.who, e.kind_label, e.ref, e.title, e.field,
                        e.old_text or "", e.new_text or "")])
                written += len(page.entries)
                if progress is not None:
                    progress(int(100 * written / total))
                if page.cursor is None:
                    break
                cursor = page.cursor
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return written
