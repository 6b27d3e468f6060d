"""Plain ``.txt`` files: decoded strictly and kept as written, except that Windows (CRLF) and old Mac (CR)
line ends become ``\\n``, the line end that paragraph and structure rules read. An LF file (like every
bundled seed) is kept byte-for-byte."""
from __future__ import annotations

from .encoding import decode
from .formats import Extracted


def read(data: bytes, name: str) -> Extracted:
    text, encoding = decode(data, name)
    return Extracted(text=text.replace("\r\n", "\n").replace("\r", "\n"), format="txt", encoding=encoding)
