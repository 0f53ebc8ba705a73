"""Everything the register (and the dashboard) show, read in one transaction.

Read on a worker thread: when a workspace is opened (alongside its quick_check) and
whenever the register reloads. Plain frozen data, so it can cross to the UI thread.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from boardapp.services.connection import Reader
from boardapp.services.plan.filters import FilterContext
from boardapp.services.plan.register_read import start_action_rows
from boardapp.services.plan.gc_pause import paused_gc
from boardapp.services.people.queries import list_people, list_themes
from boardapp.services.plan.summary import PlanSummary, summarise
from boardapp.services.rows import ActionRow, PersonRow, ThemeRow, WorkspaceSummary
from boardapp.services.workspace import workspace_summary


@dataclass(frozen=True)
class RegisterSnapshot:
    """The plan as of one read. ``rows`` (deleted ones included) are in natural ref order."""

    today: date
    rows: list[ActionRow]
    themes: list[ThemeRow]
    people: list[PersonRow]
    context: FilterContext
    focus_text: str
    workspace: WorkspaceSummary
    plan: PlanSummary | None = None


def read_snapshot(*, session: Reader, today: date, with_plan_summary: bool = False) -> RegisterSnapshot:
    """Read the register's rows and reference data; ``with_plan_summary`` adds the dashboard's figures."""
    finish_rows = start_action_rows(session=session, today=today, include_deleted=True, by_ref=True)
    themes = list_themes(session=session)  # these three overlap the side facts read on a second core
    people = list_people(session=session)
    workspace = workspace_summary(session=session, today=today)
    rows = finish_rows()
    visit = workspace.next_visit
    context = FilterContext(today, visit.start_date if visit else None, visit.ilacs_area if visit else None)
    with paused_gc():  # see gc_pause
        plan = summarise(rows, today=today, next_visit_start=context.next_visit_start) if with_plan_summary else None
    return RegisterSnapshot(today, rows, themes, people, context,
                            visit.focus_area if visit else "", workspace, plan)
