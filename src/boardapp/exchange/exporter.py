"""Exports as one call the window and the command line share: what, which format, where."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from boardapp.exchange.export_tables import ACTION_COLUMNS, RISK_COLUMNS, write_csv, write_xlsx

WHATS = ("actions", "risks", "calendar")
FORMATS = {"actions": ("xlsx", "csv"), "risks": ("xlsx", "csv"), "calendar": ("ics",)}


def board_name(*, session: Any) -> str:
    from boardapp.services.connection import dbapi

    found = dbapi(session).execute("SELECT name FROM board ORDER BY id LIMIT 1").fetchone()
    return found[0] if found else "Improvement Board"


def export(what: str, file_format: str, out: Path, *, session: Any, today: date,
           rows: Sequence[Any] | None = None) -> int:
    """Write ``what`` ('actions', 'risks', 'calendar') as ``file_format`` to ``out``; the number of rows or events.

    ``rows``: the actions to write (the register's current view); all live actions when None.
    """
    if what not in FORMATS:
        raise ValueError(f"cannot export {what!r} (actions, risks or calendar)")
    if file_format not in FORMATS[what]:
        raise ValueError(f"{what} export as {file_format} is not offered ({' or '.join(FORMATS[what])})")
    if what == "calendar":
        from boardapp.exchange.export_ics import write_ics
        from boardapp.services.calendar_feed import calendar_events

        events = calendar_events(session=session)
        write_ics(events, out, board=board_name(session=session))
        return len(events)
    if what == "actions":
        if rows is None:
            from boardapp.services.plan.register_read import list_action_rows

            rows = list_action_rows(session=session, today=today, by_ref=True)
        columns, title = ACTION_COLUMNS, "Actions"
    else:
        from boardapp.services.plan.filters import natural_key
        from boardapp.services.risks.import_risks import risk_values

        rows = sorted(risk_values(session=session), key=lambda r: natural_key(r.ref))
        columns, title = RISK_COLUMNS, "Risks"
    if file_format == "csv":
        write_csv(rows, columns, out)
    else:
        write_xlsx(rows, columns, out, title=title)
    return len(rows)
