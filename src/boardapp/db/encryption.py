"""Encryption at rest, per workspace: encrypting and decrypting a file, unlocking it with its recovery key.

The file is SQLCipher (AES-256, the key raw; ``boardapp.db.keys`` says where keys live and how
a file names its key). Connections to an encrypted file need nothing from their callers:
``boardapp.db.connect`` sees the file is encrypted and keys the connection. Backups of an
encrypted workspace are made through the backup API between keyed connections, so they are
encrypted with the same key and start with the same salt.

Encrypting or decrypting an existing workspace is done behind a checked backup: the whole
content is exported (``sqlcipher_export``) into a new file beside the workspace, the copy is
checked (``integrity_check`` and the same row count in every table), and only then renamed over
the workspace in one step. The caller holds the workspace lock.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardapp.db import keys
from boardapp.db.connect import (
    DB_ERRORS, connect_file, encrypting_new, encryption_salt, key_of, sqlcipher_available,
)
from boardapp.db.errors import EncryptedWorkspaceError, WorkspaceError, WrongRecoveryKeyError


@dataclass(frozen=True)
class EncryptionOutcome:
    """What ``encrypt_workspace`` / ``decrypt_workspace`` did."""

    path: Path
    backup: Path
    recovery_key: str | None  #: shown once after encrypting; None after decrypting
    in_keyring: bool  #: whether the key is kept in the OS keyring (else: asked at every open)
    plain_backups: tuple[Path, ...]  #: earlier backups that are not encrypted (made before)


def _require_sqlcipher() -> None:
    if not sqlcipher_available():
        raise WorkspaceError("this installation of boardapp has no SQLCipher (sqlcipher3), so it cannot encrypt")


# -- opening with a recovery key -----------------------------------------------------------------
def unlock(path: Path | str, recovery_text: str) -> bool:
    """Open the encrypted file at ``path`` with its recovery key and keep the key again.

    Raises RecoveryKeyTypoError (a typo the checksum caught) or WrongRecoveryKeyError (a valid
    recovery key of another workspace). Returns whether the key went into the OS keyring (False:
    held in this process only, asked again next time).
    """
    path = Path(path).expanduser().absolute()
    key = keys.parse_recovery_key(recovery_text)
    salt = encryption_salt(path)
    if salt is None:
        raise WorkspaceError(f"{path} is not encrypted; it needs no recovery key")
    if keys.salt_for(key) != salt:
        raise WrongRecoveryKeyError(path)
    keys.remember(key)
    try:
        with closing(connect_file(path, mode="ro")) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DB_ERRORS as exc:
        raise WrongRecoveryKeyError(path) from exc
    return keys.store_key(key)


def needs_key(path: Path | str) -> bool:
    """Whether ``path`` is encrypted and no key for it is at hand (the window then asks for it)."""
    try:
        key_of(path)
    except EncryptedWorkspaceError:
        return True
    return False


# -- a new encrypted workspace -------------------------------------------------------------------
@contextmanager
def creating_encrypted(key: bytes) -> Iterator[bool]:
    """Inside, the workspace file this thread creates is encrypted with ``key``; the key is kept
    (keyring, or this process only) first. Yields whether it is in the keyring."""
    _require_sqlcipher()
    in_keyring = keys.store_key(key)
    with encrypting_new(key):
        yield in_keyring


# -- encrypting and decrypting an existing workspace ---------------------------------------------
def _table_counts(connection: Any) -> dict[str, int]:
    names = [str(r[0]) for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: int(connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]) for name in names}


def _export(source: Path, target: Path, key: bytes | None) -> dict[str, int]:
    """Every table, index and row of ``source`` into the new file ``target`` (encrypted with ``key``,
    or plain for None); returns the source's row counts."""
    from boardapp.db.connect import connect_sqlcipher

    material = f"x'{key.hex()}{keys.salt_for(key).hex()}'" if key is not None else ""
    with closing(connect_sqlcipher(source)) as connection:
        counts = _table_counts(connection)
        user_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        connection.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), material))
        try:
            connection.execute("SELECT sqlcipher_export('converted')")
            connection.execute(f"PRAGMA converted.user_version = {user_version}")  # the demo mark
            connection.commit()
        finally:
            connection.execute("DETACH DATABASE converted")
    return counts


def _check_copy(copy: Path, counts: dict[str, int], *, journal_mode: str = "WAL") -> None:
    with closing(connect_file(copy, mode="rw")) as connection:
        rows = [str(r[0]) for r in connection.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise WorkspaceError(f"the converted copy {copy} failed its check ({rows[0]}); the workspace is unchanged")
        found = _table_counts(connection)
        if found != counts:
            raise WorkspaceError(f"the converted copy {copy} lost rows; the workspace is unchanged")
        connection.execute(f"PRAGMA journal_mode={journal_mode}")


def _plain_backups(path: Path) -> tuple[Path, ...]:
    from boardapp.db.backup_store import list_backups

    return tuple(r.path for r in list_backups(path) if r.path.is_file() and encryption_salt(r.path) is None)


def encrypt_backups(path: Path | str) -> tuple[Path, ...]:
    """Encrypt, in place, the plain backups listed for the (now encrypted) workspace ``path``, with its
    key: each is exported to a new file, checked (same rows) and renamed over the old one, and the
    manifest gets its new size and checksum. Returns the backups encrypted."""
    from boardapp.db.backup_store import refresh_backup

    path = Path(path).expanduser().absolute()
    key = key_of(path)
    if key is None:
        raise WorkspaceError(f"{path} is not encrypted; its backups are left as they are")
    done: list[Path] = []
    for backup in _plain_backups(path):
        temp = backup.with_name(backup.name + ".encrypting.partial")
        temp.unlink(missing_ok=True)
        try:
            counts = _export(backup, temp, key)
            _check_copy(temp, counts, journal_mode="DELETE")
            os.replace(temp, backup)
        except DB_ERRORS as exc:
            raise WorkspaceError(f"the backup {backup} could not be encrypted ({exc}); it is unchanged") from exc
        finally:
            temp.unlink(missing_ok=True)
        refresh_backup(path, backup)
        done.append(backup)
    return tuple(done)


def _convert(path: Path, key: bytes | None, reason: str) -> Path:
    """Back up ``path``, write it converted beside itself, check the copy, rename it over ``path``."""
    from boardapp.db.backup import automatic_backup
    from boardapp.db.opening import inspect_workspace
    from boardapp.db.replace_file import replace_workspace_file

    inspect_workspace(path)  # a damaged, newer or locked-out file is refused before anything is written
    backup = automatic_backup(path, reason)
    temp = path.with_name(f".{path.name}.{reason}.partial")
    for leftover in (temp, temp.with_name(temp.name + "-wal"), temp.with_name(temp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    try:
        counts = _export(path, temp, key)
        _check_copy(temp, counts)
        replace_workspace_file(temp, path)
    except DB_ERRORS as exc:
        raise WorkspaceError(f"{path} could not be converted ({exc}); the workspace is unchanged") from exc
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-wal"), temp.with_name(temp.name + "-shm")):
            leftover.unlink(missing_ok=True)
    return backup


def encrypt_workspace(path: Path | str) -> EncryptionOutcome:
    """Encrypt the plain workspace at ``path`` with a new key (behind a backup); the outcome holds
    the recovery key, to be shown once."""
    _require_sqlcipher()
    path = Path(path).expanduser().absolute()
    if encryption_salt(path) is not None:
        raise WorkspaceError(f"{path} is already encrypted")
    key = keys.new_key()
    in_keyring = keys.store_key(key)  # kept before the file needs it
    try:
        backup = _convert(path, key, "before-encrypt")
    except BaseException:
        keys.forget_key(key)  # nothing was encrypted with it
        raise
    return EncryptionOutcome(path, backup, keys.recovery_key(key), in_keyring, _plain_backups(path))


def decrypt_workspace(path: Path | str) -> EncryptionOutcome:
    """Write the encrypted workspace at ``path`` back as a plain SQLite file (behind an encrypted backup).

    The key stays in the keyring: the encrypted backups still need it.
    """
    _require_sqlcipher()
    path = Path(path).expanduser().absolute()
    if encryption_salt(path) is None:
        raise WorkspaceError(f"{path} is not encrypted")
    key_of(path)  # no key: "enter its recovery key"
    backup = _convert(path, None, "before-decrypt")
    return EncryptionOutcome(path, backup, None, keys.keyring_available(), ())
