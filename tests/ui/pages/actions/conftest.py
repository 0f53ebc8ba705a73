"""Fixtures shared by the register's layout tests."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from boardapp.ui.common import theme


@pytest.fixture
def styled(qapp: Any) -> Iterator[None]:
    """The app's own style sheet, as the window has it (its bold, padded headers and buttons are what must fit)."""
    before = qapp.styleSheet()
    qapp.setStyleSheet(theme.stylesheet())
    yield
    qapp.setStyleSheet(before)
