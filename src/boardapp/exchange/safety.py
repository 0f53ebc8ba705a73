"""What is refused before a file is read: not a spreadsheet, too big, a zip or XML bomb, encrypted.

Everything here looks at the file's bytes and the zip's directory only: nothing is
decompressed beyond the first bytes of each XML part, so a hostile file costs nothing
to refuse. The limits are the issue's: 50 MB on disk, 100,000 rows (counted while
reading), and an uncompressed size checked before reading.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
#: A genuine 100,000-row tracker unpacks to ~150 MB of XML; a zip bomb to gigabytes.
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
#: Text XML compresses ~10-20×; a part compressed 200× or more and bigger than 20 MB is a bomb.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 20 * 1024 * 1024
MAX_PARTS = 5_000
#: Each XML part is read up to its root element to look for a DTD (one must come before it).
PROLOG_BYTES = 4096
MAX_PROLOG_BYTES = 1024 * 1024
_ROOT = re.compile(rb"<[A-Za-z_]")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ZIP_MAGIC = b"PK\x03\x04"


class ImportRefused(ValueError):
    """The file cannot be imported at all; the message says why (nothing was written)."""


class ImportCancelled(Exception):
    """The user stopped the reading (nothing was written)."""


def refuse_unsafe(path: Path) -> str:
    """The file's format ('xlsx' or 'csv') after every check that needs no parsing; ImportRefused if not."""
    path = Path(path)
    if not path.exists():
        raise ImportRefused(f"{path} does not exist")
    if not path.is_file():
        raise ImportRefused(f"{path} is not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"{path.name} is {size / 1024 / 1024:.0f} MB; the importer takes files up to 50 MB")
    if size == 0:
        raise ImportRefused(f"{path.name} is empty")
    with path.open("rb") as handle:
        head = handle.read(8)
        if head == _OLE_MAGIC:
            handle.seek(0)
            body = handle.read()
            if _ENCRYPTED_STREAM in body:
                raise ImportRefused(
                    f"{path.name} is password-protected; open it in Excel, remove the password "
                    "(File › Info › Protect Workbook) and save it again")
            raise ImportRefused(f"{path.name} is an old Excel (.xls) workbook; save it as .xlsx or .csv first")
    if head.startswith(_ZIP_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        if not head.startswith(_ZIP_MAGIC):
            raise ImportRefused(f"{path.name} is not a valid .xlsx workbook (it may be damaged)")
        check_zip(path)
        return "xlsx"
    if path.suffix.lower() in (".csv", ".txt", ".tsv") or _looks_like_text(path):
        return "csv"
    raise ImportRefused(f"{path.name} is not a spreadsheet (the importer reads .xlsx and .csv files)")


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    return b"\x00" not in sample


def check_zip(path: Path) -> None:
    """Refuse a workbook whose zip would unpack to too much, or whose XML declares a DTD."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise ImportRefused(f"{path.name} holds {len(infos):,} parts; that is not a normal workbook")
            names = {info.filename for info in infos}
            if "EncryptedPackage" in names:
                raise ImportRefused(f"{path.name} is password-protected; remove the password and save it again")
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise ImportRefused(f"{path.name} is a zip file but not an Excel workbook")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise ImportRefused(
                        f"{path.name} looks like a zip bomb: {info.filename} would unpack from "
                        f"{info.compress_size:,} to {info.file_size:,} bytes; refused")
            if total > MAX_UNCOMPRESSED_BYTES:
                raise ImportRefused(
                    f"{path.name} would unpack to {total / 1024 / 1024:,.0f} MB (a zip bomb, or far more than a "
                    "tracker holds); refused")
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")) and info.file_size:
                    with archive.open(info) as part:
                        _refuse_dtd(path, info.filename, _prolog(part))
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"{path.name} is damaged and cannot be read ({exc})") from None
    except (NotImplementedError, RuntimeError) as exc:  # an unsupported compression, an encrypted member
        raise ImportRefused(f"{path.name} cannot be read ({exc})") from None


def _prolog(part: IO[bytes]) -> bytes:
    """The part's bytes up to its root element (where a DTD would have to be), as UTF-8-ish bytes."""
    data = part.read(PROLOG_BYTES)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:  # UTF-16 XML
        data = data.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    while len(data) < MAX_PROLOG_BYTES and not _ROOT.search(data):
        more = part.read(PROLOG_BYTES)
        if not more:
            break
        data += more
    return data


def _refuse_dtd(path: Path, part: str, prolog: bytes) -> None:
    """A workbook's XML never declares a DTD or entities; one that does is an XML attack."""
    text = prolog.lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in text or b"<!entity" in text:
        raise ImportRefused(
            f"{path.name} declares XML entities in {part} (an XML attack such as a 'billion laughs'); refused")
