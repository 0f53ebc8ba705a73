"""Encryption in the window: the wizard's "Encrypt this workspace" and its recovery key page; the
recovery-key prompt when an encrypted workspace's key is not in the keyring."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

pytest.importorskip("sqlcipher3")

from keyring_memory import memory_keyring  # noqa: E402,F401  (fixture)

from boardapp.db import keys  # noqa: E402
from boardapp.db.connect import is_encrypted  # noqa: E402
from boardapp.ui.shell.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot: Any, pinned_today: date) -> Any:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.detach()


def _click(wizard: QWizard, which: QWizard.WizardButton) -> None:
    wizard.button(which).click()


def test_the_wizard_encrypts_and_shows_the_recovery_key_once(
    window: Any, qtbot: Any, dialogs: Any, tmp_path: Path, memory_keyring: Any,
) -> None:
    from boardapp.ui.shell.operations import new_workspace

    wizard = new_workspace(window)
    board = wizard.board_page
    board.name_edit.clear()
    qtbot.keyClicks(board.name_edit, "Westvale Improvement Board")
    qtbot.keyClicks(board.chair_edit, "Dr Imogen Thistlewood")
    board.file_edit.setText(str(tmp_path / "westvale"))
    assert not board.encrypt_box.isChecked()  # off unless asked for
    board.encrypt_box.setChecked(True)
    for _step in range(4):  # board, members, themes, meeting
        _click(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.summary_page
    assert "Encrypted: yes" in wizard.summary_page.summary.text()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isVisible()  # the key page comes first
    _click(wizard, QWizard.WizardButton.NextButton)

    page = wizard.recovery_page
    assert wizard.currentPage() is page
    shown = page.key_label.text().replace("\n", "-")
    assert keys.parse_recovery_key(shown) == wizard.encryption_key()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and not finish.isEnabled()  # not until it is written down
    page.copy_button.click()
    assert QApplication.clipboard().text() == page.recovery_key and "Copied" in page.copied_label.text()
    page.written.setChecked(True)
    assert finish.isEnabled()
    finish.click()

    path = tmp_path / "westvale.db"
    qtbot.waitUntil(lambda: window.ctx is not None and bool(window.pages), timeout=30_000)
    assert window.ctx.db_path == path and dialogs.names() == []
    assert is_encrypted(path)
    assert b"Thistlewood" not in b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert memory_keyring.entries  # kept in the keyring: no prompt next time
    people = window.pages["People"]
    window.show_page("People")
    assert [p.name for p in people.people.model.rows()] == ["Dr Imogen Thistlewood"]


def test_a_plain_wizard_still_finishes_on_its_summary(window: Any, qtbot: Any, tmp_path: Path) -> None:
    from boardapp.ui.shell.operations import new_workspace

    wizard = new_workspace(window)
    wizard.board_page.file_edit.setText(str(tmp_path / "plain"))
    for _step in range(4):
        _click(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.summary_page and wizard.encryption_key() is None
    _click(wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: window.ctx is not None and bool(window.pages), timeout=30_000)
    assert not is_encrypted(tmp_path / "plain.db")


@pytest.fixture
def locked_workspace(demo_path: Path, memory_keyring: Any) -> tuple[Path, str]:
    """An encrypted copy of the demo whose key this computer's keyring does not hold."""
    from boardapp.db.encryption import encrypt_workspace

    recovery = encrypt_workspace(demo_path).recovery_key
    memory_keyring.entries.clear()
    keys.forget_all_in_memory()
    assert recovery is not None
    return demo_path, recovery


def _prompt(window: Any, qtbot: Any, path: Path) -> Any:
    from boardapp.ui.shell.operations import open_path

    open_path(window, path)
    qtbot.waitUntil(lambda: getattr(window, "recovery_dialog", None) is not None
                    and window.recovery_dialog.isVisible(), timeout=30_000)
    return window.recovery_dialog


def test_opening_without_the_key_asks_for_the_recovery_key_until_it_is_right(
    window: Any, qtbot: Any, dialogs: Any, locked_workspace: tuple[Path, str], memory_keyring: Any,
) -> None:
    path, recovery = locked_workspace
    dialog = _prompt(window, qtbot, path)
    assert str(path) in dialog.findChildren(type(dialog.error_label))[0].text()
    qtbot.keyClicks(dialog.key_edit, keys.recovery_key(keys.new_key()))  # another workspace's key
    dialog.buttons.button(dialog.buttons.StandardButton.Open).click()
    assert dialog.isVisible() and dialog.error_label.text() == f"The recovery key does not open {path}"
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, recovery[:-1] + ("A" if recovery[-1] != "A" else "B"))  # one typo
    dialog.buttons.button(dialog.buttons.StandardButton.Open).click()
    assert dialog.isVisible() and "typo" in dialog.error_label.text()
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, recovery.lower())
    dialog.buttons.button(dialog.buttons.StandardButton.Open).click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.ctx is not None and window.ctx.db_path == path and bool(window.pages),
                    timeout=30_000)
    assert dialogs.names() == []  # no error box on the way
    assert list(memory_keyring.entries)[0][1] == keys.key_id(path.read_bytes()[:16])  # kept again


def test_cancel_leaves_the_encrypted_workspace_unopened(
    window: Any, qtbot: Any, dialogs: Any, locked_workspace: tuple[Path, str],
) -> None:
    path, _recovery = locked_workspace
    with qtbot.waitSignal(window.open_failed, timeout=30_000) as failed:
        dialog = _prompt(window, qtbot, path)
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert failed.args == [f"{path} was not opened: it is encrypted and no recovery key was entered."]
    assert window.ctx is None and not dialog.isVisible() and dialogs.names() == []
