"""The plan's themes (workstreams): add, edit, reorder, delete, and move a theme's actions.

A theme that still has live actions is never deleted: its actions are moved to another
theme first (``delete_theme(..., move_actions_to=...)`` does both in one transaction).
A theme nothing refers to is removed outright (its code is free again); one with history
(deleted actions, measures, risks, agenda items) is soft-deleted and can be brought back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, func, select

from boardapp.db.models import Action, AgendaItem, Kpi, Person, Risk, Theme
from boardapp.db.types import utcnow
from boardapp.domain.enums import ActionStatus, IlacsArea
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.connection import Reader, dbapi
from boardapp.services.people.errors import ConflictError, InUseError, NotFoundError
from boardapp.services.people.people import tidy
from boardapp.services.rows import ThemeRow
from boardapp.services.transaction import write_transaction

ENTITY = "theme"
EDITABLE_FIELDS = ("code", "title", "lead_id", "ilacs_area")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{0,9}")

#: The starter set offered for a new board: one theme per ILACS judgement area.
ILACS_STARTER: tuple[tuple[str, str, str], ...] = (
    ("T1", "Impact of leaders on social work practice", IlacsArea.LEADERS.value),
    ("T2", "Children who need help and protection", IlacsArea.HELP_AND_PROTECTION.value),
    ("T3", "Children in care", IlacsArea.CHILDREN_IN_CARE.value),
    ("T4", "Care leavers", IlacsArea.CARE_LEAVERS.value),
)


def validate_theme(values: dict[str, Any], *, where: str = "") -> dict[str, Any]:
    """Tidied values, or ValidationError naming the field (``where`` prefixes it, e.g. 'themes row 2')."""
    def field(name: str) -> str:
        return f"{where} {name}".strip()

    clean = dict(values)
    if "code" in clean:
        clean["code"] = tidy(clean["code"]).upper()
        if not clean["code"]:
            raise ValidationError(field("code"), "a theme needs a short code (e.g. T1); action refs start with it")
        if not _CODE.fullmatch(clean["code"]):
            raise ValidationError(field("code"), f"{clean['code']!r} must be letters, digits or '-', at most 10 (e.g. T1)")
    if "title" in clean:
        clean["title"] = tidy(clean["title"])
        if not clean["title"]:
            raise ValidationError(field("title"), "a theme needs a title")
        if len(clean["title"]) > 200:
            raise ValidationError(field("title"), "is too long (at most 200 characters)")
    if clean.get("ilacs_area") in ("",):
        clean["ilacs_area"] = None
    if clean.get("ilacs_area") is not None and clean["ilacs_area"] not in IlacsArea.__members__:
        raise ValidationError(field("ilacs_area"), f"unknown ILACS area {clean['ilacs_area']!r}")
    return clean


# -- reads ------------------------------------------------------------------------------------------
def list_theme_rows(*, session: Reader) -> list[ThemeRow]:
    """Live themes in plan order with their lead and how many live and open actions they hold."""
    rows = dbapi(session).execute(
        "SELECT t.id, t.code, t.title, coalesce(p.name, ''), t.ilacs_area, t.lead_id, t.sort_order, t.version, "
        "(SELECT count(*) FROM action a WHERE a.theme_id = t.id AND a.deleted_at IS NULL), "
        "(SELECT count(*) FROM action a WHERE a.theme_id = t.id AND a.deleted_at IS NULL AND a.status <> ?) "
        "FROM theme t LEFT JOIN person p ON p.id = t.lead_id WHERE t.deleted_at IS NULL "
        "ORDER BY t.sort_order, t.code", (ActionStatus.COMPLETE.value,),
    )
    return [ThemeRow(*r) for r in rows]


def theme_row(theme_id: int, *, session: Reader) -> ThemeRow:
    for row in list_theme_rows(session=session):
        if row.id == theme_id:
            return row
    raise NotFoundError(f"theme {theme_id} is not in the plan")


def _get(session: Session, theme_id: int, *, allow_deleted: bool = False) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None or (theme.deleted_at is not None and not allow_deleted):
        raise NotFoundError(f"theme {theme_id} is not in the plan (it may have been deleted)")
    return theme


def _check(session: Session, values: dict[str, Any], *, theme_id: int | None, where: str = "") -> None:
    field = (lambda name: f"{where} {name}".strip())
    if "code" in values:
        clash = session.exec(select(Theme).where(Theme.code == values["code"], Theme.id != theme_id)).first()
        if clash is not None:
            if clash.deleted_at is None:
                raise ValidationError(field("code"), f"code {values['code']} is already used by “{clash.title}”")
            raise ValidationError(field("code"), f"code {values['code']} belonged to the deleted theme “{clash.title}”; "
                                                 "choose another code")
    if values.get("lead_id") is not None and session.get(Person, values["lead_id"]) is None:
        raise ValidationError(field("lead_id"), f"person {values['lead_id']} is not in the directory")


# -- edits ------------------------------------------------------------------------------------------
def add_theme(session: Session, *, who: str, code: str, title: str, lead_id: int | None = None,
              ilacs_area: str | None = None, where: str = "") -> Theme:
    """Insert a theme at the end of the plan in the caller's transaction (no commit)."""
    values = validate_theme({"code": code, "title": title, "lead_id": lead_id, "ilacs_area": ilacs_area}, where=where)
    _check(session, values, theme_id=None, where=where)
    last = session.exec(select(func.max(Theme.sort_order)).where(Theme.deleted_at.is_(None))).one()  # type: ignore[union-attr]
    theme = Theme(**values, sort_order=(last or 0) + 1)
    session.add(theme)
    session.flush()
    assert theme.id is not None
    record_change(session, who=who, entity=ENTITY, entity_id=theme.id, field="created", old=None,
                  new=f"{theme.code} {theme.title}")
    return theme


def create_theme(*, session: Session, who: str, code: str, title: str, lead_id: int | None = None,
                 ilacs_area: str | None = None) -> ThemeRow:
    with write_transaction(session):
        theme = add_theme(session, who=who, code=code, title=title, lead_id=lead_id, ilacs_area=ilacs_area)
    assert theme.id is not None
    return theme_row(theme.id, session=session)


def update_theme(theme_id: int, changes: dict[str, Any], *, session: Session, who: str,
                 expected_version: int | None = None) -> ThemeRow:
    if unknown := set(changes) - set(EDITABLE_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of a theme")
    clean = validate_theme(changes)
    with write_transaction(session):
        theme = _get(session, theme_id)
        if expected_version is not None and theme.version != expected_version:
            raise ConflictError(f"theme {theme.code} was changed elsewhere since it was read; nothing was saved. "
                                "Reload and try again.")
        _check(session, clean, theme_id=theme_id)
        for name, new in clean.items():
            old = getattr(theme, name)
            if old != new:
                record_change(session, who=who, entity=ENTITY, entity_id=theme_id, field=name, old=old, new=new)
                setattr(theme, name, new)
        session.add(theme)  # the version moves on with the UPDATE (db.models.Versioned)
    return theme_row(theme_id, session=session)


def set_theme_order(theme_ids: list[int], *, session: Session, who: str) -> list[int]:
    """Put the live themes in this order (every live theme, once); returns the order they had before."""
    with write_transaction(session):
        live = session.exec(select(Theme).where(Theme.deleted_at.is_(None)).order_by(Theme.sort_order, Theme.code)).all()  # type: ignore[union-attr]
        before = [t.id for t in live]
        if sorted(theme_ids) != sorted(before):  # type: ignore[type-var]
            raise ConflictError("the themes changed since they were read; nothing was saved. Reload and try again.")
        by_id = {t.id: t for t in live}
        for position, theme_id in enumerate(theme_ids, start=1):
            theme = by_id[theme_id]
            if theme.sort_order != position:
                record_change(session, who=who, entity=ENTITY, entity_id=theme_id, field="sort_order",
                              old=theme.sort_order, new=position)
                theme.sort_order = position
                session.add(theme)
    return [i for i in before if i is not None]


def move_theme(theme_id: int, step: int, *, session: Session, who: str) -> list[int] | None:
    """Move a theme up (-1) or down (+1) the plan; returns the old order, or None at either end."""
    order = [t.id for t in list_theme_rows(session=session)]
    if theme_id not in order:
        raise NotFoundError(f"theme {theme_id} is not in the plan")
    at = order.index(theme_id)
    to = at + step
    if not 0 <= to < len(order):
        return None
    order[at], order[to] = order[to], order[at]
    return set_theme_order(order, session=session, who=who)


@dataclass(frozen=True)
class ThemeDeletion:
    """What ``delete_theme`` did, for ``restore_theme``."""

    theme: dict[str, Any]
    hard: bool  # removed outright (nothing referred to it) rather than soft-deleted
    moved_to: int | None
    moved_action_ids: tuple[int, ...]


def _history(session: Session, theme_id: int) -> int:
    n = 0
    for model in (Action, Kpi, Risk, AgendaItem):
        n += session.exec(select(func.count()).select_from(model).where(model.theme_id == theme_id)).one()  # type: ignore[attr-defined]
    return int(n)


def _set_theme(session: Session, action: Action, new: int | None, *, who: str) -> None:
    record_change(session, who=who, entity="action", entity_id=action.id or 0, field="theme_id",
                  old=action.theme_id, new=new)
    action.theme_id = new
    action.updated_at = utcnow()
    session.add(action)


def _live_actions(session: Session, theme_id: int) -> list[Action]:
    return list(session.exec(select(Action).where(Action.theme_id == theme_id, Action.deleted_at.is_(None))).all())  # type: ignore[union-attr]


def delete_theme(theme_id: int, *, session: Session, who: str, move_actions_to: int | None = None) -> ThemeDeletion:
    """Delete a theme. With live actions under it, refused (InUseError) unless ``move_actions_to``
    names another live theme: the actions move there and the theme goes, in one transaction."""
    with write_transaction(session):
        theme = _get(session, theme_id)
        live = _live_actions(session, theme_id)
        if live and move_actions_to is None:
            open_count = sum(1 for a in live if a.status != ActionStatus.COMPLETE.value)
            raise InUseError("theme", f"{theme.code} {theme.title} still has {len(live)} "
                             f"action{'s' if len(live) != 1 else ''}: move them to another theme first",
                             open_actions=open_count, live_actions=len(live))
        if move_actions_to is not None:
            if move_actions_to == theme_id:
                raise ValidationError("move_actions_to", "choose a different theme to move the actions to")
            _get(session, move_actions_to)
        fields = {name: getattr(theme, name) for name in ("id", "code", "title", "lead_id", "ilacs_area", "sort_order",
                                                          "deleted_at", "version")}
        for action in live:
            _set_theme(session, action, move_actions_to, who=who)
        session.flush()
        hard = _history(session, theme_id) == 0
        record_change(session, who=who, entity=ENTITY, entity_id=theme_id, field="deleted", old=theme.code, new=None)
        if hard:
            session.delete(theme)
        else:
            theme.deleted_at = utcnow()
            session.add(theme)
    return ThemeDeletion(fields, hard, move_actions_to, tuple(a.id for a in live if a.id is not None))


def restore_theme(deletion: ThemeDeletion, *, session: Session, who: str) -> ThemeRow:
    """Undo ``delete_theme``: the theme comes back (same id and place) with the actions that were moved."""
    fields = deletion.theme
    with write_transaction(session):
        if deletion.hard:
            if session.get(Theme, fields["id"]) is not None:
                raise ConflictError(f"theme {fields['id']} exists again; nothing was restored")
            _check(session, {"code": fields["code"]}, theme_id=None)
            session.add(Theme(**fields))
        else:
            theme = _get(session, fields["id"], allow_deleted=True)
            theme.deleted_at = None
            session.add(theme)
        session.flush()
        record_change(session, who=who, entity=ENTITY, entity_id=fields["id"], field="restored", old=None,
                      new=fields["code"])
        for action_id in deletion.moved_action_ids:
            action = session.get(Action, action_id)
            if action is None or action.theme_id != deletion.moved_to:
                raise ConflictError(f"action {action.ref if action else action_id} was moved again since; "
                                    "nothing was restored")
            _set_theme(session, action, fields["id"], who=who)
    return theme_row(fields["id"], session=session)


def move_theme_actions(from_id: int, to_id: int, *, session: Session, who: str) -> list[int]:
    """Move every live action of one theme to another (one transaction); returns their ids."""
    if from_id == to_id:
        raise ValidationError("move_actions_to", "choose a different theme to move the actions to")
    with write_transaction(session):
        _get(session, from_id)
        _get(session, to_id)
        live = _live_actions(session, from_id)
        for action in live:
            _set_theme(session, action, to_id, who=who)
    return [a.id for a in live if a.id is not None]


def move_actions_back(action_ids: list[int], from_id: int, to_id: int, *, session: Session, who: str) -> None:
    """Undo ``move_theme_actions``: these actions go back from ``to_id`` to ``from_id``."""
    with write_transaction(session):
        for action_id in action_ids:
            action = session.get(Action, action_id)
            if action is None or action.theme_id != to_id:
                raise ConflictError(f"action {action.ref if action else action_id} was moved again since; "
                                    "nothing was changed")
            _set_theme(session, action, from_id, who=who)
