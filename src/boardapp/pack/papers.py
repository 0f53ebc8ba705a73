"""Papers merged in place: each paper page gets a page of the pack kept for it, filled in after layout.

Layout (reportlab) lays out an empty page of the paper's size for every page of the paper: the
page template draws the marking, header and footer on it and the canvas numbers it, so the
numbering, contents and outline simply run through the papers. Then :func:`merge_papers` (pypdf)
draws each paper page *under* its kept page, shrunk to clear the page furniture (top and bottom
bands) or, for a small page, on a padded page, so the paper's content is never covered. The
paper's orientation and proportions are kept.

Each paper page goes in as a form XObject (its content stream copied as it is, still compressed,
with its own resources) drawn by a one-line prefix to the kept page's content. pypdf's
``merge_transformed_page`` parses and rewrites both pages' content instead: ~7 ms a page on plain
test pages, more on a dense Word export, and almost all of a long paper's time. It is still used
for a page with annotations (links, form fields, comments), which it carries over and places.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, StreamObject,
)
from reportlab.platypus import Flowable

from boardapp.services.pack_data import PackError
from boardapp.services.pack_meeting import PaperEntry

#: Heights kept clear for the page furniture: marking + header at the top, footer + marking at the bottom.
TOP_BAND = 50.0
BOTTOM_BAND = 48.0
#: A paper page smaller than this is padded (the page grows) rather than shrunk.
MIN_HEIGHT = 400.0
MIN_WIDTH = 595.0  # room for the header and footer texts


@dataclass
class PreparedPaper:
    """A paper that opened and can be merged: its pages and the pack page size for each."""

    entry: PaperEntry
    reader: PdfReader
    sizes: list[tuple[float, float]]

    @property
    def pages(self) -> int:
        return len(self.sizes)


def _visible_size(page: object) -> tuple[float, float]:
    box = page.cropbox  # type: ignore[attr-defined]
    w, h = float(box.width), float(box.height)
    if (int(page.get("/Rotate", 0) or 0) % 180) == 90:  # type: ignore[attr-defined]
        w, h = h, w
    return w, h


def target_size(width: float, height: float) -> tuple[float, float]:
    """The pack page for a paper page: the same size when it can shrink a little, else padded.

    A padded page keeps the paper's orientation (a square counts as portrait)."""
    if height >= MIN_HEIGHT and width >= MIN_WIDTH:
        return round(width, 2), round(height, 2)
    w, h = max(width, MIN_WIDTH), height + TOP_BAND + BOTTOM_BAND
    if width > height:
        w = max(w, h * 1.2)
    else:
        h = max(h, w * 1.2)
    return round(w, 2), round(h, 2)


def prepare_paper(entry: PaperEntry, where: str) -> PreparedPaper:
    """Open a paper's PDF; a paper that cannot be read stops the export with a message naming it."""
    name = f"the paper {entry.title!r}" + (f" ({entry.file_name})" if entry.file_name else "") + f" for {where}"
    try:
        reader = PdfReader(io.BytesIO(entry.content))
        if reader.is_encrypted:
            raise PackError(f"{name} is encrypted (password-protected), so it cannot be merged into the pack; "
                            "attach an unprotected copy, or export without papers")
        sizes = [target_size(*_visible_size(page)) for page in reader.pages]
    except PackError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise PackError(f"{name} cannot be read as a PDF ({' '.join(str(exc).split()) or type(exc).__name__}); "
                        "replace it, or export without papers") from None
    if not sizes:
        raise PackError(f"{name} has no pages; replace it, or export without papers")
    return PreparedPaper(entry, reader, sizes)


def template_name(size: tuple[float, float]) -> str:
    return f"paper-{size[0]:g}x{size[1]:g}"


class PaperSlot(Flowable):
    """Keeps the current page for page ``index`` of paper ``paper_id`` (the page draws only its furniture)."""

    def __init__(self, paper_id: int, index: int) -> None:
        super().__init__()
        self.paper_slot = (paper_id, index)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 1, 1

    def draw(self) -> None:
        pass


def merge_papers(source: str, target: str, slots: dict[tuple[int, int], int],
                 papers: dict[int, PreparedPaper]) -> None:
    """Draw each paper page under the pack page kept for it, and write the result to ``target``."""
    # incremental: only the pages that change are written again, appended to the laid-out file
    writer = PdfWriter(source, incremental=True)
    for (paper_id, index), page_number in slots.items():
        page = papers[paper_id].reader.pages[index]
        box = page.cropbox
        w, h = _visible_size(page)
        centre_x, centre_y = float(box.left) + float(box.width) / 2, float(box.bottom) + float(box.height) / 2
        rotation = int(page.get("/Rotate", 0) or 0) % 360
        kept = writer.pages[page_number - 1]
        width, height = float(kept.mediabox.width), float(kept.mediabox.height)
        room_h = height - TOP_BAND - BOTTOM_BAND
        scale = min(1.0, room_h / h, width / w)
        # the paper's centre to the origin, turned as a viewer shows it, scaled, then to the middle of the room
        place = Transformation().translate(-centre_x, -centre_y).rotate(-rotation).scale(scale, scale) \
            .translate(width / 2, BOTTOM_BAND + room_h / 2)
        if page.get("/Annots"):  # links, form fields, comments: pypdf's merge carries them over, placed
            kept.merge_transformed_page(page, place, over=False)
        else:
            _draw_under(writer, kept, _as_form(writer, page), f"/BoardappPaper{paper_id}p{index}", place)
    writer.write(target)


def _as_form(writer: PdfWriter, page: PageObject) -> StreamObject:
    """The paper page as a form XObject: its content untouched, clipped to what a viewer shows of it."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, StreamObject):  # one stream: copied with its filters, never decoded
        form = contents.clone(writer, force_duplicate=True, ignore_fields=("/Length",))  # ours to turn into a form
    else:  # none, or an array of streams: one stream of their decoded data
        form = DecodedStreamObject()
        parts = [part.get_object().get_data() for part in (contents or ())]
        form.set_data(b"\n".join(parts))
    box = page.cropbox
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in (box.left, box.bottom, box.right, box.top))
    resources = page.get("/Resources")
    form[NameObject("/Resources")] = (resources.get_object().clone(writer) if resources is not None
                                      else DictionaryObject())
    if "/Group" in page:  # a transparency group stays one (its blending would change without it)
        form[NameObject("/Group")] = page["/Group"].get_object().clone(writer)
    return form


def _draw_under(writer: PdfWriter, kept: PageObject, form: StreamObject, name: str, place: Transformation) -> None:
    """``form`` drawn first on ``kept`` (the furniture then paints over the bands, never over the paper)."""
    resources = DictionaryObject(kept["/Resources"].get_object())  # this page's own copy: names stay local
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject(name)] = writer._add_object(form)
    resources[NameObject("/XObject")] = xobjects
    kept[NameObject("/Resources")] = resources
    a, b, c, d, e, f = place.ctm
    prefix = DecodedStreamObject()
    prefix.set_data(f"q {a:.6f} {b:.6f} {c:.6f} {d:.6f} {e:.4f} {f:.4f} cm {name} Do Q\n".encode("ascii"))
    contents = kept.get("/Contents")
    existing = contents.get_object() if contents is not None else None
    parts = list(existing) if isinstance(existing, ArrayObject) else ([contents] if contents is not None else [])
    kept[NameObject("/Contents")] = ArrayObject([writer._add_object(prefix), *parts])
