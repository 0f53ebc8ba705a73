"""File › Encrypt workspace… / Decrypt workspace… in the window: asked first, done off the UI thread
behind a backup, the workspace opened again with its data and writable; the recovery key shown once;
a failure said clearly with the workspace unchanged; disabled (saying why) in a read-only window."""
from __future__ import annotations

import hashlib
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sqlcipher3")

from keyring_memory import memory_keyring, no_keyring  # noqa: E402,F401  (fixtures)

from boardapp.db import keys  # noqa: E402
from boardapp.db.backup_store import list_backups  # noqa: E402
from boardapp.db.connect import connect_file, is_encrypted, key_of  # noqa: E402
from boardapp.ui.shell.main_window import MainWindow  # noqa: E402

KNOWN_TEXT = b"Independent Chair"  # in the demo's people, so in a plain file


def _digest(path: Path) -> str:
    """Every row of every table (keyed or plain file alike): the data, whatever the file looks like."""
    digest = hashlib.sha256()
    with closing(connect_file(path, mode="ro")) as connection:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for name in names:
            for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                digest.update(repr((name, row)).encode())
    return digest.hexdigest()


def _open(qtbot: Any, path: Path) -> MainWindow:
    from boardapp.ui.shell.operations import open_path

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.data_ready, timeout=30_000):
        open_path(window, path)
    return window


def _reopened(window: MainWindow, qtbot: Any, path: Path) -> None:
    qtbot.waitUntil(lambda: window.ctx is not None and window.ctx.db_path == path and bool(window.pages)
                    and window.counts is not None and not window.opening, timeout=30_000)


def _writable(window: MainWindow) -> None:
    from boardapp.services.plan.commands import create_action

    assert window.ctx is not None and not window.ctx.read_only
    assert window.new_action_action.isEnabled() and not window.read_only_banner.isVisible()
    with window.ctx.session() as session:
        create_action(session=session, who="T", title="Written after the conversion", due_date=date(2025, 1, 31))


def test_encrypt_asks_converts_reopens_and_shows_the_recovery_key_once(
    qtbot: Any, dialogs: Any, demo_path: Path, pinned_today: date, memory_keyring: Any,
) -> None:
    assert KNOWN_TEXT in demo_path.read_bytes()
    before = _digest(demo_path)
    window = _open(qtbot, demo_path)
    actions = window.encryption
    assert actions.encrypt_action.isEnabled() and not actions.decrypt_action.isEnabled()
    assert actions.decrypt_action.toolTip() == "This workspace is not encrypted"

    dialogs.answer("choice", "Encrypt")
    actions.encrypt_action.trigger()
    title, text = dialogs.calls[0][1][1:3]
    assert title == "Encrypt workspace"
    assert "backup is taken first" in text and "shown once" in text and "Write it down" in text
    qtbot.waitUntil(lambda: getattr(window, "recovery_key_dialog", None) is not None, timeout=60_000)
    _reopened(window, qtbot, demo_path)
    assert dialogs.names() == ["choice"]  # no error on the way
    qtbot.waitUntil(lambda: "Encrypted demo.db" in window.statusBar().currentMessage(), timeout=10_000)

    assert is_encrypted(demo_path) and KNOWN_TEXT not in demo_path.read_bytes()
    assert _digest(demo_path) == before  # every row, as it was
    assert window.counts is not None and window.counts[1] == 120
    assert [r.reason for r in list_backups(demo_path)] == ["before-encrypt"]
    assert all(is_encrypted(r.path) for r in list_backups(demo_path))  # the backup was encrypted too
    assert memory_keyring.entries  # kept in the keyring: no prompt when it was opened again

    dialog: Any = window.recovery_key_dialog
    assert dialog.isVisible()
    assert keys.parse_recovery_key(dialog.view.key_label.text().replace("\n", "-")) == key_of(demo_path)
    assert not dialog.close_button.isEnabled()
    dialog.reject()  # Escape: held until it is written down
    dialog.close()
    assert dialog.isVisible()
    dialog.view.copy_button.click()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == dialog.view.recovery_key
    dialog.written.setChecked(True)
    dialog.close_button.click()
    assert not dialog.isVisible()

    assert actions.decrypt_action.isEnabled() and not actions.encrypt_action.isEnabled()
    _writable(window)
    window.detach()


def test_decrypt_warns_converts_and_reopens_writable(
    qtbot: Any, dialogs: Any, demo_path: Path, pinned_today: date, memory_keyring: Any,
) -> None:
    from boardapp.db.encryption import encrypt_workspace

    encrypt_workspace(demo_path)
    before = _digest(demo_path)
    window = _open(qtbot, demo_path)
    actions = window.encryption
    assert actions.decrypt_action.isEnabled() and not actions.encrypt_action.isEnabled()
    assert actions.encrypt_action.toolTip() == "This workspace is already encrypted"

    from boardapp.ui.shell.encryption_ops import decrypt_current

    dialogs.answer("choice", "Decrypt")
    task: Any = decrypt_current(window)  # what the menu command runs
    assert task.dialog.windowTitle() == "Decrypting the workspace"  # on a worker, behind a progress dialog
    assert window.ctx is None and not window.pages  # the window let go of the workspace first
    text = dialogs.calls[0][1][2]
    assert "anyone who can read it" in text and "encrypted backup is taken first" in text
    qtbot.waitUntil(lambda: not is_encrypted(demo_path), timeout=60_000)
    _reopened(window, qtbot, demo_path)
    assert dialogs.names() == ["choice"]
    assert KNOWN_TEXT in demo_path.read_bytes() and _digest(demo_path) == before
    backups = list_backups(demo_path)
    assert backups[0].reason == "before-decrypt" and is_encrypted(backups[0].path)
    qtbot.waitUntil(lambda: "Decrypted demo.db" in window.statusBar().currentMessage(), timeout=10_000)
    assert actions.encrypt_action.isEnabled() and not actions.decrypt_action.isEnabled()
    _writable(window)
    window.detach()


def test_without_a_keyring_the_key_is_held_here_and_the_dialog_says_it_will_be_asked_for(
    qtbot: Any, dialogs: Any, demo_path: Path, pinned_today: date, no_keyring: None,
) -> None:
    window = _open(qtbot, demo_path)
    dialogs.answer("choice", "Encrypt")
    window.encryption.encrypt_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "recovery_key_dialog", None) is not None, timeout=60_000)
    _reopened(window, qtbot, demo_path)  # the key is in this process: no prompt on the way back
    assert is_encrypted(demo_path) and dialogs.names() == ["choice"]
    dialog: Any = window.recovery_key_dialog
    assert "no keyring" in dialog.view.keyring_note.text() and "every time" in dialog.view.keyring_note.text()
    dialog.written.setChecked(True)
    dialog.close_button.click()
    _writable(window)
    window.detach()


def test_cancel_changes_nothing(qtbot: Any, dialogs: Any, demo_path: Path, pinned_today: date,
                                memory_keyring: Any) -> None:
    window = _open(qtbot, demo_path)
    ctx = window.ctx
    window.encryption.encrypt_action.trigger()  # the confirmation answered Cancel (None)
    assert dialogs.names() == ["choice"] and window.ctx is ctx and not is_encrypted(demo_path)
    assert list_backups(demo_path) == []
    window.detach()


def test_a_failed_encrypt_is_said_and_the_workspace_reopens_unchanged(
    qtbot: Any, dialogs: Any, demo_path: Path, pinned_today: date, memory_keyring: Any, monkeypatch: Any,
) -> None:
    from boardapp.db import encryption
    from boardapp.db.errors import WorkspaceError

    def lost_rows(copy: Path, counts: Any, **_kw: Any) -> None:
        raise WorkspaceError(f"the converted copy {copy} lost rows; the workspace is unchanged")

    monkeypatch.setattr(encryption, "_check_copy", lost_rows)
    before = _digest(demo_path)
    window = _open(qtbot, demo_path)
    dialogs.answer("choice", "Encrypt")
    window.encryption.encrypt_action.trigger()
    qtbot.waitUntil(lambda: "error" in dialogs.names(), timeout=60_000)
    _reopened(window, qtbot, demo_path)
    title, message = dialogs.calls[-1][1][1:3]
    assert title == "Encrypt workspace"
    assert message.startswith("demo.db was not changed.") and "lost rows" in message and "Traceback" not in message
    assert not is_encrypted(demo_path) and _digest(demo_path) == before
    assert not memory_keyring.entries  # the unused key was not kept
    assert not list(demo_path.parent.glob(".demo.db.*partial*"))  # no half-written copy left
    assert getattr(window, "recovery_key_dialog", None) is None
    assert window.encryption.encrypt_action.isEnabled()
    _writable(window)
    window.detach()


def test_a_read_only_window_keeps_both_disabled_saying_why(
    qtbot: Any, demo_path: Path, pinned_today: date, workspace_holder: Any, memory_keyring: Any,
) -> None:
    workspace_holder.start(demo_path)  # another boardapp holds it
    window = _open(qtbot, demo_path)
    assert window.ctx is not None and window.ctx.read_only
    actions = window.encryption
    assert not actions.encrypt_action.isEnabled() and not actions.decrypt_action.isEnabled()
    assert actions.encrypt_action.toolTip().startswith("Read-only: open in another boardapp")
    actions.encrypt_action.trigger()  # a disabled action does nothing; the function refuses too
    assert not is_encrypted(demo_path)
    window.detach()
