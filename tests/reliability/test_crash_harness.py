"""Crash harness: writers SIGKILLed at random moments lose no acknowledged commit and never half-apply an import.

A zygote (a fresh interpreter with the services imported, no threads) forks one writer at a time; the
writer opens the workspace and commits random edits, imports and bulk changes through the services,
logging an intent before and an ack after each. The test kills it at a random moment, checks the file
(``integrity_check``), and starts the next. Set ``CRASH_SEED`` to replay a run; the seed is in every
failure message.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

KILLS = 200
ZYGOTE = Path(__file__).with_name("crash_zygote.py")
BULK_BASE = date(2030, 1, 1)


def _read(zygote: subprocess.Popen[str], word: str, seed: str) -> list[str]:
    assert zygote.stdout is not None
    line = zygote.stdout.readline().split()
    while word != "acked" and line == ["acked"]:  # commits the writer made after the ones waited for
        line = zygote.stdout.readline().split()
    assert line and line[0] == word, f"seed {seed}: expected {word!r} from the zygote, got {line!r}"
    return line


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _check(db: Path, log: list[dict[str, object]], seed: str) -> None:
    """Every ack is in the file; every import and bulk change in the file is whole."""
    conn = sqlite3.connect(db)
    titles = {i: t for i, t in conn.execute("SELECT id, title FROM action")}
    refs = {r for (r,) in conn.execute("SELECT ref FROM action")}
    revised = {i: d for i, d in conn.execute("SELECT id, revised_due_date FROM action")}
    imported: dict[str, int] = {}
    updates = dict(conn.execute("SELECT a.ref, count(u.id) FROM action a LEFT JOIN actionupdate u "
                                "ON u.action_id = a.id GROUP BY a.ref"))
    conn.close()
    for ref in refs:
        if ref.startswith("I"):
            prefix = ref.rsplit("-", 1)[0]
            imported[prefix] = imported.get(prefix, 0) + 1
    intents = {json.dumps({k: v for k, v in e.items() if k != "kind"}, sort_keys=True): e
               for e in log if e["kind"] == "intent"}
    marker_of = {e["marker"]: e for e in intents.values() if e["op"] == "bulk"}
    rows_of = {e["prefix"]: e["rows"] for e in intents.values() if e["op"] == "import"}
    for prefix, count in imported.items():
        assert count == rows_of[prefix], f"seed {seed}: import {prefix} is half-applied ({count} of {rows_of[prefix]})"
        assert all(updates[f"{prefix}-{i}"] == 1 for i in range(count)), f"seed {seed}: import {prefix} lost updates"
    last_title: dict[int, str] = {}
    last_bulk: dict[int, int] = {}
    for entry in log:
        if entry["kind"] != "ack":
            continue
        if entry["op"] == "create":
            assert entry["ref"] in refs, f"seed {seed}: acknowledged new action {entry['ref']} is missing"
        elif entry["op"] == "import":
            assert imported.get(entry["prefix"]) == entry["rows"], f"seed {seed}: acknowledged import {entry['prefix']} is missing"
        elif entry["op"] == "update":
            last_title[entry["id"]] = str(entry["title"])
        else:
            for i in entry["ids"]:
                last_bulk[i] = int(entry["marker"])
    for action_id, title in last_title.items():  # a later, unacknowledged commit may have overtaken it
        assert titles[action_id] >= title, f"seed {seed}: action {action_id} lost acknowledged title {title}"
    markers = {i: (date.fromisoformat(d) - BULK_BASE).days for i, d in revised.items() if d}
    for action_id, marker in last_bulk.items():
        assert markers.get(action_id, -1) >= marker, f"seed {seed}: action {action_id} lost bulk change {marker}"
    for marker in set(markers.values()):  # a bulk change seen anywhere reached all of its actions
        assert all(markers.get(i, -1) >= marker for i in marker_of[marker]["ids"]), \
            f"seed {seed}: bulk change {marker} is half-applied"


def test_random_kills_lose_no_acknowledged_commit(workspace_path: Path, tmp_path: Path) -> None:
    seed = os.environ.get("CRASH_SEED") or str(random.SystemRandom().randrange(10**9))
    rng = random.Random(seed)
    acks = tmp_path / "acks.jsonl"
    env = dict(os.environ, CRASH_SEED=seed)
    zygote = subprocess.Popen([sys.executable, str(ZYGOTE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env)
    assert zygote.stdin is not None
    try:
        _read(zygote, "zygote", seed)
        for number in range(1, KILLS + 1):
            zygote.stdin.write(f"spawn {workspace_path} {acks} {number}\n")
            zygote.stdin.flush()
            pid = int(_read(zygote, "spawned", seed)[1])
            _read(zygote, "ready", seed)
            for _commit in range(rng.randint(0, 3)):  # a random moment in the writer's stream of commits:
                _read(zygote, "acked", seed)          # after a random number of them, whatever the machine's
            time.sleep(rng.uniform(0, 0.05))          # speed, then a random time into the next
            os.kill(pid, signal.SIGKILL)
            status = int(_read(zygote, "dead", seed)[2])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                f"seed {seed}: writer {number} stopped by itself (status {status}); see its stderr above"
            assert _integrity(workspace_path) == "ok", f"seed {seed}: integrity_check failed after kill {number}"
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        assert zygote.stdout is not None
        zygote.stdout.close()
    log = [json.loads(line) for line in acks.read_text().splitlines()]
    _check(workspace_path, log, seed)
    assert sum(e["kind"] == "ack" for e in log) >= KILLS, f"seed {seed}: too few commits to prove anything"
    assert {e["op"] for e in log if e["kind"] == "ack"} == {"create", "update", "import", "bulk"}, f"seed {seed}"
