"""The command line as a user meets it: one-line errors, ``ok`` from check, no Qt in headless commands."""
from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from boardapp.cli import build_parser, main
from boardapp.db.backup import backups_dir
from boardapp.db.workspace import open_workspace

COMMANDS = ["demo", "check", "backup", "restore", "pack", "import", "export"]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str) -> None:
    assert code != 0
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def test_check_prints_ok_for_a_healthy_workspace(capsys: pytest.CaptureFixture[str], workspace_path: Path) -> None:
    assert run(capsys, "check", "--db", workspace_path) == (0, "ok (integrity_check, schema 0002)\n", "")


def test_check_names_the_problem_and_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    code, out, err = run(capsys, "check", "--db", bad)
    assert code == 1 and out == ""
    assert_one_line_error(code, err)
    assert "not a boardapp workspace" in err and str(bad) in err


def test_check_of_a_missing_file_does_not_create_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", "--db", tmp_path / "missing.db")
    assert_one_line_error(code, err)
    assert "does not exist" in err
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check"], "the following arguments are required: --db"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["demo", "--db", "x.db", "--actions", "-5"], "argument --actions: must be at least 1, not -5"),
        (["demo", "--db", "x.db", "--actions", "many"], "expected a whole number, not 'many'"),
        (["pack", "--db", "x.db", "--out", "p.pdf", "--meeting", "last"], "expected 'next' or a meeting id"),
        (["backup", "--db", "x.db"], "the following arguments are required: --out"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert_one_line_error(code, err)
    assert expected in err and "--help" in err


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0 and out.startswith("usage: boardapp")


def test_backup_and_restore_from_the_command_line(
    capsys: pytest.CaptureFixture[str], workspace_path: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "copy.db"
    code, out, _ = run(capsys, "backup", "--db", workspace_path, "--out", out_file)
    assert code == 0 and f"to {out_file}" in out
    code, out, _ = run(capsys, "restore", "--db", workspace_path, "--from", out_file)
    assert code == 0 and "previous workspace is kept as" in out
    assert list(backups_dir(workspace_path).glob("workspace.before-restore-*.db"))


def test_restore_from_a_missing_file_says_so_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], workspace_path: Path, tmp_path: Path
) -> None:
    before = workspace_path.read_bytes()
    code, _, err = run(capsys, "restore", "--db", workspace_path, "--from", tmp_path / "nope.db")
    assert_one_line_error(code, err)
    assert "nope.db does not exist" in err
    assert workspace_path.read_bytes() == before


def test_backup_onto_an_existing_file_is_refused(
    capsys: pytest.CaptureFixture[str], workspace_path: Path, tmp_path: Path
) -> None:
    taken = tmp_path / "taken.db"
    taken.write_text("keep")
    code, _, err = run(capsys, "backup", "--db", workspace_path, "--out", taken)
    assert_one_line_error(code, err)
    assert "already exists" in err and taken.read_text() == "keep"


def _fake_module(monkeypatch: pytest.MonkeyPatch, name: str, **attributes: Any) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []
    module = types.ModuleType(name)
    for attr, value in attributes.items():
        setattr(module, attr, value)
    module.calls = calls  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, name, module)
    return calls


def test_no_command_opens_the_window_with_the_given_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Any, ...]] = []
    _fake_module(monkeypatch, "boardapp.app", run_gui=lambda db, *, smoke: calls.append((db, smoke)) or 0)
    assert run(capsys, "--db", tmp_path / "w.db", "--smoke")[0] == 0
    assert run(capsys)[0] == 0
    assert calls == [(tmp_path / "w.db", True), (None, False)]


def test_demo_passes_its_options_and_prints_a_summary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Any, ...]] = []

    def build_demo(path: Path, **options: Any) -> None:
        calls.append((path, options))
        open_workspace(path, create=True).dispose()

    _fake_module(monkeypatch, "boardapp.demo.build", build_demo=build_demo)
    target = tmp_path / "demo.db"
    code, out, _ = run(capsys, "demo", "--db", target, "--actions", "7", "--seed", "3", "--force")
    assert code == 0
    assert calls == [(target, {"force": True, "actions": 7, "seed": 3})]
    assert out.startswith(f"demo workspace {target}:") and "0 actions" in out


def test_demo_refuses_to_overwrite_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def build_demo(path: Path, **_options: Any) -> None:
        raise FileExistsError(f"{path} already exists; use --force to replace it")

    _fake_module(monkeypatch, "boardapp.demo.build", build_demo=build_demo)
    code, _, err = run(capsys, "demo", "--db", tmp_path / "x.db")
    assert_one_line_error(code, err)
    assert "use --force" in err


class _PackError(ValueError):
    pass


def test_pack_passes_its_options_and_reports_pages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, workspace_path: Path, tmp_path: Path
) -> None:
    reads: list[dict[str, Any]] = []
    exports: list[tuple[Any, ...]] = []

    from types import SimpleNamespace

    def build_pack_data(*, session: Any, **options: Any) -> Any:
        assert session.execute("SELECT count(*) FROM alembic_version").fetchone()  # a checked, open workspace
        reads.append(options)
        if options["meeting"] == 99:
            raise _PackError("meeting 99 does not exist")
        return SimpleNamespace(meeting=SimpleNamespace(id=options["meeting"]))

    def export_document(data: Any, out_path: Path, **options: Any) -> Any:
        assert callable(options.pop("check"))  # the target is checked again at the final rename
        exports.append((data.meeting.id, out_path, options))
        return SimpleNamespace(path=out_path, pages=23, supplement=None, confidential_path=None, paper_ids=())

    _fake_module(monkeypatch, "boardapp.services.pack_data", build_pack_data=build_pack_data)
    _fake_module(monkeypatch, "boardapp.pack.build", export_document=export_document, PackError=_PackError)
    out_pdf = tmp_path / "pack.pdf"
    code, out, _ = run(capsys, "pack", "--db", workspace_path, "--out", out_pdf, "--meeting", "4",
                       "--marking", "OFFICIAL", "--sections", "actions, risks")
    assert code == 0 and out == f"{out_pdf} (23 pages)\n"
    assert reads[-1] == {"meeting": 4, "marking": "OFFICIAL", "sections": ["actions", "risks"], "papers": True}
    assert exports[-1] == (4, out_pdf, {"confidential_out": None, "supplement": None})

    run(capsys, "pack", "--db", workspace_path, "--out", out_pdf, "--no-papers")
    assert reads[-1] == {"meeting": "next", "marking": None, "sections": None, "papers": False}

    code, _, err = run(capsys, "pack", "--db", workspace_path, "--out", out_pdf, "--meeting", "99")
    assert_one_line_error(code, err)
    assert "meeting 99 does not exist" in err
    assert len(exports) == 2  # nothing written for the meeting that does not exist


def test_an_unexpected_failure_is_still_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def build_demo(path: Path, **_options: Any) -> None:
        raise KeyError("theme")

    _fake_module(monkeypatch, "boardapp.demo.build", build_demo=build_demo)
    code, _, err = run(capsys, "demo", "--db", tmp_path / "x.db")
    assert_one_line_error(code, err)
    assert "unexpected KeyError" in err


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "boardapp", "restore", "--db", str(tmp_path / "w.db"), "--from", str(tmp_path / "no.db")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"boardapp: {tmp_path / 'no.db'} does not exist"]


def test_parser_knows_every_command() -> None:
    help_text = build_parser().format_help()
    for command in COMMANDS:
        assert command in help_text
