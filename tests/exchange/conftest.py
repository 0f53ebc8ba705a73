"""Fixtures of the exchange tests: a plan of a file against a workspace, and an import of it."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from boardapp.exchange.importer import apply_plan, find_table, make_plan, read_workbook
from boardapp.exchange.plan import ImportPlan

TODAY = date(2024, 9, 11)


@pytest.fixture
def plan_of(workspace_path: Path) -> Iterator[Callable[..., ImportPlan]]:
    """plan_of(file, kind=None, sheet=None, db=None) → the plan against an empty workspace (or ``db``)."""
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace

    engines: list[Any] = []

    def plan(path: Path, *, kind: str | None = None, sheet: str | None = None, db: Path | None = None) -> ImportPlan:
        engine = open_workspace(db or workspace_path)
        engines.append(engine)
        workbook = read_workbook(path)
        layout = find_table(workbook, kind=kind, sheet=sheet)
        with session_scope(engine) as session:
            return make_plan(workbook, layout, session=session, today=TODAY)

    yield plan
    for engine in engines:
        engine.dispose()


@pytest.fixture
def import_file(workspace_path: Path) -> Iterator[Callable[..., ImportPlan]]:
    """import_file(file, db=None, skip_invalid=False) → the plan, after writing it."""
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace

    engines: list[Any] = []

    def run(path: Path, *, db: Path | None = None, skip_invalid: bool = False, kind: str | None = None) -> ImportPlan:
        engine = open_workspace(db or workspace_path)
        engines.append(engine)
        workbook = read_workbook(path)
        with session_scope(engine) as session:
            plan = make_plan(workbook, find_table(workbook, kind=kind), session=session, today=TODAY)
            apply_plan(plan, session=session, who="Test Secretary", skip_invalid=skip_invalid)
        return plan

    yield run
    for engine in engines:
        engine.dispose()


