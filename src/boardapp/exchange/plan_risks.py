"""The import plan of a risk register: scores read (1-5, or H/M/L mapped with a warning), matched by ref.

Registers score a risk before and after controls ("inherent" / "residual", often a
heading over L / I / Score); one with a single likelihood and impact scores both the
same. A score column is never trusted: a formula such as ``=D3*E3`` is recomputed, and
a typed score that is not likelihood × impact is a warning.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from boardapp.domain.dates import uk
from boardapp.domain.enums import RiskStatus
from boardapp.domain.rules import ValidationError
from boardapp.exchange.fields import LABELS, RISKS
from boardapp.exchange.headers import TableLayout
from boardapp.exchange.plan import CREATE, REJECTED, UNCHANGED, UPDATE, Change, ImportPlan, PlannedRow, Problem
from boardapp.exchange.plan_actions import _differs, sheet_warnings
from boardapp.exchange.row_reader import RowReader, RowRejected
from boardapp.exchange.sheet_data import SheetData
from boardapp.exchange.table_rows import classify_rows, data_rows
from boardapp.exchange.values import read_level, read_risk_status
from boardapp.services.people.resolve import ThemeKey, match_theme, name_key
from boardapp.services.plan.import_actions import FieldChange
from boardapp.services.risks.import_risks import NewRisk, RiskChanges, RiskImport, RiskValues, validate_risk_fields

TEXTS = ("description", "cause", "effect", "controls", "mitigation")
DEFAULT_LEVEL = 3


@dataclass(frozen=True)
class ExistingRisks:
    by_ref: Mapping[str, RiskValues]
    people: Mapping[str, str]
    themes: tuple[ThemeKey, ...]
    today: date


def read_existing_risks(*, session: Any, today: date) -> ExistingRisks:
    from boardapp.services.connection import dbapi
    from boardapp.services.people.resolve import live_themes
    from boardapp.services.risks.import_risks import risk_values

    people = {name_key(n): n for (n,) in dbapi(session).execute("SELECT name FROM person ORDER BY id DESC")}
    return ExistingRisks({r.ref: r for r in risk_values(session=session)}, people,
                         tuple(live_themes(session=session)), today)


def _display(field: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return uk(value)
    if field == "status":
        return RiskStatus(value).label
    return str(value)


def plan_risks(sheet: SheetData, layout: TableLayout, existing: ExistingRisks, *, file_name: str,
               sheets: tuple[str, ...], progress: Callable[[float, str], None] | None = None) -> ImportPlan:
    warnings = sheet_warnings(sheet, layout)
    mapping = layout.mapping
    pairs = {p for p in ("inherent", "residual") if f"{p}_likelihood" in mapping or f"{p}_impact" in mapping}
    if not pairs and ("likelihood" in mapping or "impact" in mapping):
        warnings.append(Problem(layout.header_row, "likelihood", "the register scores each risk once: that "
                                "likelihood and impact are used both before and after controls"))
    elif len(pairs) == 1:
        (only,) = pairs
        other = "residual" if only == "inherent" else "inherent"
        warnings.append(Problem(layout.header_row, f"{other}_likelihood", f"the register has no {other} score: "
                                f"the {only} likelihood and impact are used for it"))
    classified = classify_rows(sheet, layout)
    skipped: dict[str, int] = {}
    for r in classified:
        if r.kind not in ("data", "section"):
            skipped[r.kind] = skipped.get(r.kind, 0) + 1
    taken = set(existing.by_ref)
    seen: dict[str, int] = {}
    planned: list[PlannedRow] = []
    creates: list[NewRisk] = []
    updates: list[RiskChanges] = []
    new_people: dict[str, str] = {}
    new_themes: dict[str, str] = {}
    rows = list(data_rows(classified))
    sheet_refs = {ref for row, _ in rows if (ref := RowReader(row, layout).ref())}
    taken |= sheet_refs
    counter = [len(existing.by_ref)]
    for index, (row, section) in enumerate(rows):
        if progress is not None and index % 1000 == 0:
            progress(100 * index / max(len(rows), 1), f"Checking row {row.number:,}…")
        reader = RowReader(row, layout)
        try:
            planned_row, item = _plan_row(reader, section, existing, seen, taken, counter)
        except RowRejected as exc:
            planned.append(PlannedRow(row.number, REJECTED, reader.ref() or "", reader.text("title") or "", {},
                                      (), tuple(reader.warnings), exc.problem))
            warnings.extend(reader.warnings)
            continue
        planned.append(planned_row)
        warnings.extend(reader.warnings)
        seen[planned_row.ref] = row.number
        owner = theme = ""
        if isinstance(item, NewRisk):
            creates.append(item)
            owner, theme = item.owner, item.theme
        elif isinstance(item, RiskChanges):
            updates.append(item)
            owner = next((c.new for c in item.changes if c.field == "owner"), "")
            theme = next((c.new for c in item.changes if c.field == "theme"), "")
        if owner and name_key(owner) not in existing.people:
            new_people.setdefault(name_key(owner), owner)
        if theme and match_theme(theme, existing.themes) is None:
            new_themes.setdefault(name_key(theme), theme)
    batch = RiskImport(tuple(creates), tuple(updates), file_name)
    return ImportPlan(RISKS, file_name, sheet.name, sheets, layout, tuple(planned), tuple(warnings), skipped,
                      tuple(new_people.values()), tuple(new_themes.values()), batch)


def _level(reader: RowReader, field: str, what: str) -> int | None:
    cell = reader.cell(field)
    if cell is None or cell.value is None:
        return None
    level, note = read_level(cell.value, what)
    if note:
        reader.warn(field, note)
    return level


def _scores(reader: RowReader) -> dict[str, int]:
    """The four scores the row gives (a single pair fills both), each checked against its score column."""
    found: dict[str, int] = {}
    plain = {"likelihood": _level(reader, "likelihood", "likelihood"), "impact": _level(reader, "impact", "impact")}
    for stage in ("inherent", "residual"):
        for what in ("likelihood", "impact"):
            value = _level(reader, f"{stage}_{what}", what)
            if value is None:
                value = plain[what]
            if value is not None:
                found[f"{stage}_{what}"] = value
    for stage in ("inherent", "residual"):
        for what in ("likelihood", "impact"):
            if f"{stage}_{what}" not in found:
                other = "residual" if stage == "inherent" else "inherent"
                if f"{other}_{what}" in found and not reader.has_column(f"{stage}_{what}"):
                    found[f"{stage}_{what}"] = found[f"{other}_{what}"]
    for score_field, stage in (("inherent_score", "inherent"), ("residual_score", "residual"), ("score", None)):
        cell = reader.cell(score_field)
        if cell is None or cell.value is None or cell.formula:
            continue  # a formula is recomputed, never trusted
        stage = stage or ("residual" if "residual_likelihood" in found else "inherent")
        likelihood, impact = found.get(f"{stage}_likelihood"), found.get(f"{stage}_impact")
        if likelihood is None or impact is None:
            continue
        try:
            typed = float(cell.value)
        except (TypeError, ValueError):
            continue
        if typed != likelihood * impact:
            reader.warn(score_field, f"score {typed:g} is not likelihood × impact ({likelihood} × {impact} = "
                                     f"{likelihood * impact}); recomputed")
    return found


def _plan_row(reader: RowReader, section: str, existing: ExistingRisks, seen: dict[str, int], taken: set[str],
              counter: list[int]) -> tuple[PlannedRow, NewRisk | RiskChanges | None]:
    ref = reader.ref()
    target = existing.by_ref.get(ref) if ref else None
    title = reader.text("title")
    description = reader.text("description")
    if not title and description and target is None:
        first = description.split("\n")[0]
        title = first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
    if not title and target is None:
        raise reader.reject("title", "no risk text")
    if ref is not None and ref in seen:
        raise reader.reject("ref", f"ref {ref} is used again (first in row {seen[ref]})")
    values: dict[str, Any] = {"title": title} if title else {}
    for name in TEXTS:
        if (text := reader.text(name)) is not None:
            values[name] = text
    values |= _scores(reader)
    if (text := reader.text("status")) is not None:
        status, note = read_risk_status(text)
        if note:
            reader.warn("status", note)
        if status is not None:
            values["status"] = status.value
    review, _ = reader.date("review_date")  # an empty review date is normal: no warning
    if review is not None:
        values["review_date"] = review
    owner = reader.owner()
    theme = reader.text("theme") or section or None
    if target is None:
        if ref is None:
            counter[0] += 1
            while f"R{counter[0]}" in taken:
                counter[0] += 1
            ref = f"R{counter[0]}"
            taken.add(ref)
            reader.warn("ref", f"no ref given: the new risk is {ref}", cell=False)
        for name in ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact"):
            if name not in values:
                values[name] = DEFAULT_LEVEL
                reader.warn(name, f"no {name.replace('_', ' ')} given: {DEFAULT_LEVEL} until it is scored",
                            cell=reader.has_column(name))
        values.setdefault("status", RiskStatus.OPEN.value)
        values["ref"] = ref
        _check(reader, values)
        shown = {k: _display(k, v) for k, v in values.items()} | {"owner": owner or "", "theme": theme or ""}
        item = NewRisk(reader.row.number, dict(values), owner or "", theme or "")
        return PlannedRow(reader.row.number, CREATE, ref, values["title"], shown, (), tuple(reader.warnings)), item
    return _plan_update(reader, target, values, owner, theme, existing)


def _check(reader: RowReader, values: Mapping[str, Any]) -> None:
    try:
        validate_risk_fields(values)
    except ValidationError as exc:
        raise reader.reject(exc.field, exc.message) from None


def _plan_update(reader: RowReader, target: RiskValues, values: dict[str, Any], owner: str | None,
                 theme: str | None, existing: ExistingRisks) -> tuple[PlannedRow, RiskChanges | None]:
    current = {name: getattr(target, name) for name in
               ("title", "description", "cause", "effect", "inherent_likelihood", "inherent_impact",
                "residual_likelihood", "residual_impact", "controls", "mitigation", "status", "review_date")}
    merged = current | values
    _check(reader, merged)
    labels = LABELS[RISKS]
    changes: list[FieldChange] = []
    shown_changes: list[Change] = []
    for name, new in merged.items():
        if _differs(current[name], new):
            changes.append(FieldChange(name, current[name], new))
            shown_changes.append(Change(name, labels.get(name, name), _display(name, current[name]),
                                        _display(name, new)))
    if owner is not None and name_key(owner) != name_key(target.owner_name):
        changes.append(FieldChange("owner", target.owner_id, owner))
        shown_changes.append(Change("owner", labels["owner"], target.owner_name, owner))
    if theme is not None and match_theme(theme, existing.themes) != target.theme_id:
        changes.append(FieldChange("theme", target.theme_id, theme))
        shown_changes.append(Change("theme", labels["theme"], target.theme_title, theme))
    shown = {k: _display(k, v) for k, v in merged.items()} | {
        "owner": owner if owner is not None else target.owner_name,
        "theme": theme if theme is not None else target.theme_title}
    if not changes:
        return PlannedRow(reader.row.number, UNCHANGED, target.ref, merged["title"], shown, (),
                          tuple(reader.warnings)), None
    item = RiskChanges(reader.row.number, target.id, target.ref, tuple(changes))
    return PlannedRow(reader.row.number, UPDATE, target.ref, merged["title"], shown, tuple(shown_changes),
                      tuple(reader.warnings)), item
