"""Reads of the board's people and the plan's themes, as frozen rows (no ORM: the open path uses them)."""
from __future__ import annotations

from boardapp.services.connection import Reader, dbapi
from boardapp.services.rows import PersonRow, ThemeRow


def list_people(*, session: Reader) -> list[PersonRow]:
    """Everyone in the directory, by name."""
    rows = dbapi(session).execute("SELECT id, name, role, organisation FROM person ORDER BY name, id")
    return [PersonRow(i, name, role, organisation) for i, name, role, organisation in rows]


def list_themes(*, session: Reader) -> list[ThemeRow]:
    """The plan's themes in their order, with the lead's name."""
    rows = dbapi(session).execute(
        "SELECT t.id, t.code, t.title, coalesce(p.name, ''), t.ilacs_area FROM theme t "
        "LEFT JOIN person p ON p.id = t.lead_id ORDER BY t.sort_order, t.code"
    )
    return [ThemeRow(i, code, title, lead, area) for i, code, title, lead, area in rows]
