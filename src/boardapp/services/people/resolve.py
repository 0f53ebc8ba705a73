"""People and themes named in imported text: matched by name (case and spacing ignored) or created.

The importer's preview uses the same matching (``name_key``, ``match_theme``) to say
which owners and themes are new, so what it shows is what the import does. Creating
is part of the caller's transaction (no commit here).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlmodel import Session

from boardapp.db.models import Person, Theme
from boardapp.services.audit import record_change

_LABEL = re.compile(
    r"^(?:(?:theme|priority|workstream|work stream|area|section|strand|objective|outcome)\s*)?"
    r"(?P<code>[A-Za-z]{0,3}\d{1,3}(?:\.\d{1,2})?|[A-Za-z])\s*[:.)\-–—]\s*(?P<title>.+)$",
    re.IGNORECASE,
)


def name_key(text: str) -> str:
    """How names compare: case, spacing and non-breaking spaces ignored."""
    return " ".join(str(text or "").replace("\u00a0", " ").split()).casefold()


class ThemeLike(Protocol):
    id: int
    code: str
    title: str


def split_theme_label(text: str) -> tuple[str | None, str]:
    """'Theme 3: Children in care' → ('3', 'Children in care'); 'Leadership' → (None, 'Leadership')."""
    cleaned = " ".join(str(text).split())
    match = _LABEL.match(cleaned)
    if match and len(match["title"].strip()) >= 3:
        return match["code"], match["title"].strip()
    return None, cleaned


def match_theme(text: str, themes: Sequence[ThemeLike]) -> int | None:
    """The id of the theme ``text`` names (by title, code, or 'code: title'), or None."""
    key = name_key(text)
    if not key:
        return None
    code, title = split_theme_label(text)
    title_key = name_key(title)
    for theme in themes:
        if name_key(theme.title) in (key, title_key) or name_key(theme.code) == key:
            return theme.id
        if f"{name_key(theme.code)} {name_key(theme.title)}" == key:
            return theme.id
    if code is not None:
        for theme in themes:
            if name_key(theme.code) in (name_key(code), name_key(f"T{code}")) and name_key(theme.title) == title_key:
                return theme.id
    return None


def people_by_key(*, session: Session) -> dict[str, int]:
    """Name key → id of everyone in the directory (the lowest id when two share a name)."""
    found: dict[str, int] = {}
    for person_id, name in session.execute(select(Person.id, Person.name).order_by(Person.id)):  # type: ignore[call-overload]
        found.setdefault(name_key(name), person_id)
    return found


def resolve_people(names: Iterable[str], *, session: Session, who: str) -> tuple[dict[str, int], list[int]]:
    """Name key → person id for each name, creating the people not yet in the directory.

    Returns the mapping and the ids created (so an undo can remove them again).
    """
    known = people_by_key(session=session)
    created: list[int] = []
    for name in names:
        key = name_key(name)
        if not key or key in known:
            continue
        person = Person(name=" ".join(name.split()))
        session.add(person)
        session.flush()
        assert person.id is not None
        known[key] = person.id
        created.append(person.id)
        record_change(session, who=who, entity="person", entity_id=person.id, field="created", old=None,
                      new=person.name)
    return known, created


def live_themes(*, session: Session) -> list["ThemeKey"]:
    """The themes an imported label is matched against (deleted ones are not)."""
    rows = session.execute(select(Theme.id, Theme.code, Theme.title).where(Theme.deleted_at.is_(None))  # type: ignore[union-attr, call-overload]
                           .order_by(Theme.sort_order, Theme.code))
    return [ThemeKey(i, code, title) for i, code, title in rows]


def new_theme_code(hint: str | None, taken: set[str]) -> str:
    """A free theme code: 'T3' for 'Theme 3: …' when free, else the next 'T<n>'."""
    if hint:
        candidate = hint.upper() if not hint.isdigit() else f"T{int(hint)}"
        if candidate.casefold() not in taken:
            return candidate
    numbers = [int(c[1:]) for c in taken if re.fullmatch(r"t\d+", c)]
    n = max(numbers, default=0) + 1
    while f"t{n}" in taken:
        n += 1
    return f"T{n}"


def resolve_themes(labels: Iterable[str], *, session: Session, who: str) -> tuple[dict[str, int], list[int]]:
    """Name key of each label → theme id, creating the themes that match none."""
    themes = live_themes(session=session)
    taken = {name_key(code) for (code,) in session.execute(select(Theme.code))}  # type: ignore[call-overload]
    found: dict[str, int] = {}
    created: list[int] = []
    order = max((row[0] for row in session.execute(select(Theme.sort_order))), default=0)  # type: ignore[call-overload]
    for label in labels:
        key = name_key(label)
        if not key or key in found:
            continue
        theme_id = match_theme(label, themes)
        if theme_id is None:
            hint, title = split_theme_label(label)
            code = new_theme_code(hint, taken)
            taken.add(code.casefold())
            order += 1
            theme = Theme(code=code, title=title, sort_order=order)
            session.add(theme)
            session.flush()
            assert theme.id is not None
            theme_id = theme.id
            created.append(theme_id)
            themes.append(ThemeKey(theme_id, code, title))
            record_change(session, who=who, entity="theme", entity_id=theme_id, field="created", old=None,
                          new=f"{code} {title}")
        found[key] = theme_id
    return found, created


@dataclass(frozen=True, slots=True)
class ThemeKey:
    id: int
    code: str
    title: str


def is_referenced(table: str, row_id: int, *, session: Session) -> bool:
    """Whether anything in the workspace points at ``table`` row ``row_id`` (before removing what an import added)."""
    from sqlalchemy import func

    from boardapp.db.models import ALL_TABLES

    for other in ALL_TABLES:
        for fk in other.foreign_keys:
            if fk.column.table.name == table:
                count = session.execute(select(func.count()).select_from(other).where(fk.parent == row_id)).scalar()
                if count:
                    return True
    return False
