"""Language of a short text, zh or en, from its script: no model, no download.

Chinese is written in Han characters, English in Latin letters; a text is Chinese when its Han
characters are at least a third as many as its Latin letters (a Han character carries about as
much as a three-to-four letter English word), so "5G网络" is zh and an English sentence quoting
新基建 stays en.
"""
from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
LANGS = ("zh", "en")


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def detect_language(text: str, default: str = "en") -> str:
    """``"zh"`` or ``"en"``; ``default`` when the text has neither script (digits, punctuation)."""
    han, latin = han_count(text), len(_LATIN.findall(text))
    if han == 0 and latin == 0:
        return default
    return "zh" if han * 3 >= latin else "en"
