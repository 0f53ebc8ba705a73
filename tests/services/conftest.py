"""Fixtures of the service tests: a read session over the demo workspace."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session


@pytest.fixture(scope="module")
def session(demo_template: Path) -> Iterator[Session]:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace

    engine = open_workspace(demo_template)
    with session_scope(engine) as s:
        yield s
    engine.dispose()
