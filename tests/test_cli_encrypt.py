"""``boardapp encrypt`` / ``decrypt``, ``new --encrypt``, and other commands on an encrypted workspace."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3")

from keyring_memory import memory_keyring, no_keyring  # noqa: E402,F401  (fixtures)

from boardapp.cli import main  # noqa: E402
from boardapp.db import keys  # noqa: E402
from boardapp.db.connect import is_encrypted  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _recovery_key(out: str) -> str:
    found = re.search(r"recovery key: ((?:[A-Z2-7]{4}-){13}[A-Z2-7]{4})", out)
    assert found, out
    return found.group(1)


def test_encrypt_prints_the_recovery_key_once_and_check_opens_it_via_the_keyring(
    demo_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: object,
) -> None:
    code, out, err = run(capsys, "encrypt", "--db", demo_path)
    assert code == 0, err
    recovery = _recovery_key(out)
    assert out.count(recovery) == 1 and "not shown again" in out and "backup first" in out
    assert "1 earlier backup(s)" in out and "encrypted with the same key" in out
    assert is_encrypted(demo_path)
    from boardapp.db.backup_store import list_backups, newest_good_backup

    (before,) = list_backups(demo_path)  # the backup taken first is encrypted now, and still listed as good
    assert before.reason == "before-encrypt" and is_encrypted(before.path)
    assert newest_good_backup(demo_path) == before.path  # its manifest checksum is its new one
    keys.forget_all_in_memory()  # a later command: the keyring alone
    code, out, err = run(capsys, "check", "--db", demo_path)
    assert (code, err) == (0, "") and out.startswith("ok")
    code, out, err = run(capsys, "encrypt", "--db", demo_path)
    assert code == 1 and "already encrypted" in err


def test_decrypt_round_trip_keeps_the_counts(demo_path: Path, capsys: pytest.CaptureFixture[str],
                                             memory_keyring: object) -> None:
    import json

    code, before_out, _ = run(capsys, "readiness", "--db", demo_path, "--json")
    assert code == 0
    assert run(capsys, "encrypt", "--db", demo_path)[0] == 0
    code, encrypted_out, err = run(capsys, "readiness", "--db", demo_path, "--json")
    assert (code, err) == (0, "") and json.loads(encrypted_out) == json.loads(before_out)
    code, out, err = run(capsys, "decrypt", "--db", demo_path)
    assert code == 0 and "decrypted" in out, err
    assert not is_encrypted(demo_path)
    assert json.loads(run(capsys, "readiness", "--db", demo_path, "--json")[1]) == json.loads(before_out)


def test_without_the_key_a_command_refuses_in_one_line_and_the_recovery_key_opens_it(
    demo_path: Path, capsys: pytest.CaptureFixture[str], no_keyring: None,
) -> None:
    code, out, _ = run(capsys, "encrypt", "--db", demo_path)
    assert code == 0 and "no keyring" in out
    recovery = _recovery_key(out)
    keys.forget_all_in_memory()
    code, out, err = run(capsys, "check", "--db", demo_path)
    assert code == 1 and out == ""
    assert err.strip() == (f"boardapp: {demo_path} is encrypted; enter its recovery key "
                           "(give it with --recovery-key KEY or in BOARDAPP_RECOVERY_KEY)")
    typo = ("C" if recovery[0] != "C" else "D") + recovery[1:]
    code, _, err = run(capsys, "check", "--db", demo_path, "--recovery-key", typo)
    assert code == 1 and "--recovery-key: the recovery key has a typo" in err
    other = keys.recovery_key(keys.new_key())
    code, _, err = run(capsys, "check", "--db", demo_path, "--recovery-key", other)
    assert code == 1 and err.strip() == f"boardapp: The recovery key does not open {demo_path.absolute()}"
    code, out, err = run(capsys, "check", "--db", demo_path, "--recovery-key", recovery)
    assert (code, err) == (0, "") and out.startswith("ok")


def test_new_encrypt_in_a_fresh_process_and_the_environment_variable(tmp_path: Path) -> None:
    """A real process each time, with no keyring at all (as on CI)."""
    target = tmp_path / "own.db"
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "BOARDAPP_HOME": str(tmp_path / "home")}
    env.pop(keys.RECOVERY_KEY_ENV, None)

    def boardapp(*argv: str | Path, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "boardapp", *map(str, argv)], env={**env, **extra},
                              capture_output=True, text=True, timeout=120)

    made = boardapp("new", "--db", target, "--board", "Eastmarch Improvement Board", "--chair", "Dr Hester Quillfeather",
                    "--encrypt")
    assert made.returncode == 0, made.stderr
    recovery = _recovery_key(made.stdout)
    assert is_encrypted(target)
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"Quillfeather" not in data and b"Eastmarch" not in data
    refused = boardapp("export", "--db", target, "--what", "actions", "--format", "csv", "--out", tmp_path / "a.csv")
    assert refused.returncode == 1 and "is encrypted; enter its recovery key" in refused.stderr
    opened = boardapp("check", "--db", target, **{keys.RECOVERY_KEY_ENV: recovery})
    assert opened.returncode == 0 and opened.stdout.startswith("ok"), opened.stderr
    copy = tmp_path / "copies" / "own-copy.db"
    backed = boardapp("backup", "--db", target, "--out", copy, **{keys.RECOVERY_KEY_ENV: recovery})
    assert backed.returncode == 0, backed.stderr
    assert is_encrypted(copy) and b"Quillfeather" not in copy.read_bytes()


def test_keep_plain_backups_leaves_them_and_says_so(demo_path: Path, capsys: pytest.CaptureFixture[str],
                                                   memory_keyring: object) -> None:
    code, out, err = run(capsys, "encrypt", "--db", demo_path, "--keep-plain-backups")
    assert code == 0, err
    assert "1 earlier backup(s)" in out and "are not encrypted" in out
    from boardapp.db.backup_store import list_backups

    assert [is_encrypted(r.path) for r in list_backups(demo_path)] == [False]
