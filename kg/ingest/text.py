"""Plain ``.txt`` files: decoded strictly, kept exactly as written (the bundled seeds stay byte-for-byte)."""
from __future__ import annotations

from .encoding import decode
from .formats import Extracted


def read(data: bytes, name: str) -> Extracted:
    text, encoding = decode(data, name)
    return Extracted(text=text, format="txt", encoding=encoding)
