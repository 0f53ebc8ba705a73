"""Reads of the board's people and the plan's themes, as frozen rows (no ORM: the open path uses them)."""
from __future__ import annotations

from boardapp.services.connection import Reader, dbapi, to_date
from boardapp.services.rows import PersonRow, ThemeRow

_PERSON = "SELECT id, name, role, organisation, email, is_member, left_on, version FROM person "


def person_from(found: tuple) -> PersonRow:  # type: ignore[type-arg]
    i, name, role, organisation, email, member, left_on, version = found[:8]
    return PersonRow(i, name, role, organisation, email or "", bool(member), to_date(left_on), version)


def list_people(*, session: Reader, active_only: bool = False) -> list[PersonRow]:
    """Everyone in the directory, by name (``active_only``: not those who have left)."""
    where = "WHERE left_on IS NULL " if active_only else ""
    rows = dbapi(session).execute(_PERSON + where + "ORDER BY name COLLATE NOCASE, id")
    return [person_from(r) for r in rows]


def owner_choices(people: list[PersonRow], current: int | None = None) -> list[PersonRow]:
    """Who may be chosen as an owner or lead: those still here, and whoever holds it now."""
    return [p for p in people if p.left_on is None or p.id == current]


def list_themes(*, session: Reader) -> list[ThemeRow]:
    """The plan's live themes in their order, with the lead's name."""
    rows = dbapi(session).execute(
        "SELECT t.id, t.code, t.title, coalesce(p.name, ''), t.ilacs_area, t.lead_id, t.sort_order, t.version "
        "FROM theme t LEFT JOIN person p ON p.id = t.lead_id WHERE t.deleted_at IS NULL "
        "ORDER BY t.sort_order, t.code"
    )
    return [ThemeRow(*r) for r in rows]
