"""Files that must be refused with a clear message and nothing written, and random input that never crashes."""
from __future__ import annotations

import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker_files import Sheet, write_csv, write_workbook
from boardapp.exchange.importer import RowsRejected, read_workbook
from boardapp.exchange.plan import NoTableFound
from boardapp.exchange.safety import ImportRefused


def _tracker(path: Path) -> Path:
    return write_workbook(path, Sheet().table("A1", [["Ref", "Action", "Owner", "Due"], [1, "a", "Kim", "01/12/2024"]]))


def _rewrite(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
    return target


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    with pytest.raises(ImportRefused, match=r"minutes.pdf is not a spreadsheet"):
        read_workbook(path)


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"  # what Excel writes: an OLE compound file holding an EncryptedPackage stream
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ImportRefused, match=r"locked.xlsx is password-protected"):
        read_workbook(path)


def test_a_corrupt_workbook(tmp_path: Path) -> None:
    good = _tracker(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportRefused, match=r"broken.xlsx is damaged"):
        read_workbook(path)


def test_too_big_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ImportRefused, match=r"huge.csv is 51 MB; the importer takes files up to 50 MB"):
        read_workbook(path)


def test_too_many_rows(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Ref,Action\n" + "".join(f"{i},x\n" for i in range(100_001)), encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"more than 100,000 rows"):
        read_workbook(path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = _rewrite(_tracker(tmp_path / "t.xlsx"), tmp_path / "bomb.xlsx",
                    {"xl/worksheets/sheet1.xml": b"<x>" + b" " * (30 * 1024 * 1024) + b"</x>"})
    with pytest.raises(ImportRefused, match=r"bomb.xlsx looks like a zip bomb: xl/worksheets/sheet1.xml"):
        read_workbook(path)


LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def _with_dtd(tmp_path: Path, name: str, padding: bytes = b"") -> Path:
    """The workbook part openpyxl reads first, with a 'billion laughs' DTD (after ``padding``) before its root."""
    source = _tracker(tmp_path / "t.xlsx")
    with zipfile.ZipFile(source) as archive:
        part = archive.read("xl/workbook.xml")
    declaration_end = part.index(b"?>") + 2 if part.startswith(b"<?xml") else 0
    bomb = part[:declaration_end] + padding + LAUGHS + part[declaration_end:]
    return _rewrite(source, tmp_path / name, {"xl/workbook.xml": bomb})


def test_an_xml_bomb_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match=r"laughs.xlsx declares XML entities in xl/workbook.xml"):
        read_workbook(_with_dtd(tmp_path, "laughs.xlsx"))


def test_an_xml_bomb_past_the_first_bytes_is_refused_by_the_parser(tmp_path: Path) -> None:
    path = _with_dtd(tmp_path, "deep.xlsx", b"<!--" + b" " * (2 * 1024 * 1024) + b"-->")
    with pytest.raises(ImportRefused, match=r"deep.xlsx is damaged or not a workbook openpyxl can read \(it "
                                            r"declares XML entities: an XML attack\)"):
        read_workbook(path)


_cells = st.one_of(
    st.none(), st.text(max_size=30), st.integers(-10, 100_000), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["31/02/2024", "03/31/2025", "Q3 2024/25", "TBC", "Red", "G", "=1+1", "'=x", "Vasu/Thiru",
                     "\u00a0", "March 2025", "1.1", "Complete", "H", "", "\r\n"]),
)
_headings = st.lists(st.sampled_from(["Ref", "What?", "Who?", "When?", "RAG", "Status", "Progress", "Theme",
                                      "Likelihood", "Impact", "Risk", "Score", "Update", "Notes", "x"]),
                     min_size=2, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headings=_headings, body=st.lists(st.lists(_cells, max_size=8), max_size=12), skip=st.booleans())
def test_hostile_rows_never_crash_and_never_half_import(tmp_path_factory: pytest.TempPathFactory,
                                                        engine: object, headings: list[str],
                                                        body: list[list[object]], skip: bool) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.exchange.importer import apply_plan, find_table, make_plan

    path = write_csv(tmp_path_factory.mktemp("h") / "t.csv", [headings, *body])
    db = Path(str(engine.url.database))  # type: ignore[attr-defined]
    with closing(sqlite3.connect(db)) as connection:
        before = connection.execute("SELECT count(*) FROM action").fetchone()[0] + connection.execute(
            "SELECT count(*) FROM risk").fetchone()[0]
    try:
        workbook = read_workbook(path)
        layout = find_table(workbook)
    except (ImportRefused, NoTableFound):
        return
    with session_scope(engine) as session:  # type: ignore[arg-type]
        from datetime import date

        plan = make_plan(workbook, layout, session=session, today=date(2024, 9, 11))
        try:
            apply_plan(plan, session=session, who="h", skip_invalid=skip)
        except RowsRejected:
            assert plan.rejected and not skip
            with closing(sqlite3.connect(db)) as connection:
                after = connection.execute("SELECT count(*) FROM action").fetchone()[0] + connection.execute(
                    "SELECT count(*) FROM risk").fetchone()[0]
            assert after == before  # nothing half-imported
            return
    with closing(sqlite3.connect(db)) as connection:
        after = connection.execute("SELECT count(*) FROM action").fetchone()[0] + connection.execute(
            "SELECT count(*) FROM risk").fetchone()[0]
    assert after - before <= plan.count("create")
