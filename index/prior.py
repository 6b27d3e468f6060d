"""Heading demotion: headings and lead sentences ("四是推出8项…", "1、“新网络”建设行动。", "In terms of “new
facility” construction actions.") share the words of many questions but answer none; in hybrid search their
fused score is multiplied by ``FusionParams.heading_factor``.

A passage is heading-like when it is short and either starts with an enumerator (一、 / （一） / 1、 / 四是 /
"First,") or ends with a colon, or when it is aligned with a heading-like passage of the other language
(the English report's "Specifically, in terms of “new network” building actions." is the translation of
"1、“新网络”建设行动。").
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

ZH_MAX, EN_MAX = 26, 70  # longest heading, characters
_ZH_ENUM = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]+[）)、是]|[（(]?\d+[）)、.．]|第[一二三四五六七八九十]+[条章节部分])")
_EN_ENUM = re.compile(r"^\s*(?:\(?\d+[.)]|\(?[ivx]+\)|(?:first|second|third|fourth|fifth|finally)\b)", re.I)


def is_heading(text: str, lang: str) -> bool:
    t = text.strip()
    if not t or len(t) > (ZH_MAX if lang == "zh" else EN_MAX):
        return False
    enum = _ZH_ENUM if lang == "zh" else _EN_ENUM
    return bool(enum.match(t)) or t.endswith((":", "："))


def heading_mask(texts: Sequence[str], langs: Sequence[str], aligned: Sequence[Sequence[tuple[int, float]]]) -> np.ndarray:
    """True for heading-like passages, and for short passages aligned with one."""
    own = np.array([is_heading(t, lang) for t, lang in zip(texts, langs)], dtype=bool)
    out = own.copy()
    for i, links in enumerate(aligned):
        short = len(texts[i].strip()) <= (ZH_MAX if langs[i] == "zh" else EN_MAX)
        if short and any(own[j] for j, _ in links):
            out[i] = True
    return out
