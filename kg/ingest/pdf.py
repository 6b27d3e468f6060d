"""``.pdf`` files: the text layer, page by page (pypdf). A scan without a text layer is an error, not empty text.

A PDF's text comes in layout lines; they are re-flowed into paragraphs (separated by a blank line, as in
the ``.txt`` sources): a line ends its paragraph when it ends a sentence or clause (。！？；：.!?;:) or is
clearly shorter than the page's longest line (a heading, a paragraph's last line), and a line that opens
with a heading number (一、 （一） 第三条 1. (2)) starts one. Inside a paragraph a
line break becomes nothing between Chinese characters and a space otherwise.
"""
from __future__ import annotations

import io
import re
import unicodedata

from ..errors import SourceError
from .formats import Extracted
from .infer import HEADING

_ENDS = tuple("。！？；：.!?;:")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_CID = re.compile(r"\(cid:\d+\)")
UNREADABLE_MAX = 0.2  # above this share of unreadable characters the text layer is refused, not indexed
SHORT_LINE = 0.7  # share of the longest line below which a line ends its paragraph
OCR_FIX = "it looks like a scan: run OCR on it (e.g. `ocrmypdf in.pdf out.pdf`) or supply the text as .txt"


def _open(data: bytes, name: str):
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise SourceError(f"{name} is not a PDF file (it does not start with %PDF-)",
                          hint="give the file its real extension, or remove it")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{name} is an encrypted PDF", hint="save an unprotected copy of it, or supply the text as .txt")
        reader.pages[0]  # noqa: B018 - touching the page tree is what fails on a corrupt file
        return reader
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files; all mean the same here
        raise SourceError(f"{name} is not a readable PDF: {type(exc).__name__}: {exc}",
                          hint="re-export or re-download the PDF, or supply the text as .txt") from None


def _join(left: str, right: str) -> str:
    glue = "" if _CJK.match(left[-1:]) and _CJK.match(right[:1]) else " "
    return left + glue + right


def reflow(page: str) -> str:
    """One layout line per line of ``page`` -> paragraphs separated by a blank line."""
    lines = [" ".join(line.split()) for line in page.splitlines()]
    lines = [line for line in lines if line]
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if current and HEADING.match(line):
            paragraphs.append(current)
            current = ""
        current = _join(current, line) if current else line
        if line.endswith(_ENDS) or len(line) < SHORT_LINE * longest:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _unreadable_share(text: str) -> float:
    """Share of characters a text layer without a Unicode map yields (glyph ids read as control characters,
    private use, U+FFFD, "(cid:N)")."""
    visible = [ch for ch in text if not ch.isspace()]
    bad = sum(1 for ch in visible if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co"))
    bad += sum(len(m) for m in _CID.findall(text))
    return bad / len(visible) if visible else 0.0


def read(data: bytes, name: str) -> Extracted:
    reader = _open(data, name)
    pages = []
    for page in reader.pages:
        try:
            pages.append(reflow(page.extract_text() or ""))
        except Exception as exc:  # noqa: BLE001 - same as above, for one damaged page
            raise SourceError(f"{name}: page {len(pages) + 1} cannot be read: {type(exc).__name__}: {exc}",
                              hint="re-export the PDF, or supply the text as .txt") from None
    text = "\n\n".join(p for p in pages if p)
    if not text:
        raise SourceError(f"{name} has no text layer ({len(pages)} page(s) without text)", hint=OCR_FIX)
    share = _unreadable_share(text)
    if share > UNREADABLE_MAX:
        raise SourceError(f"{name}: {share:.0%} of its text layer is unreadable glyph codes (fonts without a Unicode map)",
                          hint="re-export it from the original document, or run OCR on it (e.g. `ocrmypdf --force-ocr`)")
    meta = reader.metadata
    title = (meta.title or "").strip() if meta is not None else ""
    return Extracted(text=text, format="pdf", encoding=None, title=title or None)
