"""Clause-sized pieces of long passages, each embedded too: a passage's dense score is the best of its
own vector and its pieces' (max-sim). Long English sentences list many measures separated by ``;``; a
question about one of them matches its clause far better than the whole sentence (``nikg eval``: dense
recall@1 0.67 -> 0.82 same-language, 0.65 -> 0.75 cross-language on the bundled set).
"""
from __future__ import annotations

import re

EN_CHARS = 80  # pieces are grown clause by clause up to about this many characters
ZH_CHARS = 26
_EN_SPLIT = re.compile(r"(?<=[;:])\s+|(?<=,)\s+(?=and )")
_ZH_SPLIT = re.compile(r"(?<=[；;：:。])")


def pieces(text: str, lang: str) -> list[str]:
    """The clause pieces of ``text``; empty when the passage is a single piece (its own vector suffices)."""
    zh = lang == "zh"
    limit, sep = (ZH_CHARS, "") if zh else (EN_CHARS, " ")
    out, cur = [], ""
    for part in (p.strip() for p in (_ZH_SPLIT if zh else _EN_SPLIT).split(text)):
        if not part:
            continue
        if cur and len(cur) + len(part) >= limit:
            out.append(cur)
            cur = part
        else:
            cur = f"{cur}{sep}{part}" if cur else part
    if cur:
        out.append(cur)
    return out if len(out) > 1 else []
