"""Draft minutes out: ``boardapp minutes`` to .docx (read back with python-docx) and PDF (read back with pypdf)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from boardapp.cli import main

TODAY = date(2024, 9, 11)


@pytest.fixture(scope="module")
def minuted(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A copy of the demo whose last meeting has a decision, a challenge and an action arising of ours."""
    import sqlite3
    from contextlib import closing

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.meetings import challenges, decisions
    from boardapp.services.meetings.draft_minutes import last_meeting_id
    from boardapp.services.meetings.minutes import minuted_items
    from boardapp.services.plan.raised import raise_action

    path = tmp_path_factory.mktemp("minutes") / "demo.db"
    with closing(sqlite3.connect(demo_template)) as src, closing(sqlite3.connect(path)) as dst:
        src.backup(dst)
    engine = open_workspace(path)
    with session_scope(engine) as session:
        meeting_id = last_meeting_id(session=session, today=TODAY)
        assert meeting_id is not None
        item = minuted_items(meeting_id, session=session)[3]
        decisions.add_decision(meeting_id, session=session, who="T", text="Agreed the workforce recovery plan.",
                               agenda_item_id=item.id)
        challenges.add_challenge(meeting_id, session=session, who="T", challenge="Where is the impact on caseloads?",
                                 directed_to="DCS")
        raise_action(meeting_id, session=session, who="T", title="Bring the caseload audit to the board",
                     due_date=TODAY + timedelta(days=30), agenda_item_id=item.id, owner_id=1)
    engine.dispose()
    return path, meeting_id


def test_docx_opens_with_python_docx_and_has_the_decisions_and_actions_arising(
    minuted: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx import Document

    path, meeting_id = minuted
    out = tmp_path / "minutes.docx"
    assert main(["minutes", "--db", str(path), "--meeting", "last", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for wanted in ("Present", "Apologies", "In attendance", "Decisions", "Actions arising", "Challenges"):
        assert wanted in headings
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Agreed the workforce recovery plan." in cells
    assert "Bring the caseload audit to the board" in cells
    assert any(re.fullmatch(r"\d{4}/\d{2}/\d+", c) for c in cells)  # decisions numbered 2024/09/3
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", c) for c in cells)  # the action's due date
    header = document.sections[0].header.paragraphs[0].text
    assert header == "OFFICIAL-SENSITIVE" or header.isupper()
    # the same meeting by id gives the same document
    again = tmp_path / "by-id.docx"
    assert main(["minutes", "--db", str(path), "--meeting", str(meeting_id), "--out", str(again)]) == 0


def test_pdf_is_marked_top_and_bottom_and_numbered(minuted: tuple[Path, int], tmp_path: Path) -> None:
    from pypdf import PdfReader

    path, meeting_id = minuted
    out = tmp_path / "minutes.pdf"
    assert main(["minutes", "--db", str(path), "--meeting", str(meeting_id), "--out", str(out),
                 "--marking", "official"]) == 0
    reader = PdfReader(str(out))
    pages = len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines.count("OFFICIAL") >= 2, f"page {number} carries the marking at top and bottom"
        assert f"Page {number} of {pages}" in text
    whole = "\n".join(texts)
    for wanted in ("Present", "Apologies", "In attendance", "Decisions", "Actions arising", "Challenges",
                   "Agreed the workforce recovery plan.", "Bring the caseload audit to the board"):
        assert wanted in whole
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Decisions" in titles and "Actions arising" in titles
    assert reader.metadata.title.startswith("Minutes:")


@pytest.mark.parametrize(("args", "message", "code"), [
    (["--meeting", "999999", "--out", "{tmp}/m.docx"], "there is no meeting 999999", 1),
    (["--meeting", "last", "--out", "{tmp}/m.txt"], "must end in .docx or .pdf", 1),
    (["--meeting", "last", "--out", "{tmp}/missing/m.pdf"], "no such folder", 1),
    (["--meeting", "soon", "--out", "{tmp}/m.pdf"], "expected 'last' or a meeting id", 2),
])
def test_bad_requests_are_one_line_and_write_nothing(
    minuted: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str,
    code: int,
) -> None:
    path, _meeting = minuted
    argv = ["minutes", "--db", str(path)] + [a.format(tmp=tmp_path) for a in args]
    assert main(argv) == code
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
    assert not list(tmp_path.glob("m.*"))


def test_a_missing_workspace_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["minutes", "--db", str(tmp_path / "none.db"), "--meeting", "last",
                 "--out", str(tmp_path / "m.pdf")]) == 1
    assert "none.db" in capsys.readouterr().err


def test_last_with_no_meeting_held_yet(workspace_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["minutes", "--db", str(workspace_path), "--meeting", "last", "--out", str(tmp_path / "m.pdf")]) == 1
    assert "no meeting has been held yet" in capsys.readouterr().err
