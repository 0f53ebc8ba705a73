"""Backups of a workspace file, made and restored only through SQLite's backup API.

Never a file copy: copying a WAL database while it is open (or without its
``-wal`` file) silently loses committed edits. The backup API reads a consistent
snapshot, and writing *into* an open workspace through it keeps its WAL and
``-shm`` consistent for every other connection.

A backup is written beside its final name as ``.partial``, checked
(``integrity_check`` and a schema revision) and only then renamed into place,
so a half-written backup never looks like a good one. Backup files are in
rollback-journal mode: one self-contained file.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from boardapp.db.connect import DATABASE_ERRORS, DB_ERRORS, SQLITE_HEADER, encryption_salt, is_sqlite_file
from boardapp.db.errors import BackupError, MissingWorkspaceError, NotAWorkspaceError
from boardapp.db.output_path import check_output_path, describe_write_error, place_new_file

__all__ = ["SQLITE_HEADER"]  # re-exported: the first 16 bytes of every plain SQLite file
#: Backups that are not offered for restore (a damaged file moved aside).
_NOT_OFFERED = ("damaged",)

#: Called as ``progress(pages_done, pages_total)`` while a backup runs.
ProgressCallback = Callable[[int, int], None]


def backups_dir(db_path: Path | str) -> Path:
    """The workspace's backup folder in the user data folder (``backup_store.store_dir``; not created here)."""
    from boardapp.db.backup_store import store_dir

    return store_dir(db_path)


def legacy_backups_dir(db_path: Path | str) -> Path:
    """The ``backups/`` folder beside the workspace file, where earlier versions kept backups."""
    return Path(db_path).absolute().parent / "backups"


def backup_path(db_path: Path | str, reason: str) -> Path:
    """A fresh, timestamped name in the backups folder: ``<stem>.<reason>-YYYYmmdd-HHMMSS.db``."""
    db_path = Path(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backups_dir(db_path)
    candidate = folder / f"{db_path.stem}.{reason}-{stamp}.db"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{db_path.stem}.{reason}-{stamp}-{counter}.db"
        counter += 1
    return candidate


def newest_backup(db_path: Path | str) -> Path | None:
    """The newest good backup of ``db_path`` (checked, listed, its checksum intact); else the newest
    in the folder earlier versions used beside the workspace; or None."""
    from boardapp.db.backup_store import newest_good_backup

    db_path = Path(db_path).absolute()
    good = newest_good_backup(db_path)
    if good is not None:
        return good
    folder = legacy_backups_dir(db_path)
    if not folder.is_dir():
        return None
    candidates = [
        p for p in folder.glob(f"{db_path.stem}.*.db")
        if p.is_file() and not any(f".{word}-" in p.name for word in _NOT_OFFERED)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.stat().st_mtime, p.name))


def _connect_readonly(path: Path) -> sqlite3.Connection:
    from boardapp.db.connect import connect_read_only  # also where the folder or disk cannot be written

    return connect_read_only(path)


def has_sqlite_header(path: Path) -> bool:
    """True for an SQLite database file, plain or encrypted (an encrypted one starts with its salt,
    not the magic text), or an empty file, which SQLite treats as a new one."""
    return is_sqlite_file(path)


def size_problem(path: Path) -> str | None:
    """Whether the file is shorter than an SQLite file can be: its size is not a whole number of
    pages, or it is shorter than the page count its header states. Neither check of SQLite sees
    this (a copy missing its last byte passed ``quick_check`` and read a changed value), so it is
    asked here. A non-empty ``-wal`` may hold the pages the file lacks, so then only the page
    multiple is asked."""
    size = path.stat().st_size
    if size == 0:
        return None
    if encryption_salt(path) is not None:  # the header is encrypted: only the page multiple can be asked
        return None if size % 4096 == 0 else f"the file is truncated: {size} bytes is not a whole number of pages"
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return f"the file is truncated: {size} bytes, shorter than an SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"the header gives an impossible page size ({page_size})"
    if size % page_size:
        return f"the file is truncated: {size} bytes is not a whole number of {page_size}-byte pages"
    pages = int.from_bytes(header[28:32], "big")
    header_count_valid = header[24:28] == header[92:96] and pages > 0
    wal = path.with_name(path.name + "-wal")
    wal_holds_pages = wal.exists() and wal.stat().st_size > 0
    if header_count_valid and not wal_holds_pages and size < pages * page_size:
        return f"the file is truncated: {size // page_size} pages of the {pages} its header states"
    return None


def file_problem(path: Path, *, thorough: bool = False) -> str | None:
    """What is wrong with the SQLite file at ``path``, or None when it passes.

    ``quick_check`` by default (fast enough for every open); ``thorough`` runs
    ``integrity_check`` and ``foreign_key_check`` as well. Both first check the file's
    size against its header (``size_problem``). Never writes.
    """
    if not has_sqlite_header(path):
        return "not an SQLite database file"
    if path.stat().st_size == 0:
        return "the file is empty (0 bytes)"
    truncated = size_problem(path)
    if truncated is not None:
        return truncated
    try:
        conn = _connect_readonly(path)
        try:
            pragma = "integrity_check" if thorough else "quick_check"
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
            if rows != ["ok"]:
                more = f" (and {len(rows) - 1} more)" if len(rows) > 1 else ""
                return f"{pragma} failed: {rows[0] if rows else 'no answer'}{more}"
            if thorough:
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    table, rowid, parent, _ = broken[0]
                    return f"{len(broken)} broken reference(s), e.g. {table} row {rowid} -> {parent}"
        finally:
            conn.close()
    except DATABASE_ERRORS as exc:
        from boardapp.db.environment import raise_if_environment

        raise_if_environment(exc, path)  # a read-only folder or a full disk is not damage
        return str(exc)
    return None


def stored_revision(path: Path) -> str | None:
    """The schema revision stamped in the file (Alembic's table), or None. Never writes."""
    conn = _connect_readonly(path)
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not found:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        conn.close()


def has_tables(path: Path) -> bool:
    """Whether the database holds any table at all. Never writes."""
    conn = _connect_readonly(path)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone() is not None
    finally:
        conn.close()


def verify_backup(path: Path | str) -> str:
    """Check that ``path`` is a whole, healthy workspace backup; returns its schema revision."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    problem = file_problem(path, thorough=True)
    if problem is not None:
        raise BackupError(f"{path} is not a usable backup ({problem})")
    revision = stored_revision(path)
    if revision is None:
        raise BackupError(f"{path} is not a boardapp workspace backup (it has no schema version)")
    return revision


def _copy_database(
    source_path: Path, target_path: Path, *, journal_mode: str, progress: ProgressCallback | None
) -> None:
    """Copy every page of ``source_path`` into ``target_path`` through the backup API.

    ``journal_mode`` is set on the copy afterwards: DELETE for a single-file backup,
    WAL for a restored workspace.
    """
    source = _connect_readonly(source_path)
    try:
        from boardapp.db.connect import connect_file

        target = connect_file(target_path, mode="rwc", key_from=source_path)  # a copy of an encrypted file is too
    except BaseException:
        source.close()
        raise
    try:
        if progress is None:
            source.backup(target)
        else:
            def report(_status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total)

            source.backup(target, pages=256, progress=report)
        target.execute(f"PRAGMA journal_mode={journal_mode}")
    finally:
        target.close()
        source.close()


def backup_database(
    src_path: Path | str, out_path: Path | str, *, progress: ProgressCallback | None = None
) -> Path:
    """Write a verified backup of the workspace ``src_path`` to the new file ``out_path``.

    Refuses a source that is not a boardapp workspace and an ``out_path`` that
    already exists. Safe while the workspace is open elsewhere.
    """
    src, out = Path(src_path), Path(out_path)
    if not src.is_file():
        raise MissingWorkspaceError(src)
    if not has_sqlite_header(src):
        raise NotAWorkspaceError(src, "not an SQLite database file; nothing was backed up")
    problem = file_problem(src)
    if problem is not None:
        raise BackupError(f"{src} is damaged ({problem}); nothing was backed up")
    if stored_revision(src) is None:
        raise NotAWorkspaceError(src, "it has no boardapp schema version; nothing was backed up")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(describe_write_error(exc, out)) from exc
    # Never over the workspace, its -wal/-shm, a folder, a device or any existing file.
    check_output_path(out, workspaces=[src], may_replace=False)
    partial = out.with_name(out.name + ".partial")
    if partial.is_file() and not partial.is_symlink():
        partial.unlink()  # the leftover of a killed backup
    elif os.path.lexists(partial):
        raise BackupError(f"cannot write {out}: {partial} is in the way (not a regular file)")
    try:
        _copy_database(src, partial, journal_mode="DELETE", progress=progress)
        verify_backup(partial)
        place_new_file(partial, out)  # fails, rather than replaces, if a file appeared at out meanwhile
    except DB_ERRORS as exc:  # "unable to open database file" names no file: say which, and why
        raise BackupError(_cannot_write(out, exc)) from exc
    except OSError as exc:
        raise BackupError(describe_write_error(exc, out)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return out


def _cannot_write(path: Path, exc: Exception) -> str:
    from boardapp.db.environment import describe_sqlite_error, is_environment_error

    why = describe_sqlite_error(exc, path) if is_environment_error(exc) else str(exc)
    if why == str(exc) and "unable to open" in why:
        why = f"the folder {path.absolute().parent} cannot be written ({exc})"
    return f"cannot write {path}: {why}"


def automatic_backup(db_path: Path | str, reason: str) -> Path:
    """A checked backup in the workspace's store (listed in its manifest, thinned by the retention rule)."""
    from boardapp.db.backup_store import make_backup

    record = make_backup(db_path, reason)
    assert record is not None  # never skipped without skip_if_unchanged
    return record.path


def _move_aside(db_path: Path, destination: Path) -> Path:
    """Rename a damaged workspace (with its -wal and -shm) out of the way; nothing is copied."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, destination.with_name(destination.name + suffix))
    os.replace(db_path, destination)
    return destination


def _not_backed_up(target: Path, exc: BaseException) -> str:
    """Why a restore stopped before it began: the backup of the current workspace could not be made.

    Said so that the user knows nothing was lost or changed (on a full disk SQLite's own words would
    name only the workspace, as if it had been half-overwritten)."""
    from boardapp.db.backup_store import store_dir
    from boardapp.db.environment import disk_error_message

    folder = store_dir(target)
    why = disk_error_message(exc, folder, doing="write it in")
    if why is None:
        if isinstance(exc, OSError):
            why = describe_write_error(exc, folder)
        elif isinstance(exc, DB_ERRORS):
            why = _cannot_write(folder, exc)
        else:
            why = str(exc)
    why = why[:1].lower() + why[1:]
    return (f"no backup was made of {target} before restoring ({why}), so nothing was restored: "
            f"{target} was left as it was")


def restore_database(
    db_path: Path | str, from_path: Path | str, *, progress: ProgressCallback | None = None
) -> Path | None:
    """Replace the content of ``db_path`` with the backup ``from_path``.

    The backup is verified before anything is touched (and refused when a newer
    boardapp wrote it). The current workspace is kept first: a healthy one as a
    verified backup ``<stem>.before-restore-<time>.db``, a damaged one moved
    aside as ``<stem>.damaged-<time>.db``, both in the backups folder. Returns
    that kept file, or None when there was no workspace at ``db_path``. Close
    the workspace's engine first: writers hold a lock the restore must wait for.
    """
    from boardapp import __version__
    from boardapp.db.errors import NewerSchemaError
    from boardapp.db.schema_version import head_revision, is_known_revision

    target, source_path = Path(db_path), Path(from_path)
    revision = verify_backup(source_path)
    if not is_known_revision(revision):
        raise NewerSchemaError(source_path, revision, head_revision(), __version__)
    if target.exists() and target.resolve() == source_path.resolve():
        raise BackupError(f"{source_path} is the workspace itself; choose a backup file")

    kept: Path | None = None
    if target.exists():
        healthy = file_problem(target) is None and stored_revision(target) is not None
        if healthy:
            try:
                kept = automatic_backup(target, "before-restore")
            except (BackupError, OSError, *DB_ERRORS) as exc:
                raise BackupError(_not_backed_up(target, exc)) from exc
        else:
            kept = _move_aside(target, backup_path(target, "damaged"))
    target.parent.mkdir(parents=True, exist_ok=True)

    if target.exists() and encryption_salt(target) != encryption_salt(source_path):
        # Encrypted into plain, or another key: the backup API cannot copy pages across, so the
        # backup is copied whole beside the workspace and renamed over it. The old file's -wal and
        # -shm go first (its content is in the backup kept above): they must not meet the new file.
        staged = target.with_name(f".{target.name}.restoring.partial")
        staged.unlink(missing_ok=True)
        try:
            _copy_database(source_path, staged, journal_mode="WAL", progress=progress)
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            os.replace(staged, target)
        finally:
            staged.unlink(missing_ok=True)
    else:
        _copy_database(source_path, target, journal_mode="WAL", progress=progress)
    problem = file_problem(target)
    if problem is not None:
        raise BackupError(f"the restored {target} fails its check ({problem}); the old file is {kept}")
    return kept
