"""The scorecard, risk and funding reads give the same rows through a Session and through a bare DB-API
connection, and import no ORM: ``boardapp pack`` reads them without SQLAlchemy or SQLModel."""
from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from boardapp.db.connect import connect_read_only
from boardapp.db.engine import session_scope
from boardapp.db.workspace import open_workspace
from boardapp.services.funding import queries as funding
from boardapp.services.performance import queries as performance
from boardapp.services.performance.pack_read import read_scorecard_pack
from boardapp.services.risks import queries as risks

TODAY = date(2024, 9, 11)  # the day tests/conftest.py pins the demo template to

_MODULES = (
    "boardapp.services.performance.pack_read",
    "boardapp.services.performance.queries",
    "boardapp.services.performance.comparators",
    "boardapp.services.risks.queries",
    "boardapp.services.funding.queries",
)

_BLOCKED = '''
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("sqlalchemy", "sqlmodel", "pydantic", "alembic"):
            raise ImportError("blocked " + name)
sys.meta_path.insert(0, Block())
for name in sys.argv[2:]:
    importlib.import_module(name)
import sqlite3
from datetime import date
from boardapp.services.performance.pack_read import read_scorecard_pack
from boardapp.services.risks.queries import list_risks
connection = sqlite3.connect(sys.argv[1])
assert read_scorecard_pack(session=connection, today=date(2024, 9, 11)).rows and list_risks(session=connection)
'''


def _same(a: Any, b: Any, where: str = "") -> None:
    """Equal, and of the same types all the way down (``==`` alone takes 80 for 80.0, any zone for UTC)."""
    assert type(a) is type(b), (where, type(a), type(b))
    if dataclasses.is_dataclass(a):
        for field in dataclasses.fields(a):
            _same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, datetime):
        assert (a, a.tzinfo) == (b, b.tzinfo), where
    else:
        assert a == b, where


READS: dict[str, Callable[[Any], Any]] = {
    "scorecard": lambda r: performance.scorecard(session=r),
    "scorecard+retired": lambda r: performance.scorecard(session=r, include_retired=True),
    "all_series": lambda r: performance.all_series(session=r),
    "all_series since": lambda r: performance.all_series(session=r, since=date(2023, 9, 1)),
    "list_kpis": lambda r: performance.list_kpis(session=r),
    "read_scorecard_pack": lambda r: read_scorecard_pack(session=r, today=TODAY),
    "list_risks": lambda r: risks.list_risks(session=r),
    "list_risks open": lambda r: risks.list_risks(session=r, include_closed=False),
    "list_grants": lambda r: funding.list_grants(session=r),
    "list_grants+deleted": lambda r: funding.list_grants(session=r, include_deleted=True),
    "grant_row": lambda r: [funding.grant_row(1, session=r)],
}


@pytest.mark.parametrize("name", list(READS))
def test_session_and_bare_connection_read_the_same(demo_template: Path, name: str) -> None:
    read = READS[name]
    engine = open_workspace(demo_template)
    try:
        with session_scope(engine) as session, closing(sqlite3.connect(demo_template)) as bare, \
                closing(connect_read_only(demo_template)) as read_only:
            through_session = read(session)
            assert through_session and through_session != [None]  # the demo has them all: nothing compared empty
            _same(through_session, read(bare), name)
            _same(through_session, read(read_only), name)
    finally:
        engine.dispose()


def test_one_risk_and_one_series_read_the_same(demo_template: Path) -> None:
    engine = open_workspace(demo_template)
    try:
        with session_scope(engine) as session, closing(sqlite3.connect(demo_template)) as bare:
            pack = read_scorecard_pack(session=bare, today=TODAY)
            assert pack.rows and pack.off_target and any(s.points for s in pack.off_target)
            for row in risks.list_risks(session=bare):
                _same(risks.risk_row(row.id, session=session), risks.risk_row(row.id, session=bare), row.ref)
                assert risks.risk_row(row.id, session=bare) == row
                assert risks.risk_id_for_ref(row.ref, session=bare) == row.id
                assert row.updated_at.tzinfo is not None  # aware UTC, as the model's UTCDateTime reads it
            assert risks.risk_row(10**6, session=bare) is None and risks.risk_id_for_ref("no such", session=bare) is None
            for kpi in performance.list_kpis(session=bare):
                _same(performance.kpi_series(kpi.id, session=session), performance.kpi_series(kpi.id, session=bare))
            with pytest.raises(LookupError):
                performance.kpi_series(10**6, session=bare)
    finally:
        engine.dispose()


def test_the_reads_import_no_orm(demo_template: Path) -> None:
    """Imported and read in a fresh interpreter that refuses SQLAlchemy, SQLModel, pydantic and Alembic."""
    done = subprocess.run([sys.executable, "-c", _BLOCKED, str(demo_template), *_MODULES], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
