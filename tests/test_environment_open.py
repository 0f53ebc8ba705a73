"""Issue 9 item 6: a healthy workspace on a read-only folder, file or disk, or a full disk, is not "damaged".

Opening used to say the file "is damaged and cannot be opened … No backup of it was found"
(SQLite cannot create the ``-shm`` beside a WAL file there, and the check took its error for
damage). Now ``check`` and ``pack`` work, the window opens read-only, and a command that
would write says what is true. Each case runs in a user and mount namespace (``unshare``),
where a read-only bind mount or a tiny full tmpfs needs no privileges; skipped where the
system allows no such namespace.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _namespaces_work() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    try:
        return subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


pytestmark = pytest.mark.skipif(not _namespaces_work(), reason="no user and mount namespaces here (unshare -rm)")


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("healthy") / "ws.db"
    result = subprocess.run([sys.executable, "-m", "boardapp", "demo", "--db", str(path), "--actions", "30"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return path


def run_in_namespace(setup: str, commands: list[list[str]], home: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run each boardapp command after ``setup`` (mounts) inside one namespace; one result per command."""
    lines = [setup]
    for i, argv in enumerate(commands):
        command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "boardapp", *argv])
        lines.append(f"{command} >{home}/out{i} 2>{home}/err{i}; echo $? >{home}/rc{i}")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BOARDAPP_HOME": str(home / "config")}
    script = "set -e\n" + lines[0] + "\nset +e\n" + "\n".join(lines[1:])  # the mounts must work
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    return [subprocess.CompletedProcess(argv, int((home / f"rc{i}").read_text()), (home / f"out{i}").read_text(),
                                        (home / f"err{i}").read_text()) for i, argv in enumerate(commands)]


def reads_and_writes(db: Path, pdf: Path) -> list[list[str]]:
    return [["check", "--db", str(db)], ["pack", "--db", str(db), "--out", str(pdf)],
            ["--db", str(db), "--smoke"], ["demo", "--db", str(db), "--force", "--wait", "0"]]


def assert_read_only_but_healthy(results: list[subprocess.CompletedProcess[str]], why: str) -> None:
    check, pack, smoke, demo = results
    assert check.returncode == 0 and check.stdout.startswith("ok"), check.stderr
    assert pack.returncode == 0 and "pages)" in pack.stdout, pack.stderr
    assert smoke.returncode == 0 and '"actions": 30' in smoke.stdout, smoke.stderr  # the window opened, read-only
    assert demo.returncode == 1 and why in demo.stderr, demo.stderr  # a write says what is true
    for result in results:
        assert "damaged" not in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_read_only_folder(healthy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(healthy, folder / "ws.db")
    setup = f"mount --bind {folder} {folder}\nmount -o remount,bind,ro {folder}"
    results = run_in_namespace(setup, reads_and_writes(folder / "ws.db", tmp_path / "pack.pdf"), tmp_path)
    assert_read_only_but_healthy(results, "is mounted read-only")


def test_a_read_only_file_in_a_writable_folder(healthy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "rofile"
    folder.mkdir()
    db = folder / "ws.db"
    shutil.copy(healthy, db)
    setup = f"mount --bind {db} {db}\nmount -o remount,bind,ro {db}"
    results = run_in_namespace(setup, reads_and_writes(db, tmp_path / "pack.pdf"), tmp_path)
    assert_read_only_but_healthy(results, "read-only")


def test_a_full_disk(healthy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "full"
    folder.mkdir()
    db = folder / "ws.db"
    size_kb = healthy.stat().st_size // 1024 + 1024
    setup = (f"mount -t tmpfs -o size={size_kb}k tmpfs {folder}\ncp {healthy} {db}\n"
             f"dd if=/dev/zero of={folder}/filler bs=4096 2>/dev/null || true")
    results = run_in_namespace(setup, reads_and_writes(db, tmp_path / "pack.pdf"), tmp_path)
    assert_read_only_but_healthy(results, "is full")
