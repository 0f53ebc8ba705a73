"""Text outside Latin-1 prints as itself in the pack (issue 9, item 10): an embedded TrueType font."""
from __future__ import annotations

import sqlite3
import unicodedata
from contextlib import closing
from pathlib import Path

from pack_pdf import render

from boardapp.pack import fonts

NAMES = ["Łukasz Wójcik", "Ngozi Adébáyọ̀", "Siân Llŵyd-Ŷnys", "Δήμητρα Παπαδοπούλου", "Олена Шевченко"]


def _rename_owners(path: Path) -> None:
    with closing(sqlite3.connect(path)) as con, con:
        ids = [row[0] for row in con.execute(
            "SELECT owner_id FROM action WHERE owner_id IS NOT NULL AND deleted_at IS NULL"
            " GROUP BY owner_id ORDER BY count(*) DESC LIMIT ?", (len(NAMES),))]
        for person_id, name in zip(ids, NAMES):
            con.execute("UPDATE person SET name = ? WHERE id = ?", (name, person_id))


def _plain(text: str) -> str:
    """NFC, and a name wrapped over two lines of a cell read as one line."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_latin_extended_greek_and_cyrillic_print_exactly(demo_path: Path, tmp_path: Path) -> None:
    _rename_owners(demo_path)
    pack = render(demo_path, tmp_path / "names.pdf", sections=["action_log"], papers=False)  # the pack's own text
    text = _plain("\n".join(pack.texts))
    for name in NAMES:
        assert _plain(name) in text, name
    assert "\ufffd" not in text and "■" not in text
    fonts_used = {str(f.get("/BaseFont")) for page in pack.reader.pages
                  for f in page["/Resources"]["/Font"].values()}
    assert all("Helvetica" not in f for f in fonts_used), fonts_used


def test_an_arabic_marking_prints_joined_and_right_to_left(demo_template: Path, tmp_path: Path) -> None:
    marking = "رسمي حساس"
    pack = render(demo_template, tmp_path / "arabic.pdf", marking=marking, sections="summary")
    # Printed in visual order: the first word on the right, each word's letters right to left.
    printed = fonts._visual_order(marking)
    assert printed.split()[-1] == fonts._visual_order("رسمي")
    for page_text in pack.texts:
        # Joined letters are the Arabic presentation forms (isolated letters would be U+0600–U+06FF),
        # and a reader (pypdf puts right-to-left runs back in reading order) gets the marking back.
        assert sum("\ufe70" <= ch <= "\ufefc" for ch in page_text) >= 2 * len(marking.replace(" ", "")) - 2
        assert unicodedata.normalize("NFKC", page_text).count(marking) >= 2
        assert "\ufffd" not in page_text


def test_a_character_the_font_lacks_prints_as_a_visible_replacement() -> None:
    font = fonts.PackFont("BoardSansProbe", fonts_path("DejaVuSansCondensed.ttf"))
    assert font.printable("Report 报告 ready") == "Report \ufffd\ufffd ready"
    assert font.printable("Łódź") == "Łódź"
    assert font.stringWidth("报", 10) == font.stringWidth("\ufffd", 10)


def fonts_path(name: str) -> str:
    from importlib import resources

    return str(resources.files("boardapp.resources") / "fonts" / name)
