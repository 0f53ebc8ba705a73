"""Paragraph styles for table cells of the register-like sections (risks, funding), made once at import."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from boardapp.pack import styles as st


def cell_style(name: str, **kw: object) -> ParagraphStyle:
    """A table-cell paragraph style: the pack's table font and ink unless ``kw`` says otherwise."""
    base: dict[str, object] = {"fontName": st.FONT, "fontSize": st.TABLE_SIZE, "leading": st.TABLE_LEADING,
                               "textColor": st.INK}
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]
