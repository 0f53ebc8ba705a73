"""``boardapp comparators``: the JSON contract, --dry-run, --own, refusals that write nothing, and removal."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from dfe_files import NEIGHBOURS_USED, write_ees, write_neighbours

from boardapp.cli import main


def _comparators(db: Path, code: str = "K08") -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as con:
        return con.execute(
            "SELECT c.period, c.england, c.region, c.region_name, c.neighbours, c.neighbours_used, c.own, c.source "
            "FROM comparator c JOIN kpi k ON k.id = c.kpi_id WHERE k.code = ? ORDER BY c.period", (code,)).fetchall()


def _values(db: Path, code: str = "K08") -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as con:
        return con.execute("SELECT v.period, v.value, v.note FROM kpivalue v JOIN kpi k ON k.id = v.kpi_id "
                           "WHERE k.code = ? ORDER BY v.period", (code,)).fetchall()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_ees(tmp_path / "ees.csv", bom=True), write_neighbours(tmp_path / "sn.csv")


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_contract_keys(demo_path: Path, files: tuple[Path, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    ees, sn = files
    code, out, err = _run(capsys, "comparators", "--db", demo_path, "--csv", ees, "--neighbours", sn,
                          "--map", "K08=agency_rate_fte", "--map", "K07=caseload_fte", "--json", "--as", "Tester")
    assert code == 0, err
    result = json.loads(out)
    assert list(result) == ["la", "measures", "warnings"]
    assert result["la"] == "999"  # the board's LA code
    assert [m["measure"] for m in result["measures"]] == ["K08", "K07"]
    agency = result["measures"][0]
    assert list(agency) == ["measure", "column", "periods"] and agency["column"] == "agency_rate_fte"
    first = agency["periods"][0]
    assert list(first) == ["period", "own", "england", "region", "neighbours", "neighbours_used"]
    assert first == {"period": "2022", "own": None, "england": 17.5, "region": 14.0, "neighbours": 15.0,
                     "neighbours_used": NEIGHBOURS_USED["2022"]}
    assert isinstance(result["warnings"], list) and all(isinstance(w, str) for w in result["warnings"])
    written = {row[0]: row for row in _comparators(demo_path)}
    assert written["2023"][1:7] == (17.9, 15.2, "North East", 17.0, 8, None)
    assert written["2023-24"][-1].startswith("DfE published statistics")  # the demo's own row is kept


def test_dry_run_writes_nothing(demo_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = _comparators(demo_path), _values(demo_path)
    code, out, _ = _run(capsys, "comparators", "--db", demo_path, "--csv", files[0], "--neighbours", files[1],
                        "--map", "K08=agency_rate_fte", "--own", "--dry-run")
    assert code == 0
    assert "dry run: nothing was written" in out and "K08 2023" in out
    # The neighbours' figure is a mean, and says over how many neighbours (not "15 (of 9)").
    assert f"neighbours 15 (mean of {NEIGHBOURS_USED['2022']})" in out
    assert (_comparators(demo_path), _values(demo_path)) == before


@pytest.mark.parametrize(("args", "message"), [
    (["--map", "K99=agency_rate_fte"], "unknown measure 'K99'"),
    (["--map", "K08=agency_rate"], "unknown column 'agency_rate'"),
    (["--map", "K08=agency_rate_fte", "--la", "123"], "unknown LA code '123'"),
    (["--map", "K08=agency_rate_fte", "--map", "K08=caseload_fte"], "more than one column"),
])
def test_unknown_names_are_one_line_and_write_nothing(demo_path: Path, files: tuple[Path, Path], args: list[str],
                                                      message: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _comparators(demo_path)
    code, out, err = _run(capsys, "comparators", "--db", demo_path, "--csv", files[0], "--neighbours", files[1],
                          *args, "--json")
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _comparators(demo_path) == before


def test_bad_map_and_missing_file_are_usage_and_file_errors(demo_path: Path, files: tuple[Path, Path],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "comparators", "--db", demo_path, "--csv", files[0], "--map", "K08")
    assert code == 2 and "MEASURE_CODE=COLUMN" in err
    code, _, err = _run(capsys, "comparators", "--db", demo_path, "--csv", demo_path.parent / "nope.csv",
                        "--map", "K08=agency_rate_fte")
    assert code == 1 and "nope.csv does not exist" in err


def test_own_never_overwrites_a_value_the_board_entered(demo_path: Path, files: tuple[Path, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    with closing(sqlite3.connect(demo_path)) as con:  # the board entered March 2023; March 2022 is empty
        kpi_id = con.execute("SELECT id FROM kpi WHERE code = 'K08'").fetchone()[0]
        con.execute("DELETE FROM kpivalue WHERE kpi_id = ? AND period IN ('2022-03-01', '2023-03-01')", (kpi_id,))
        con.execute("INSERT INTO kpivalue (kpi_id, period, value, mark, note) VALUES (?, '2023-03-01', 16.0, '', '')",
                    (kpi_id,))
        con.commit()
    code, out, _ = _run(capsys, "comparators", "--db", demo_path, "--csv", files[0], "--neighbours", files[1],
                        "--map", "K08=agency_rate_fte", "--own", "--json")
    assert code == 0
    result = json.loads(out)
    assert [p["own"] for p in result["measures"][0]["periods"]] == [20.1, 18.4]
    assert any("the board's own value for 03/2023 (16) is kept" in w for w in result["warnings"])
    values = {str(v[0]): v for v in _values(demo_path)}
    assert values["2023-03-01"][1:] == (16.0, "")  # kept
    assert values["2022-03-01"][1] == 20.1 and values["2022-03-01"][2].startswith("DfE published 2022")
    assert {row[0]: row[6] for row in _comparators(demo_path)}["2023"] == 18.4


def test_an_import_can_be_removed_later(demo_path: Path, files: tuple[Path, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.performance.comparators_write import comparator_sources, remove_comparator_import

    before = _comparators(demo_path), _values(demo_path)
    code, _, _ = _run(capsys, "comparators", "--db", demo_path, "--csv", files[0], "--neighbours", files[1],
                      "--map", "K08=agency_rate_fte", "--own")
    assert code == 0 and _comparators(demo_path) != before[0]
    engine = open_workspace(demo_path)
    try:
        with session_scope(engine) as session:
            source = [s for s in comparator_sources(session=session) if "ees.csv" in s][-1]
            assert remove_comparator_import(source, session=session, who="Tester") == 2
    finally:
        engine.dispose()
    assert (_comparators(demo_path), _values(demo_path)) == before
