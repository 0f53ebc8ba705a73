"""Encryption at rest: no plaintext on disk, backups encrypted, keys in the keyring, recovery keys."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3")  # skipped only where the platform has no SQLCipher build

from keyring_memory import memory_keyring, no_keyring  # noqa: E402,F401  (fixtures)

from boardapp.db import keys  # noqa: E402
from boardapp.db.backup import restore_database  # noqa: E402
from boardapp.db.backup_store import list_backups, make_backup  # noqa: E402
from boardapp.db.connect import connect, is_encrypted  # noqa: E402
from boardapp.db.encryption import creating_encrypted, decrypt_workspace, encrypt_workspace, unlock  # noqa: E402
from boardapp.db.errors import EncryptedWorkspaceError, WrongRecoveryKeyError  # noqa: E402
from boardapp.db.opening import inspect_workspace  # noqa: E402
from boardapp.db.workspace import open_workspace  # noqa: E402


def _plain_facts(path: Path) -> tuple[list[str], dict[str, int]]:
    """Some words only the workspace holds (action titles, people's names) and its row counts."""
    with closing(sqlite3.connect(path)) as db:
        words = [str(r[0]) for r in db.execute("SELECT title FROM action WHERE length(title) > 12 LIMIT 5")]
        words += [str(r[0]) for r in db.execute("SELECT name FROM person WHERE length(name) > 8 LIMIT 5")]
        tables = [str(r[0]) for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    assert len(words) == 10
    return words, counts


def _counts(path: Path) -> dict[str, int]:
    with closing(connect(path, read_only=True)) as db:
        tables = [str(r[0]) for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _assert_no_plaintext(files: list[Path], words: list[str]) -> None:
    assert files
    for file in files:
        data = file.read_bytes()
        assert not data.startswith(b"SQLite format 3"), file
        for word in words:
            assert word.encode() not in data, f"{word!r} is readable in {file}"
            assert word.encode("utf-16-le") not in data, f"{word!r} is readable in {file}"


def _add_action(path: Path, title: str) -> object:
    """An edit through the services, the engine left open (its -wal not yet folded into the file)."""
    from boardapp.db.engine import session_scope
    from boardapp.services.plan.commands import create_action

    engine = open_workspace(path)
    with session_scope(engine) as session:
        create_action(session=session, who="Test Officer", title=title, due_date=date(2025, 3, 31))
    return engine


def test_an_encrypted_workspace_its_wal_and_its_backups_hold_no_plaintext(demo_path: Path, memory_keyring: object) -> None:
    words, counts = _plain_facts(demo_path)
    outcome = encrypt_workspace(demo_path)
    assert is_encrypted(demo_path) and outcome.in_keyring
    new_title = "Quarterly practice audit of Zanzibar placements"
    engine = _add_action(demo_path, new_title)
    try:
        wal = demo_path.with_name(demo_path.name + "-wal")
        assert wal.stat().st_size > 0  # the edit is in the -wal now
        record = make_backup(demo_path, "manual")
        assert record is not None and record.checked
        _assert_no_plaintext([demo_path, wal, record.path], [*words, new_title])
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    assert _counts(demo_path)["action"] == counts["action"] + 1
    assert record.actions == counts["action"] + 1  # the backup was measured through its key


def test_a_backup_of_an_encrypted_workspace_is_encrypted_and_restores(demo_path: Path, memory_keyring: object) -> None:
    words, counts = _plain_facts(demo_path)
    encrypt_workspace(demo_path)
    record = make_backup(demo_path, "manual")
    assert record is not None
    assert is_encrypted(record.path)
    with pytest.raises(sqlite3.DatabaseError):  # without the key, SQLite sees noise
        with closing(sqlite3.connect(record.path)) as raw:
            raw.execute("SELECT * FROM sqlite_master").fetchall()
    with closing(connect(demo_path)) as db:
        db.execute("DELETE FROM actionupdate")
        db.commit()
    kept = restore_database(demo_path, record.path)
    assert kept is not None and is_encrypted(kept)
    assert _counts(demo_path) == counts and is_encrypted(demo_path)
    _assert_no_plaintext([demo_path, *(r.path for r in list_backups(demo_path) if r.reason != "before-encrypt")], words)


def test_without_its_key_the_file_is_refused_clearly(demo_path: Path, memory_keyring: object) -> None:
    encrypt_workspace(demo_path)
    memory_keyring.entries.clear()  # type: ignore[attr-defined]  (another laptop: no key in its keyring)
    keys.forget_all_in_memory()
    with pytest.raises(EncryptedWorkspaceError) as refused:
        inspect_workspace(demo_path)
    assert str(refused.value) == f"{demo_path} is encrypted; enter its recovery key"
    with pytest.raises(EncryptedWorkspaceError):
        open_workspace(demo_path)
    with pytest.raises(EncryptedWorkspaceError):
        connect(demo_path)


def test_the_recovery_key_opens_it_and_stores_the_key_again(demo_path: Path, memory_keyring: object) -> None:
    counts = _counts(demo_path)
    recovery = encrypt_workspace(demo_path).recovery_key
    assert recovery is not None
    memory_keyring.entries.clear()  # type: ignore[attr-defined]
    keys.forget_all_in_memory()
    assert unlock(demo_path, recovery.lower().replace("-", " ")) is True  # spacing and case are forgiven
    assert list(memory_keyring.entries) == [("boardapp", keys.key_id(demo_path.read_bytes()[:16]))]  # type: ignore[attr-defined]
    keys.forget_all_in_memory()  # a new process: the keyring alone opens it now
    inspect_workspace(demo_path, thorough=True)
    assert _counts(demo_path) == counts


def test_a_wrong_recovery_key_is_refused_naming_the_file(demo_path: Path, tmp_path: Path, memory_keyring: object) -> None:
    encrypt_workspace(demo_path)
    other = tmp_path / "other.db"
    with creating_encrypted(keys.new_key()):
        open_workspace(other, create=True).dispose()
    memory_keyring.entries.clear()  # type: ignore[attr-defined]
    keys.forget_all_in_memory()
    another_key = keys.recovery_key(keys.new_key())  # a well-formed recovery key, of no file here
    with pytest.raises(WrongRecoveryKeyError) as refused:
        unlock(demo_path, another_key)
    assert str(refused.value) == f"The recovery key does not open {demo_path}"
    with pytest.raises(EncryptedWorkspaceError):
        inspect_workspace(demo_path)


def test_the_checksum_catches_a_typo_in_the_recovery_key() -> None:
    key = keys.new_key()
    recovery = keys.recovery_key(key)
    groups = recovery.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert keys.parse_recovery_key(recovery) == key
    for position in range(0, len(recovery), 5):  # one character changed in each group
        wrong = "B" if recovery[position] != "B" else "C"
        typo = recovery[:position] + wrong + recovery[position + 1:]
        with pytest.raises(keys.RecoveryKeyTypoError, match="typo"):
            keys.parse_recovery_key(typo)
    with pytest.raises(keys.RecoveryKeyTypoError, match="14 groups of 4"):
        keys.parse_recovery_key("-".join(groups[:-1]))
    with pytest.raises(keys.RecoveryKeyTypoError, match="not 9"):
        keys.parse_recovery_key(recovery[:-1] + "9")


def test_encrypt_then_decrypt_keeps_every_row(demo_path: Path, memory_keyring: object) -> None:
    words, counts = _plain_facts(demo_path)
    with closing(sqlite3.connect(demo_path)) as db:
        user_version = db.execute("PRAGMA user_version").fetchone()[0]
    encrypted = encrypt_workspace(demo_path)
    assert encrypted.backup.is_file() and not is_encrypted(encrypted.backup)  # the plain state, kept behind
    assert encrypted.plain_backups == (encrypted.backup,)
    assert _counts(demo_path) == counts
    inspect_workspace(demo_path, thorough=True)
    decrypted = decrypt_workspace(demo_path)
    assert is_encrypted(decrypted.backup)  # the backup before decrypting is encrypted
    assert not is_encrypted(demo_path)
    with closing(sqlite3.connect(demo_path)) as db:  # a plain SQLite file again, for any tool
        assert db.execute("PRAGMA user_version").fetchone()[0] == user_version  # the demo mark survives
        assert str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
    assert _counts(demo_path) == counts
    assert any(word.encode() in demo_path.read_bytes() for word in words)


def test_without_a_keyring_the_key_lives_only_in_memory(demo_path: Path, tmp_path: Path, no_keyring: None) -> None:
    outcome = encrypt_workspace(demo_path)
    assert outcome.in_keyring is False and outcome.recovery_key
    key = keys.parse_recovery_key(outcome.recovery_key)
    inspect_workspace(demo_path)  # this process holds the key
    home_files = [p for p in tmp_path.parent.rglob("*") if p.is_file()]
    for file in home_files:  # never written anywhere in plain text (hex or raw)
        data = file.read_bytes()
        assert key not in data and key.hex().encode() not in data, file
    keys.forget_all_in_memory()  # the next start
    with pytest.raises(EncryptedWorkspaceError):
        inspect_workspace(demo_path)
    assert unlock(demo_path, outcome.recovery_key) is False  # opened, but nowhere to keep the key
    inspect_workspace(demo_path)


def test_the_recovery_key_in_the_environment_opens_it_headless(
    demo_path: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    recovery = encrypt_workspace(demo_path).recovery_key
    keys.forget_all_in_memory()
    monkeypatch.setenv(keys.RECOVERY_KEY_ENV, str(recovery))
    inspect_workspace(demo_path, thorough=True)


def test_services_errors_are_still_theirs_on_an_encrypted_workspace(workspace_path: Path, memory_keyring: object) -> None:
    """SQLAlchemy wraps sqlcipher3's errors too: a duplicate reference is the services' refusal, not a crash."""
    from boardapp.db.engine import session_scope
    from boardapp.domain.rules import ValidationError
    from boardapp.services.plan.commands import create_action

    encrypt_workspace(workspace_path)
    engine = open_workspace(workspace_path)
    try:
        with session_scope(engine) as session:
            create_action(session=session, who="T", title="First", ref="A1", due_date=date(2025, 3, 31))
            with pytest.raises(ValidationError, match="already used"):
                create_action(session=session, who="T", title="Second", ref="A1", due_date=date(2025, 3, 31))
    finally:
        engine.dispose()


def test_a_new_encrypted_workspace_is_never_plain_on_disk(tmp_path: Path, memory_keyring: object) -> None:
    from boardapp.services.people.setup import WorkspaceSetup, create_workspace

    path = tmp_path / "new.db"
    key = keys.new_key()
    with creating_encrypted(key) as in_keyring:
        engine = create_workspace(path, WorkspaceSetup(name="Northmoor Improvement Board", chair_name="Ottoline Vexbridge"),
                                  who="T")
    engine.dispose()
    assert in_keyring and path.read_bytes()[:16] == keys.salt_for(key)
    _assert_no_plaintext([p for p in tmp_path.iterdir() if p.is_file() and p.suffix != ".lock"],
                         ["Northmoor Improvement Board", "Ottoline Vexbridge"])


def test_a_wrong_or_mistyped_key_in_the_environment_is_named(
    demo_path: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from boardapp.db.errors import WorkspaceError

    recovery = str(encrypt_workspace(demo_path).recovery_key)
    keys.forget_all_in_memory()
    monkeypatch.setenv(keys.RECOVERY_KEY_ENV, keys.recovery_key(keys.new_key()))
    with pytest.raises(WrongRecoveryKeyError, match="The recovery key does not open"):
        inspect_workspace(demo_path)
    monkeypatch.setenv(keys.RECOVERY_KEY_ENV, recovery[:-2])
    with pytest.raises(WorkspaceError, match="BOARDAPP_RECOVERY_KEY: a recovery key has 56"):
        inspect_workspace(demo_path)


def test_a_damaged_encrypted_file_is_called_damaged_and_its_backup_restores(
    demo_path: Path, memory_keyring: object,
) -> None:
    from boardapp.db.errors import CorruptWorkspaceError

    counts = _counts(demo_path)
    encrypt_workspace(demo_path)
    record = make_backup(demo_path, "manual")
    assert record is not None
    data = bytearray(demo_path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096 + 100
    data[middle:middle + 64] = bytes(64)  # one page's ciphertext overwritten: its HMAC no longer matches
    demo_path.write_bytes(bytes(data))
    with pytest.raises(CorruptWorkspaceError) as damaged:
        inspect_workspace(demo_path, thorough=True)
    assert damaged.value.newest_backup == record.path
    restore_database(demo_path, record.path)
    inspect_workspace(demo_path, thorough=True)
    assert _counts(demo_path) == counts
