"""The automatic backups of a workspace: a folder in the user data folder, a manifest, retention.

``<data dir>/backups/<workspace stem>-<8 hex of its full path>/`` holds the backups of one
workspace file (the hash keeps two ``workspace.db`` in different folders apart) and
``manifest.json``, which lists each good backup with its size, SHA-256 checksum, schema
revision and counts (actions, people, meetings, risks, audit entries, the last change).

A backup is written through SQLite's backup API to a ``.partial`` file, checked with
``integrity_check``, measured, and only then renamed into place and listed: a backup that
fails its check is deleted and reported (BackupError), never listed as good. After each
backup the folder is thinned by :mod:`boardapp.db.retention`. The manifest is rewritten
whole (temporary file + rename) under a lock, so a window and a CLI command backing up
the same workspace never lose each other's entries, and a crash mid-write leaves the
old manifest.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock

from boardapp.db import retention
from boardapp.db.connect import DATABASE_ERRORS, DB_ERRORS, connect_file, is_sqlite_file
from boardapp.db.errors import BackupError, MissingWorkspaceError, NotAWorkspaceError

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
#: The tables counted for each backup (what the restore dialog shows), and their labels.
COUNTED = {"actions": "action", "people": "person", "meetings": "meeting", "risks": "risk", "changes": "auditentry"}
#: Why a backup was made, as the app names it.
REASONS = ("automatic", "on-close", "manual", "before-import", "before-upgrade", "before-restore",
           "before-bulk-change")

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupRecord:
    """One good backup as the manifest lists it."""

    path: Path
    created: datetime  # aware, UTC
    reason: str
    size: int
    sha256: str
    checked: bool
    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)
    last_change: datetime | None = None  # the newest audit entry's time
    fingerprint: str = ""

    @property
    def actions(self) -> int:
        return self.counts.get("actions", 0)

    def to_json(self) -> dict[str, Any]:
        """The record as ``boardapp backups --json`` prints it."""
        data = asdict(self)
        data["path"] = str(self.path)
        data["created"] = self.created.isoformat(timespec="seconds")
        data["last_change"] = self.last_change.isoformat(timespec="seconds") if self.last_change else None
        data["actions"] = self.actions
        data.pop("fingerprint")
        return data


def _slug(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return cleaned[:40] or "workspace"


def store_dir(db_path: Path | str) -> Path:
    """The folder holding the automatic backups of the workspace at ``db_path`` (not created here)."""
    from boardapp.config import data_dir

    path = Path(db_path).expanduser().absolute()
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
    return data_dir() / "backups" / f"{_slug(path.stem)}-{digest}"


def _manifest_lock(folder: Path) -> FileLock:
    return FileLock(folder / (MANIFEST + ".lock"), thread_local=False)


def _parse_time(text: Any) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _record_from(folder: Path, entry: dict[str, Any]) -> BackupRecord | None:
    created = _parse_time(entry.get("created"))
    if created is None or not entry.get("file"):
        return None
    return BackupRecord(
        path=folder / str(entry["file"]), created=created, reason=str(entry.get("reason", "")),
        size=int(entry.get("size", 0)), sha256=str(entry.get("sha256", "")), checked=bool(entry.get("checked")),
        revision=entry.get("revision"), counts={k: int(v) for k, v in dict(entry.get("counts", {})).items()},
        last_change=_parse_time(entry.get("last_change")), fingerprint=str(entry.get("fingerprint", "")),
    )


def _entry_of(record: BackupRecord) -> dict[str, Any]:
    return {
        "file": record.path.name, "created": record.created.isoformat(), "reason": record.reason,
        "size": record.size, "sha256": record.sha256, "checked": record.checked, "revision": record.revision,
        "counts": record.counts, "fingerprint": record.fingerprint,
        "last_change": record.last_change.isoformat() if record.last_change else None,
    }


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("the backup manifest %s cannot be read (%s); backups in it are not offered", folder, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _write_manifest(folder: Path, data: dict[str, Any]) -> None:
    temporary = folder / (MANIFEST + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, folder / MANIFEST)


def _records(folder: Path, data: dict[str, Any]) -> list[BackupRecord]:
    found = [_record_from(folder, e) for e in data.get("backups", []) if isinstance(e, dict)]
    return sorted((r for r in found if r is not None), key=lambda r: r.created, reverse=True)


def list_backups(db_path: Path | str) -> list[BackupRecord]:
    """The good backups of ``db_path`` still on disk, newest first."""
    folder = store_dir(db_path)
    if not folder.is_dir():
        return []
    return [r for r in _records(folder, _read_manifest(folder)) if r.checked and r.path.is_file()]


def refresh_backup(db_path: Path | str, file: Path) -> None:
    """The manifest's size and checksum of ``file`` again, after it was rewritten in place (encrypted)."""
    folder = store_dir(db_path)
    with _manifest_lock(folder):
        data = _read_manifest(folder)
        for entry in data.get("backups", []):
            if isinstance(entry, dict) and entry.get("file") == file.name:
                entry["size"], entry["sha256"] = file.stat().st_size, _sha256(file)
        _write_manifest(folder, data)


def rejected_backups(db_path: Path | str) -> list[dict[str, Any]]:
    """Backups that failed their check and were removed: ``{"created", "reason", "problem"}``."""
    folder = store_dir(db_path)
    return list(_read_manifest(folder).get("rejected", [])) if folder.is_dir() else []


def newest_good_backup(db_path: Path | str) -> Path | None:
    """The newest listed backup whose file is still whole (size and checksum as listed), or None."""
    for record in list_backups(db_path):
        if record.path.stat().st_size == record.size and _sha256(record.path) == record.sha256:
            return record.path
    return None


def find_backup(db_path: Path | str, file: Path | str) -> BackupRecord | None:
    """The listed record of the backup file ``file``, if it is one of ``db_path``'s."""
    target = Path(file).expanduser().absolute()
    return next((r for r in list_backups(db_path) if r.path.absolute() == target), None)


# -- measuring a database file -------------------------------------------------------------------
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _connect_readonly(path: Path) -> sqlite3.Connection:
    return connect_file(path, mode="ro")


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def measure(connection: sqlite3.Connection) -> tuple[dict[str, int], datetime | None, str]:
    """Counts of the main tables, the newest audit entry's time and a fingerprint of the content
    (the same fingerprint means nothing was changed through the services in between)."""
    tables = _tables(connection)
    counts: dict[str, int] = {}
    for label, table in COUNTED.items():
        if table not in tables:
            continue
        columns = {str(r[1]) for r in connection.execute(f'PRAGMA table_info("{table}")')}
        live = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
        counts[label] = int(connection.execute(f'SELECT COUNT(*) FROM "{table}"{live}').fetchone()[0])
    last_change, last_id = None, 0
    if "auditentry" in tables:
        at, last_id = connection.execute("SELECT MAX(at), COALESCE(MAX(id), 0) FROM auditentry").fetchone()
        last_change = _parse_time(at)
    versions = 0
    if "action" in tables:
        versions = int(connection.execute("SELECT COALESCE(SUM(version), 0) FROM action").fetchone()[0])
    fingerprint = f"{last_id}:{versions}:" + ",".join(f"{k}={v}" for k, v in sorted(counts.items()))
    return counts, last_change, fingerprint


def _revision(connection: sqlite3.Connection) -> str | None:
    if "alembic_version" not in _tables(connection):
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def _integrity_problem(connection: sqlite3.Connection) -> str | None:
    rows = [str(r[0]) for r in connection.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        return f"integrity_check: {rows[0] if rows else 'no answer'}"
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        return f"{len(broken)} broken reference(s), e.g. in {broken[0][0]}"
    return None


def _examine(path: Path) -> tuple[str | None, str | None, dict[str, int], datetime | None, str]:
    """Check a new backup: (problem, schema revision, counts, last change, fingerprint)."""
    try:
        with closing(_connect_readonly(path)) as check:
            problem = _integrity_problem(check)
            if problem is not None:
                return problem, None, {}, None, ""
            return (None, _revision(check), *measure(check))
    except DATABASE_ERRORS as exc:
        return str(exc), None, {}, None, ""


def current_fingerprint(db_path: Path | str) -> str:
    """The fingerprint of the workspace as it is now (see :func:`measure`)."""
    with closing(_connect_readonly(Path(db_path))) as connection:
        return measure(connection)[2]


# -- making a backup -----------------------------------------------------------------------------
def _new_name(folder: Path, stem: str, reason: str, created: datetime) -> Path:
    local = created.astimezone()
    base = f"{stem}.{reason}-{local:%Y%m%d-%H%M%S}"  # the names boardapp has always given its backups
    candidate, counter = folder / f"{base}.db", 2
    while candidate.exists() or candidate.with_name(candidate.name + ".partial").exists():
        candidate, counter = folder / f"{base}-{counter}.db", counter + 1
    return candidate


def _copy(source: Path, target: Path, progress: ProgressCallback | None) -> None:
    """Every page of ``source`` into the new file ``target`` through the backup API (a consistent
    snapshot even while another process writes), then one self-contained rollback-journal file."""
    with closing(_connect_readonly(source)) as src, closing(connect_file(target, mode="rwc", key_from=source)) as dst:
        if progress is None:
            src.backup(dst)
        else:
            src.backup(dst, pages=256, progress=lambda _s, remaining, total: progress(total - remaining, total))
        dst.execute("PRAGMA journal_mode=DELETE")


def _check_source(source: Path) -> None:
    if not source.is_file():
        raise MissingWorkspaceError(source)
    if source.stat().st_size == 0 or not is_sqlite_file(source):  # plain or encrypted
        raise NotAWorkspaceError(source, "not an SQLite database file; nothing was backed up")


def make_backup(
    db_path: Path | str, reason: str = "automatic", *, progress: ProgressCallback | None = None,
    skip_if_unchanged: bool = False, today: date | None = None, budget: int | None = None,
) -> BackupRecord | None:
    """Back up ``db_path`` into its store, check it, list it, thin the folder; returns the record.

    ``skip_if_unchanged``: return None without writing when the newest backup already holds
    this content (the 30-minute timer, closing the window). A backup failing its check is
    deleted, listed under ``rejected`` and raised as BackupError.
    """
    source = Path(db_path).expanduser().absolute()
    _check_source(source)
    folder = store_dir(source)
    folder.mkdir(parents=True, exist_ok=True)
    if skip_if_unchanged:
        newest = next(iter(list_backups(source)), None)
        if newest is not None and newest.fingerprint == current_fingerprint(source):
            return None
    created = datetime.now(timezone.utc)
    with _manifest_lock(folder):
        target = _new_name(folder, source.stem, reason, created)
        partial = target.with_name(target.name + ".partial")
        partial.touch()  # claims the name while the lock is released during the copy
    try:
        _copy(source, partial, progress)
        problem, revision, counts, last_change, fingerprint = _examine(partial)
        if problem is None and revision is None:
            problem = "it has no boardapp schema version"
        if problem is not None:
            _reject(folder, created, reason, problem)
            raise BackupError(f"the backup of {source} failed its check ({problem}); it was removed")
        record = BackupRecord(
            path=target, created=created, reason=reason, size=partial.stat().st_size, sha256=_sha256(partial),
            checked=True, revision=revision, counts=counts, last_change=last_change, fingerprint=fingerprint,
        )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    with _manifest_lock(folder):
        data = _read_manifest(folder)
        data["workspace"] = str(source)
        data.setdefault("backups", []).append(_entry_of(record))
        _write_manifest(folder, data)
    prune(source, today=today, budget=budget)
    return record


def _reject(folder: Path, created: datetime, reason: str, problem: str) -> None:
    log.error("a backup in %s failed its check and was removed: %s", folder, problem)
    with _manifest_lock(folder):
        data = _read_manifest(folder)
        data.setdefault("rejected", []).append(
            {"created": created.isoformat(), "reason": reason, "problem": problem})
        data["rejected"] = data["rejected"][-20:]
        _write_manifest(folder, data)


def prune(db_path: Path | str, *, today: date | None = None, budget: int | None = None) -> list[Path]:
    """Thin the store of ``db_path`` to the retention policy; returns the files removed.

    ``budget`` defaults to the larger of 2 GB and 10× the workspace. Also forgets entries whose
    file is gone and removes ``.partial`` leftovers of a crashed backup.
    """
    source = Path(db_path).expanduser().absolute()
    folder = store_dir(source)
    if not folder.is_dir():
        return []
    if budget is None:
        budget = retention.default_budget(source.stat().st_size if source.exists() else 0)
    today = today or date.today()
    removed: list[Path] = []
    with _manifest_lock(folder):
        data = _read_manifest(folder)
        records = [r for r in _records(folder, data) if r.path.is_file()]
        candidates = [retention.Candidate(r.path.name, r.created.astimezone().replace(tzinfo=None), r.size)
                      for r in records]
        keep = retention.backups_to_keep(candidates, today, budget=budget)
        for record in records:
            if record.path.name not in keep:
                record.path.unlink(missing_ok=True)
                removed.append(record.path)
        data["backups"] = [_entry_of(r) for r in sorted(records, key=lambda r: r.created)
                           if r.path.name in keep]
        _write_manifest(folder, data)
        for leftover in folder.glob("*.partial"):
            if _is_stale(leftover):
                leftover.unlink(missing_ok=True)
    return removed


def _is_stale(partial: Path) -> bool:
    """A ``.partial`` file older than an hour is a crashed backup's (a running one is written to)."""
    try:
        return datetime.now().timestamp() - partial.stat().st_mtime > 3600
    except OSError:
        return False


# -- looking into a backup -----------------------------------------------------------------------
@dataclass(frozen=True)
class LatestChange:
    at: datetime | None
    who: str
    entity: str
    entity_ref: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class BackupPreview:
    """What a backup holds, read without writing: counts, board name and its latest changes."""

    path: Path
    board_name: str
    counts: dict[str, int]
    last_change: datetime | None
    latest: tuple[LatestChange, ...]


def preview_backup(path: Path | str, *, latest: int = 10) -> BackupPreview:
    """Open the backup at ``path`` read-only and say what is in it (never writes, never migrates)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    try:
        with closing(_connect_readonly(path)) as connection:
            counts, last_change, _ = measure(connection)
            tables = _tables(connection)
            board = ""
            if "board" in tables:
                row = connection.execute("SELECT name FROM board ORDER BY id LIMIT 1").fetchone()
                board = str(row[0]) if row else ""
            changes: list[LatestChange] = []
            if "auditentry" in tables:
                for at, who, entity, ref, fld, old, new in connection.execute(
                    "SELECT at, who, entity, entity_ref, field, old, new FROM auditentry "
                    "ORDER BY at DESC, id DESC LIMIT ?", (latest,)
                ):
                    changes.append(LatestChange(_parse_time(at), who or "", entity, ref or "", fld, old, new))
    except DATABASE_ERRORS as exc:
        raise BackupError(f"{path} cannot be read as a backup ({exc})") from exc
    return BackupPreview(path, board, counts, last_change, tuple(changes))


# -- before a big change -------------------------------------------------------------------------
#: Set to False (tests, the crash harness) to skip the backups taken before imports and bulk changes.
SAFEGUARDS_ON = True


def workspace_file_of(bind: Any) -> Path | None:
    """The workspace file behind a SQLAlchemy Session, Connection or Engine (None for memory)."""
    get_bind = getattr(bind, "get_bind", None)
    engine = get_bind() if callable(get_bind) else bind
    url = getattr(engine, "url", None)
    database = getattr(url, "database", None)
    if not database or database == ":memory:":
        return None
    return Path(database)


def backup_before_change(bind: Any, reason: str) -> BackupRecord | None:
    """A backup before an import or a bulk change (skipped when the newest backup holds this content).

    Never stops the change: the change is one transaction of its own, so a backup that cannot
    be made (a full disk) is logged and the change goes on to succeed or fail whole.
    """
    path = workspace_file_of(bind)
    if not SAFEGUARDS_ON or path is None or not path.is_file():
        return None
    try:
        return make_backup(path, reason, skip_if_unchanged=True)
    except (BackupError, OSError, *DB_ERRORS) as exc:
        from boardapp.db.environment import backup_failure_reason

        log.warning("no backup was made before the %s of %s: %s", reason.removeprefix("before-"), path,
                    backup_failure_reason(exc))
        return None
