"""The plan at a glance: the figures the dashboard and the pack's summary share.

A pure function of the read rows, so the window and the PDF can never disagree.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from boardapp.domain.enums import Brag, Direction
from boardapp.services.rows import ActionRow

BRAG_ORDER: tuple[str, ...] = (Brag.RED.value, Brag.AMBER.value, Brag.GREEN.value, Brag.BLUE.value)


@dataclass(frozen=True)
class ThemeCounts:
    theme_id: int | None
    code: str
    title: str
    brag: dict[str, int]
    total: int
    overdue: int


@dataclass(frozen=True)
class PlanSummary:
    today: date
    total: int
    brag: dict[str, int]
    by_theme: list[ThemeCounts]
    overdue: list[ActionRow]
    due_within_30: list[ActionRow]
    moved_better: list[ActionRow]
    moved_worse: list[ActionRow]
    new_since_meeting: list[ActionRow]
    oldest_red: list[ActionRow]
    slipped: list[ActionRow]
    due_before_visit: list[ActionRow] = field(default_factory=list)


def summarise(rows: list[ActionRow], *, today: date, next_visit_start: date | None = None) -> PlanSummary:
    """Counts and lists over live actions. 'Oldest red' means red for longest: earliest effective due."""
    live = [r for r in rows if not r.deleted]
    brag = Counter(r.brag for r in live)
    themes: dict[int | None, list[ActionRow]] = {}
    for r in live:
        themes.setdefault(r.theme_id, []).append(r)
    by_theme = [
        ThemeCounts(
            theme_id=tid, code=rs[0].theme_code or "—", title=rs[0].theme_title or "No theme",
            brag={b: sum(1 for r in rs if r.brag == b) for b in BRAG_ORDER},
            total=len(rs), overdue=sum(1 for r in rs if r.overdue),
        )
        for tid, rs in sorted(themes.items(), key=lambda kv: _theme_sort_key(kv[1][0].theme_code))
    ]
    open_rows = [r for r in live if r.brag != Brag.BLUE]
    overdue = sorted((r for r in live if r.overdue), key=lambda r: r.effective_due)
    due_soon = sorted((r for r in open_rows if not r.overdue and 0 <= r.days_left <= 30), key=lambda r: r.effective_due)
    reds = sorted((r for r in live if r.brag == Brag.RED), key=lambda r: (r.effective_due, r.ref))
    before_visit = []
    if next_visit_start is not None:
        before_visit = sorted(
            (r for r in open_rows if r.status != "COMPLETE" and r.effective_due <= next_visit_start),
            key=lambda r: (r.owner_name, r.effective_due, r.ref),
        )
    return PlanSummary(
        today=today, total=len(live), brag={b: brag.get(b, 0) for b in BRAG_ORDER}, by_theme=by_theme,
        overdue=overdue, due_within_30=due_soon,
        moved_better=[r for r in live if r.direction == Direction.BETTER],
        moved_worse=[r for r in live if r.direction == Direction.WORSE],
        new_since_meeting=[r for r in live if r.direction == Direction.NEW],
        oldest_red=reds[:5], slipped=[r for r in live if r.revised_due_date and r.revised_due_date > r.due_date],
        due_before_visit=before_visit,
    )


def _theme_sort_key(code: str) -> tuple[int, str]:
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits) if digits else 10**6, code)
