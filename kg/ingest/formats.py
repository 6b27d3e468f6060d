"""Dispatch a source file to the reader of its format, by extension; the result is plain text."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import SourceError
from ..linking.langdetect import full_width_punctuation, simplified, without_readings


@dataclass(frozen=True)
class Extracted:
    """A source file read into plain text (offsets of passages and evidence refer to ``text``)."""

    text: str
    format: str  # "txt", "html", "pdf" or "docx"
    encoding: str | None  # how a text format was decoded ("utf-8", "gbk", ...); None for pdf/docx
    title: str | None = None  # a title the file declares (HTML <title>, document properties)
    sha256: str = ""  # of the original file's bytes


Reader = Callable[[bytes, str], Extracted]


def _readers() -> dict[str, Reader]:
    from . import docx, html, pdf, text  # the format libraries are imported only when used

    return {".txt": text.read, ".html": html.read, ".htm": html.read, ".pdf": pdf.read, ".docx": docx.read}


SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


def is_document(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def extract(path: Path, max_bytes: int | None = None) -> Extracted:
    """Read one source file into plain text; :class:`SourceError` naming the file and the fix if it cannot be."""
    path = Path(path)
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise SourceError(f"{path.name} has {size:,} bytes, over the limit of {max_bytes:,} bytes for one source file",
                          hint="split it, or raise the limit with NIKG_SOURCE_MAX_MB")
    reader = _readers().get(path.suffix.lower())
    if reader is None:
        raise SourceError(f"{path.name}: format {path.suffix or '(no extension)'} is not supported",
                          hint=f"convert it to one of {', '.join(SUFFIXES)}, or move it out of the sources folder")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(f"{path.name} is empty", hint="put the document's text in it, or remove the file")
    out = reader(data, path.name)
    if not out.text.strip():
        raise SourceError(f"{path.name} has no text once read as {out.format}",
                          hint="check that the file holds the document's text, or remove the file")
    text = simplified(full_width_punctuation(without_readings(out.text)))  # 年末,全市 -> 年末，全市: the clause rules read
    # Chinese punctuation; 江門市 -> 江门市: they read simplified script; 農(nóng)村 -> 農村: a site's reading aid
    return Extracted(text, out.format, out.encoding, out.title, hashlib.sha256(data).hexdigest())
