"""boardapp opens no network connection: the CLI commands and ``--smoke`` succeed with internet sockets refused.

Each run is a child process whose ``sitecustomize`` makes every AF_INET / AF_INET6 socket (and name
lookup) fail; local AF_UNIX sockets (a keyring's D-Bus) stay allowed.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NO_INTERNET = '''
import socket

class _Refused(OSError):
    pass

_real_socket = socket.socket

class _LocalOnly(_real_socket):
    def __init__(self, family=socket.AF_INET, *args, **kwargs):
        if family in (socket.AF_INET, socket.AF_INET6):
            raise _Refused("network use refused by the test")
        super().__init__(family, *args, **kwargs)

def _no_lookup(*args, **kwargs):
    raise _Refused("network name lookup refused by the test")

socket.socket = _LocalOnly
socket.getaddrinfo = _no_lookup
socket.create_connection = _no_lookup
'''


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_INTERNET)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["BOARDAPP_HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "boardapp", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def test_the_patch_really_refuses_internet_sockets(offline_env: dict[str, str]) -> None:
    probe = ("import socket\n"
             "try:\n    socket.socket(socket.AF_INET)\nexcept OSError:\n    print('refused')\n"
             "socket.socket(socket.AF_UNIX).close()\nprint('unix ok')\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=offline_env, timeout=60)
    assert result.stdout.split() == ["refused", "unix", "ok"], result.stderr


def test_commands_and_the_window_work_with_no_network(offline_env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    steps = [
        ["demo", "--db", str(db), "--actions", "60"],
        ["check", "--db", str(db)],
        ["backup", "--db", str(db), "--out", str(tmp_path / "copy.db")],
        ["readiness", "--db", str(db), "--json"],
        ["export", "--db", str(db), "--what", "actions", "--format", "csv", "--out", str(tmp_path / "a.csv")],
        ["pack", "--db", str(db), "--out", str(tmp_path / "pack.pdf")],
        ["restore", "--db", str(db), "--from", str(tmp_path / "copy.db")],
        ["backups", "--db", str(db), "--json"],
        ["--db", str(db), "--smoke"],
    ]
    for step in steps:
        result = _run(offline_env, *step)
        assert result.returncode == 0, (step, result.stderr)
        assert "refused by the test" not in result.stderr, step
    listed = json.loads(_run(offline_env, "backups", "--db", str(db), "--json").stdout)
    assert [item["reason"] for item in listed] == ["before-restore"]
