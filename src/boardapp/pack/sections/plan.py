"""Sections about the improvement plan: summary, exceptions, action log (readiness for the visit: ``readiness``)."""
from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, Table, TableStyle

from boardapp.domain.enums import Brag, Direction
from boardapp.pack import styles as st
from boardapp.pack.charts import brag_by_theme_chart
from boardapp.pack.sections.base import gap, para, plural, section_heading, sub_heading
from boardapp.pack.tables import action_table
from boardapp.services.pack_data import PackData
from boardapp.services.plan.filters import natural_key
from boardapp.services.plan.summary import BRAG_ORDER
from boardapp.services.rows import ActionRow

EXCEPTION_COLUMNS = ("ref", "title", "owner", "due", "brag", "was", "progress", "days", "also", "update")
LOG_COLUMNS = ("ref", "title", "owner", "due", "brag", "progress", "update")

_TILE_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, 0), st.FONT_BOLD, 20, 24),
    ("FONT", (0, 1), (-1, 1), st.FONT, 8.5, 10.5),
    ("TEXTCOLOR", (0, 0), (-1, 0), st.HEADER_FILL),
    ("TEXTCOLOR", (0, 1), (-1, 1), st.INK),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
    ("INNERGRID", (0, 0), (-1, -1), 0, st.GRID),
    ("LINEAFTER", (0, 0), (-2, -1), 0.5, st.GRID),
    ("BACKGROUND", (0, 0), (-1, -1), st.ZEBRA),
    ("TOPPADDING", (0, 0), (-1, 0), 8),
    ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
])
_COUNTS_BASE = [
    ("FONT", (0, 0), (-1, -1), st.FONT, 8.5, 10.5),
    ("FONT", (0, 0), (-1, 0), st.FONT_BOLD, 8.5, 10.5),
    ("FONT", (0, -1), (-1, -1), st.FONT_BOLD, 8.5, 10.5),
    ("BACKGROUND", (0, 0), (0, 0), st.HEADER_FILL),
    ("BACKGROUND", (-2, 0), (-1, 0), st.HEADER_FILL),
    ("TEXTCOLOR", (0, 0), (0, 0), st.HEADER_INK),
    ("TEXTCOLOR", (-2, 0), (-1, 0), st.HEADER_INK),
    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("LINEABOVE", (0, -1), (-1, -1), 0.8, st.INK),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
]
_COUNTS_STYLE = TableStyle(_COUNTS_BASE + [
    cmd for i, b in enumerate(BRAG_ORDER, start=1)
    for cmd in (("BACKGROUND", (i, 0), (i, 0), st.BRAG_FILL[b]), ("TEXTCOLOR", (i, 0), (i, 0), st.BRAG_INK[b]))
])
_SIDE_STYLE = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
])


BRAG_KEY = (
    (Brag.BLUE.value, "Blue", "complete"),
    (Brag.GREEN.value, "Green", "on track"),
    (Brag.AMBER.value, "Amber", "in progress, at risk"),
    (Brag.RED.value, "Red", "off track, needs action now"),
)


def brag_key(width: float) -> Table:
    """The BRAG key: each colour with its word and meaning (never colour alone)."""
    cells = [f"{word}: {meaning}" for _b, word, meaning in BRAG_KEY]
    style = [("FONT", (0, 0), (-1, -1), st.FONT_BOLD, 8.5, 10.5), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
             ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
             ("BOX", (0, 0), (-1, -1), 0.5, st.RULE)]
    for i, (b, _w, _m) in enumerate(BRAG_KEY):
        style += [("BACKGROUND", (i, 0), (i, 0), st.BRAG_FILL[b]), ("TEXTCOLOR", (i, 0), (i, 0), st.BRAG_INK[b])]
    key_w = min(width, 620.0)
    return Table([cells], colWidths=[key_w / 4] * 4, style=TableStyle(style), hAlign="LEFT")


def _is_open(r: ActionRow) -> bool:
    return r.status != "COMPLETE" and r.brag != Brag.BLUE


def _live(data: PackData) -> list[ActionRow]:
    return [r for r in data.actions if not r.deleted]


def _visit_sentence(data: PackData) -> str:
    visit = data.next_visit
    if visit is None or data.days_to_next_visit is None:
        return "No monitoring visit is planned."
    number = f" {visit.number}" if visit.number else ""
    days = data.days_to_next_visit
    when = "starts today" if days == 0 else (f"starts in {plural(days, 'day')}" if days > 0 else "is under way")
    focus = f" Focus: {visit.focus_area}." if visit.focus_area else ""
    return f"Monitoring visit{number} {when} ({visit.start_date:%d/%m/%Y}).{focus}"


def build_summary(data: PackData, width: float) -> list[Flowable]:
    s = data.summary
    last = data.last_meeting
    since = f"since {last.meeting_date:%d/%m/%Y}" if last else "since the last meeting"
    visit_value = str(data.days_to_next_visit) if data.days_to_next_visit is not None else "none"
    focus = data.next_visit.focus_area if data.next_visit and data.next_visit.focus_area else "no visit planned"
    tiles = [
        (str(s.total), "actions in the plan"),
        (str(s.brag.get(Brag.RED.value, 0)), "Red: need attention now"),
        (str(len(s.overdue)), "overdue"),
        (str(len(s.due_within_30)), "due within 30 days"),
        (str(len([r for r in s.moved_worse if _is_open(r)])), f"moved worse {since}"),
        (visit_value, f"days to the next monitoring visit ({focus})"),
    ]
    tile_w = width / len(tiles)
    tile_table = Table(
        [[v for v, _l in tiles], ["\n".join(st.wrap_text(label, tile_w - 10, st.FONT, 8.5, max_lines=4)) for _v, label in tiles]],
        colWidths=[tile_w] * len(tiles), style=_TILE_STYLE,
    )
    chart_w = width * 0.46
    table_w = width - chart_w - 16
    counts = _counts_table(data, table_w)
    chart_h = max(170.0, 26.0 * len(s.by_theme) + 70)
    chart = brag_by_theme_chart(s.by_theme, width=chart_w, height=chart_h)
    # the note sits under the counts (beside the taller chart), so the page keeps it with the agenda item's kicker
    note = para("Counts are of live actions. Overdue means past the effective due date (the revised date when "
                "there is one) and not complete. Direction of travel compares each action's BRAG with its BRAG "
                "at the last board meeting.", st.SMALL)
    side = Table([[chart, "", [counts, gap(10), note]]], colWidths=[chart_w, 16, table_w], style=_SIDE_STYLE,
                 hAlign="LEFT")
    blue = s.brag.get(Brag.BLUE.value, 0)
    text = (
        f"The plan as at {data.today.day} {data.today:%B %Y}: {plural(s.total, 'live action')}, "
        f"{blue} complete (Blue). {_visit_sentence(data)}"
    )
    if not s.total:
        text += " There are no actions in the plan yet: they appear here once the board's actions are added."
    return [
        section_heading("summary", "Action log summary"),
        para(text),
        gap(4),
        tile_table,
        gap(8),
        para("BRAG key", st.SMALL),
        brag_key(width),
        gap(10),
        side,
    ]


def _counts_table(data: PackData, width: float) -> Table:
    s = data.summary
    number_w = 38.0
    theme_w = width - number_w * 6
    header = ["Theme"] + [st.brag_word(b) for b in BRAG_ORDER] + ["Total", "Overdue"]
    rows: list[list[str]] = [header]
    for t in s.by_theme:
        label = f"{t.code} {t.title}".strip()
        rows.append(["\n".join(st.wrap_text(label, theme_w - 8, st.FONT, 8.5, max_lines=2))]
                    + [str(t.brag.get(b, 0)) for b in BRAG_ORDER] + [str(t.total), str(t.overdue)])
    rows.append(["All actions"] + [str(s.brag.get(b, 0)) for b in BRAG_ORDER] + [str(s.total), str(len(s.overdue))])
    return Table(rows, colWidths=[theme_w] + [number_w] * 6, style=_COUNTS_STYLE, hAlign="LEFT")


def build_exceptions(data: PackData, width: float) -> list[Flowable]:
    s = data.summary
    live = _live(data)
    reds = sorted((r for r in live if r.brag == Brag.RED.value), key=lambda r: (r.effective_due, natural_key(r.ref)))
    last = data.last_meeting
    since = f"since the meeting of {last.meeting_date:%d/%m/%Y}" if last else "since the last meeting"
    completed_since = sum(1 for r in live if r.direction == Direction.BETTER and r.brag == Brag.BLUE.value)
    candidates: list[tuple[str, str, list[ActionRow], str]] = [
        ("Red", "Red: needs attention now", reds, "No action is Red."),
        ("Overdue", "Overdue", [r for r in s.overdue if _is_open(r)], "No other action is overdue."),
        ("Slipped", "Revised due dates (slipped)", [r for r in s.slipped if _is_open(r)],
         "No other open action has a later revised date."),
        ("Moved worse", f"Moved worse {since}", [r for r in s.moved_worse if _is_open(r)],
         "No other action moved worse."),
        ("Moved better", f"Moved better {since}", [r for r in s.moved_better if _is_open(r)],
         "No other open action moved better."),
    ]
    # each action once, in its most serious group; its other reasons are written beside it
    reasons: dict[int, list[str]] = {}
    for label, _t, rows, _e in candidates:
        for r in rows:
            reasons.setdefault(r.id, []).append(label)
    placed: set[int] = set()
    groups: list[tuple[str, str, list[ActionRow], str]] = []
    for label, title, rows, empty in candidates:
        mine = [r for r in rows if r.id not in placed]
        placed.update(r.id for r in mine)
        groups.append((label, title, mine, empty))
    notes = {i: "Also: " + ", ".join(x.lower() for x in labels[1:]) for i, labels in reasons.items() if len(labels) > 1}
    intro = (
        f"Actions needing the board's attention as at {data.today.day} {data.today:%B %Y}, each listed once, in "
        "its most serious group, with any other reasons beside it: "
        + "; ".join(f"{label} {len(rows)}" for label, _t, rows, _e in groups)
        + ". Complete (Blue) actions are not listed here."
    )
    if last is None:
        intro += " No earlier board meeting is recorded, so nothing has moved yet."
    flow: list[Flowable] = [section_heading("exceptions", "Exception report"), para(intro)]
    for index, (_label, title, rows, empty) in enumerate(groups, start=1):
        flow += sub_heading("exceptions", index, f"{title} ({len(rows)})", outline=title)
        if index == 5 and completed_since:
            flow.append(para(f"In addition, {plural(completed_since, 'action')} became complete (Blue) {since}; "
                             "see the action log.", st.SMALL))
        flow += action_table(rows, EXCEPTION_COLUMNS, width=width, today=data.today, notes=notes) if rows \
            else [para(empty)]
    return flow


def build_action_log(data: PackData, width: float) -> list[Flowable]:
    live = _live(data)
    what = "every action in full" if data.full_complete else (
        "every open action in full; complete (Blue) actions are listed by reference at the end of each theme")
    flow: list[Flowable] = [
        section_heading("action_log", "Action log"),
        para(f"The full action log grouped by theme: {what}. {plural(len(live), 'live action')}."),
        brag_key(width),
        gap(4),
    ]
    if not live:
        flow.append(para("There are no actions in the plan yet."))
    by_theme = _group(live, lambda r: r.theme_id)
    order = {t.theme_id: i for i, t in enumerate(data.summary.by_theme)}
    by_theme.sort(key=lambda kv: order.get(kv[0], len(order)))
    for index, (_theme_id, rows) in enumerate(by_theme, start=1):
        first = rows[0]
        name = f"{first.theme_code} {first.theme_title}".strip() if first.theme_code else "No theme"
        counts = ", ".join(f"{sum(1 for r in rows if r.brag == b)} {st.brag_word(b)}" for b in BRAG_ORDER)
        overdue = sum(1 for r in rows if r.overdue)
        flow += sub_heading("action_log", index, name)
        flow.append(para(f"{plural(len(rows), 'action')}: {counts}; {overdue} overdue.", st.SMALL))
        shown = rows if data.full_complete else [r for r in rows if r.brag != Brag.BLUE.value]
        complete = [] if data.full_complete else [r for r in rows if r.brag == Brag.BLUE.value]
        if shown:
            flow += action_table(shown, LOG_COLUMNS, width=width, today=data.today)
        else:
            flow.append(para("Every action in this theme is complete."))
        if complete:
            refs = ", ".join(r.ref for r in complete)
            flow += [gap(3), para(f"Complete (Blue): {plural(len(complete), 'action')}: {refs}.", st.SMALL)]
    return flow


def _group(rows: Iterable[ActionRow], key: object) -> list[tuple[object, list[ActionRow]]]:
    """Rows grouped by ``key(row)`` in first-seen order (callers sort the input as they need)."""
    groups: dict[object, list[ActionRow]] = {}
    for r in rows:
        groups.setdefault(key(r), []).append(r)  # type: ignore[operator]
    return list(groups.items())
