"""Windows open no larger than the screen's work area, so their buttons are never under the taskbar."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QDialogButtonBox

from boardapp.ui.common import screen_fit

LAPTOP = QRect(0, 0, 1366, 728)  # 1366x768 less a 40-pixel taskbar
WIDE = QRect(0, 0, 1920, 1040)


def test_a_size_is_kept_where_it_fits_and_cut_to_the_work_area_where_it_does_not() -> None:
    assert screen_fit.fitted_size(QSize(1240, 720), WIDE) == QSize(1240, 720)
    fitted = screen_fit.fitted_size(QSize(1240, 720), LAPTOP)
    assert fitted.width() == 1240 and fitted.height() + screen_fit.FRAME.height() <= LAPTOP.height()
    assert screen_fit.fitted_size(QSize(1600, 900), LAPTOP).width() + screen_fit.FRAME.width() <= LAPTOP.width()


@pytest.mark.parametrize("work_area", [LAPTOP, WIDE])
def test_the_comparators_dialog_keeps_its_buttons_on_a_laptop_screen(
        actions_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, work_area: QRect) -> None:
    from boardapp.ui.shell.comparators_dialog import ComparatorsDialog

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: work_area)
    dialog = ComparatorsDialog(actions_ctx, la_code="999")
    qtbot.addWidget(dialog)
    framed = dialog.height() + screen_fit.FRAME.height()
    assert framed <= work_area.height()
    assert dialog.width() == 940 and (dialog.height() == 720 or work_area == LAPTOP)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None and buttons.isVisible()
    bottom = buttons.mapTo(dialog, buttons.rect().bottomLeft()).y()
    assert bottom <= dialog.height()  # inside the window, so on the screen
