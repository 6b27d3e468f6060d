"""``.html``/``.htm`` pages: decoded strictly, boilerplate (menus, footers) stripped by trafilatura.

The text keeps one block (paragraph, heading, list item, table row) per paragraph, blocks separated by
a blank line as in the ``.txt`` sources, so passages and evidence offsets work the same way. The title is
the page's (trafilatura's reading of <title>/og:title) without the site and column names portals append.
"""
from __future__ import annotations

import re

from .encoding import decode
from .formats import Extracted

# "Title_Column_Site" (Chinese portals), "Title | Site", "Title - Site": the title is the longest part.
_SITE_PARTS = re.compile(r"\s*(?:_|｜|\s\|\s|\s-\s)\s*")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _blocks(text: str | None) -> str:
    lines = (line.strip() for line in (text or "").splitlines())
    return "\n\n".join(line for line in lines if line)


def _title(markup: str) -> str | None:
    import trafilatura

    meta = trafilatura.extract_metadata(markup)
    title = meta.title if meta is not None else None
    if not title:
        m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
        title = m.group(1) if m else None
    if not title or not title.strip():
        return None
    return max(_SITE_PARTS.split(" ".join(title.split())), key=len)


def read(data: bytes, name: str) -> Extracted:
    import trafilatura

    markup, encoding = decode(data, name, declared=_declared_charset(data))
    text = _blocks(trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True))
    if not text:  # too little for the main-text heuristics: keep every visible text block instead
        text = _blocks(trafilatura.html2txt(markup))
    return Extracted(text=text, format="html", encoding=encoding, title=_title(markup))
