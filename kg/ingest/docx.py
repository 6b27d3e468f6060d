"""``.docx`` files (python-docx): paragraphs and table rows in body order, the title from the core properties."""
from __future__ import annotations

import io

from ..errors import SourceError
from .formats import Extracted


def _open(data: bytes, name: str):
    import docx

    if not data.startswith(b"PK\x03\x04"):
        hint = "save it as .docx from Word or LibreOffice" if data.startswith(b"\xd0\xcf\x11\xe0") else \
            "give the file its real extension, or remove it"
        raise SourceError(f"{name} is not a .docx file (it is not a ZIP package)", hint=hint)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a damaged package fails in zipfile, lxml or python-docx alike
        raise SourceError(f"{name} is not a readable .docx: {type(exc).__name__}: {exc}",
                          hint="open and re-save it in Word or LibreOffice, or supply the text as .txt") from None


def _row(row) -> str:
    cells: list[str] = []
    for cell in row.cells:  # a merged cell is repeated once per grid column it spans
        text = " ".join(cell.text.split())
        if text and (not cells or cells[-1] != text):
            cells.append(text)
    return " | ".join(cells)


def read(data: bytes, name: str) -> Extracted:
    document = _open(data, name)
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            blocks += [_row(r) for r in item.rows]
        else:
            blocks.append(item.text.strip())
    title = (document.core_properties.title or "").strip()
    return Extracted(text="\n\n".join(b for b in blocks if b), format="docx", encoding=None, title=title or None)
