"""The import plan of an action tracker: each data row read, matched by ref, compared, validated.

A row whose ref matches an action updates only the fields the sheet has, and only where
they differ (an empty cell never clears anything); a latest-update text that is new
becomes a dated progress update. A row without a ref matches an action of the same
title, else it is created with the next free ref. Owners and themes are matched by name
as the writer will match them (``services.people.resolve``).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from boardapp.domain.dates import uk
from boardapp.domain.enums import ActionStatus, Brag
from boardapp.domain.rules import ValidationError, validate_action_fields
from boardapp.exchange.headers import TableLayout
from boardapp.exchange.plan import CREATE, REJECTED, UNCHANGED, UPDATE, Change, ImportPlan, PlannedRow, Problem
from boardapp.exchange.row_reader import RowReader, RowRejected
from boardapp.exchange.fields import LABELS, ACTIONS
from boardapp.exchange.sheet_data import SheetData, column_letter
from boardapp.exchange.table_rows import classify_rows, data_rows
from boardapp.exchange.values import clean_text, read_progress
from boardapp.services.people.resolve import ThemeKey, match_theme, name_key
from boardapp.services.plan.import_actions import ActionChanges, ActionImport, FieldChange, NewAction
from boardapp.services.rows import ActionRow

TEXT_FIELDS = ("title", "description", "how", "success_measure", "evidence_of_impact", "recommendation")
DATE_FIELDS = ("due_date", "revised_due_date", "start_date")


#: The narratives of each action's newest progress-update day (two updates may share a day).
_LATEST = (
    "SELECT u.action_id, u.narrative FROM actionupdate u JOIN (SELECT action_id, max(update_date) AS d "
    "FROM actionupdate GROUP BY action_id) m ON m.action_id = u.action_id AND m.d = u.update_date"
)


@dataclass(frozen=True)
class ExistingActions:
    """What the workspace holds, as the plan compares against it."""

    live_by_ref: Mapping[str, ActionRow]
    deleted_refs: frozenset[str]
    by_title: Mapping[str, ActionRow]  # title key → the only live action with that title
    recommendations: Mapping[int, str]
    latest_updates: Mapping[int, frozenset[str]]  # the narratives of each action's newest update day
    people: Mapping[str, str]  # name key → name
    themes: tuple[ThemeKey, ...]
    today: date


def read_existing_actions(*, session: Any, today: date) -> ExistingActions:
    """Read the plan the import is compared with (through the read services)."""
    from boardapp.services.connection import dbapi
    from boardapp.services.people.resolve import live_themes
    from boardapp.services.plan.register_read import list_action_rows

    rows = list_action_rows(session=session, today=today, include_deleted=True)
    live = {r.ref: r for r in rows if not r.deleted}
    titles: dict[str, list[ActionRow]] = {}
    for r in live.values():
        titles.setdefault(name_key(r.title), []).append(r)
    recommendations = dict(dbapi(session).execute("SELECT id, recommendation FROM action").fetchall())
    latest: dict[int, set[str]] = {}
    for action_id, narrative in dbapi(session).execute(_LATEST):
        latest.setdefault(action_id, set()).add(clean_text(narrative))
    people = {name_key(n): n for (n,) in dbapi(session).execute("SELECT name FROM person ORDER BY id DESC")}
    return ExistingActions(
        live_by_ref=live, deleted_refs=frozenset(r.ref for r in rows if r.deleted),
        by_title={k: v[0] for k, v in titles.items() if len(v) == 1}, recommendations=recommendations,
        latest_updates={k: frozenset(v) for k, v in latest.items()},
        people=people, themes=tuple(live_themes(session=session)), today=today,
    )


def _shown(values: Mapping[str, Any], owner: str, theme: str) -> dict[str, str]:
    shown = {"owner": owner, "theme": theme}
    for key, value in values.items():
        shown[key] = _display(key, value)
    return shown


def _display(field: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return uk(value)
    if field == "brag":
        return Brag(value).label
    if field == "status":
        return ActionStatus(value).label
    if field == "progress":
        return f"{value}%"
    return str(value)


class _RefAllocator:
    """Refs for rows that have none: 'A.1', 'A.2'… not used by the plan or the sheet."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.next = 1 + max((int(m.group(1)) for r in taken if (m := re.fullmatch(r"A\.(\d+)", r))), default=0)

    def allocate(self) -> str:
        while f"A.{self.next}" in self.taken:
            self.next += 1
        ref = f"A.{self.next}"
        self.taken.add(ref)
        return ref


def plan_actions(sheet: SheetData, layout: TableLayout, existing: ExistingActions, *, file_name: str,
                 sheets: tuple[str, ...], progress: Callable[[float, str], None] | None = None) -> ImportPlan:
    """Work out the import of ``sheet`` read as ``layout`` against ``existing`` (nothing is written)."""
    warnings: list[Problem] = sheet_warnings(sheet, layout)
    classified = classify_rows(sheet, layout)
    skipped: dict[str, int] = {}
    for r in classified:
        if r.kind not in ("data", "section"):
            skipped[r.kind] = skipped.get(r.kind, 0) + 1
    sheet_refs = {ref for row, _ in data_rows(classified) if (ref := RowReader(row, layout).ref())}
    refs = _RefAllocator(set(existing.live_by_ref) | set(existing.deleted_refs) | sheet_refs)
    seen: dict[str, int] = {}
    planned: list[PlannedRow] = []
    creates: list[NewAction] = []
    updates: list[ActionChanges] = []
    new_people: dict[str, str] = {}
    new_themes: dict[str, str] = {}
    rows = list(data_rows(classified))
    for index, (row, section) in enumerate(rows):
        if progress is not None and index % 1000 == 0:
            progress(100 * index / max(len(rows), 1), f"Checking row {row.number:,}…")
        reader = RowReader(row, layout)
        try:
            result = _plan_row(reader, section, existing, seen, refs)
        except RowRejected as exc:
            planned.append(PlannedRow(row.number, REJECTED, reader.ref() or "", reader.text("title") or "", {},
                                      (), tuple(reader.warnings), exc.problem))
            warnings.extend(reader.warnings)
            continue
        planned_row, item = result
        planned.append(planned_row)
        warnings.extend(reader.warnings)
        seen[planned_row.ref] = row.number
        if isinstance(item, NewAction):
            creates.append(item)
            owner, theme = item.owner, item.theme
        elif isinstance(item, ActionChanges):
            updates.append(item)
            owner = next((c.new for c in item.changes if c.field == "owner"), "")
            theme = next((c.new for c in item.changes if c.field == "theme"), "")
        else:
            continue
        if owner and name_key(owner) not in existing.people:
            new_people.setdefault(name_key(owner), owner)
        if theme and match_theme(theme, existing.themes) is None:
            new_themes.setdefault(name_key(theme), theme)
    batch = ActionImport(tuple(creates), tuple(updates), existing.today, file_name)
    return ImportPlan(ACTIONS, file_name, sheet.name, sheets, layout, tuple(planned), tuple(warnings), skipped,
                      tuple(new_people.values()), tuple(new_themes.values()), batch)


def sheet_warnings(sheet: SheetData, layout: TableLayout) -> list[Problem]:
    """Warnings about the sheet as a whole: hidden columns that were read."""
    found = []
    for info in layout.columns:
        if info.field and info.hidden:
            found.append(Problem(layout.header_row, info.field,
                                 f"column {column_letter(info.col)} ({info.heading!r}) is hidden in the sheet; it was read"))
    return found


def _plan_row(reader: RowReader, section: str, existing: ExistingActions, seen: dict[str, int],
              refs: _RefAllocator) -> tuple[PlannedRow, NewAction | ActionChanges | None]:
    number = reader.row.number
    ref = reader.ref()
    title = reader.text("title")
    if not title:
        raise reader.reject("title", "no action text")
    if ref is not None and ref in seen:
        raise reader.reject("ref", f"ref {ref} is used again (first in row {seen[ref]})")
    if ref is not None and ref in existing.deleted_refs:
        raise reader.reject("ref", f"ref {ref} belongs to a deleted action: restore it from the Deleted view, "
                                   "or give this row another ref")
    values: dict[str, Any] = {"title": title}
    for field in TEXT_FIELDS[1:]:
        if (text := reader.text(field)) is not None:
            values[field] = text
    target = existing.live_by_ref.get(ref) if ref else existing.by_title.get(name_key(title))
    due_note = None
    for field in DATE_FIELDS:
        day, note = reader.date(field, quiet=field == "due_date")
        if day is not None:
            values[field] = day
        if field == "due_date":
            due_note = note
    brag, status = reader.brag_and_status()
    if status is not None:
        values["status"] = status.value
    if brag is not None:
        values["brag"] = brag.value
    if (cell := reader.cell("progress")) is not None and cell.value is not None:
        percent, note = read_progress(cell.value, cell.number_format)
        if note:
            reader.warn("progress", note)
        if percent is not None:
            values["progress"] = percent
    owner = reader.owner()
    theme = reader.text("theme") or section or None
    latest = reader.text("latest_update")
    if due_note and "due_date" in values:
        reader.warn("due_date", due_note)  # a month or quarter read as its last day
    if target is None:
        return _plan_create(reader, ref or refs.allocate(), values, owner, theme, latest, existing,
                            None if "due_date" in values else due_note)
    if due_note and "due_date" not in values:
        reader.warn("due_date", f"{due_note}; the due date {uk(target.due_date)} is kept")
    return _plan_update(reader, target, values, owner, theme, latest, existing)


def _blue_means_complete(reader: RowReader, values: dict[str, Any], status_given: bool) -> None:
    if values.get("brag") == Brag.BLUE and values.get("status") != ActionStatus.COMPLETE:
        if status_given:
            reader.warn("status", f"Blue means complete but the status says "
                                  f"{ActionStatus(values['status']).label}; status set to Complete")
        values["status"] = ActionStatus.COMPLETE.value


def _check(reader: RowReader, values: Mapping[str, Any]) -> None:
    try:
        validate_action_fields(
            title=values["title"], start_date=values.get("start_date"), due_date=values.get("due_date"),
            revised_due_date=values.get("revised_due_date"), status=values["status"], brag=values["brag"],
            progress=values["progress"],
        )
    except ValidationError as exc:
        raise reader.reject(exc.field, exc.message) from None


def _plan_create(reader: RowReader, ref: str, values: dict[str, Any], owner: str | None, theme: str | None,
                 latest: str | None, existing: ExistingActions,
                 due_note: str | None) -> tuple[PlannedRow, NewAction]:
    if reader.ref() is None:
        reader.warn("ref", f"no ref given: the new action is {ref}", cell=False)
    status_given = "status" in values
    if "status" not in values:
        complete = values.get("brag") == Brag.BLUE or values.get("progress") == 100
        started = values.get("progress", 0) > 0 or bool(latest)
        values["status"] = (ActionStatus.COMPLETE if complete else
                            ActionStatus.IN_PROGRESS if started else ActionStatus.NOT_STARTED).value
    if "brag" not in values:
        values["brag"] = (Brag.BLUE if values["status"] == ActionStatus.COMPLETE else Brag.GREEN).value
        reader.warn("brag", f"no BRAG given: {Brag(values['brag']).label}", cell=reader.has_column("brag"))
    _blue_means_complete(reader, values, status_given)
    values.setdefault("progress", 100 if values["status"] == ActionStatus.COMPLETE else 0)
    if "due_date" not in values:
        why = due_note or "no due date column"
        if "revised_due_date" in values:
            values["due_date"] = values.pop("revised_due_date")
            reader.warn("due_date", f"{why}: the revised date {uk(values['due_date'])} is used as the due date",
                        cell=due_note is not None)
        else:
            values["due_date"] = existing.today
            reader.warn("due_date", f"{why}: recorded as due today ({uk(existing.today)}) until a date is set",
                        cell=due_note is not None)
    values["ref"] = ref
    _check(reader, values)
    item = NewAction(reader.row.number, dict(values), owner or "", theme or "", latest or "")
    shown = _shown(values, owner or "", theme or "")
    shown["latest_update"] = latest or ""
    return PlannedRow(reader.row.number, CREATE, ref, values["title"], shown, (), tuple(reader.warnings)), item


def _plan_update(reader: RowReader, target: ActionRow, values: dict[str, Any], owner: str | None,
                 theme: str | None, latest: str | None,
                 existing: ExistingActions) -> tuple[PlannedRow, ActionChanges | None]:
    current: dict[str, Any] = {f: getattr(target, f) for f in
                               ("title", "description", "how", "success_measure", "evidence_of_impact",
                                "start_date", "due_date", "revised_due_date", "status", "brag", "progress")}
    current["recommendation"] = existing.recommendations.get(target.id, "")
    status_given = "status" in values
    merged = current | values
    _blue_means_complete(reader, merged, status_given)
    _check(reader, merged)
    labels = LABELS[ACTIONS]
    changes: list[FieldChange] = []
    shown_changes: list[Change] = []
    for field, new in merged.items():
        old = current[field]
        if _differs(old, new):
            changes.append(FieldChange(field, old, new))
            shown_changes.append(Change(field, labels.get(field, field), _display(field, old), _display(field, new)))
    if owner is not None and name_key(owner) != name_key(target.owner_name):
        changes.append(FieldChange("owner", target.owner_id, owner))
        shown_changes.append(Change("owner", labels["owner"], target.owner_name, owner))
    if theme is not None:
        theme_id = match_theme(theme, existing.themes)
        if theme_id != target.theme_id:
            changes.append(FieldChange("theme", target.theme_id, theme))
            old_theme = f"{target.theme_code} {target.theme_title}".strip()
            known = next((t for t in existing.themes if t.id == theme_id), None)
            new_theme = f"{known.code} {known.title}" if known else f"{theme} (a new theme)"
            shown_changes.append(Change("theme", labels["theme"], old_theme, new_theme))
    new_update = ""
    if latest is not None and latest not in existing.latest_updates.get(target.id, {clean_text(target.latest_update)}):
        new_update = latest
        shown_changes.append(Change("latest_update", labels["latest_update"], target.latest_update,
                                    f"{latest} (a progress update dated {uk(existing.today)})"))
    shown = _shown(merged, owner if owner is not None else target.owner_name,
                   theme if theme is not None else target.theme_title)
    shown["latest_update"] = latest if latest is not None else target.latest_update
    if not changes and not new_update:
        return PlannedRow(reader.row.number, UNCHANGED, target.ref, merged["title"], shown, (),
                          tuple(reader.warnings)), None
    item = ActionChanges(reader.row.number, target.id, target.ref, tuple(changes), new_update)
    return PlannedRow(reader.row.number, UPDATE, target.ref, merged["title"], shown, tuple(shown_changes),
                      tuple(reader.warnings)), item


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, str) or isinstance(new, str):
        return clean_text(old) != clean_text(new)
    return old != new
