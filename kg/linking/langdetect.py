"""Language of a short text, zh or en, from its script: no model, no download.

Chinese is written in Han characters, English in Latin letters; a text is Chinese when its Han
characters are at least a third as many as its Latin letters (a Han character carries about as
much as a three-to-four letter English word), so "5G网络" is zh and an English sentence quoting
新基建 stays en.
"""
from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
LANGS = ("zh", "en")


#: Half-width punctuation written in Chinese running text (a text normalised by NFKC, OCR output): a comma, semicolon,
#: colon, question or exclamation mark with a Han character on either side, and a bracket next to one.
_HALF_MARK = re.compile(rf"(?<={_HAN.pattern})[,;:?!]|[,;:?!](?={_HAN.pattern})")
_HALF_BRACKET = re.compile(r"\(([^()\n]{0,40}?)\)")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
#: A circle (○ U+25CB, ◯, Ｏ) written for the numeral zero between Chinese numerals (二○一一年五月三十日).
_ZERO = re.compile(r"(?<=[〇零一二三四五六七八九十])[○◯Ｏ](?=[〇零一二三四五六七八九十○◯Ｏ年])")


def full_width_punctuation(text: str) -> str:
    """``text`` with the half-width punctuation of Chinese running text made full-width (2020年末,全市 -> 2020年末，全市;
    (一)总体要求 -> （一）总体要求; 二○一一年 -> 二〇一一年; 1﹒ -> 1．), as clause and structure rules read Chinese text; punctuation between Latin letters
    and digits (2.52, 1,000, (a)) is left as written. The same length: every offset into the text still holds."""
    text = _ZERO.sub("〇", _HALF_MARK.sub(lambda m: _FULL[m.group()], text))  # 二○一一年: the circle written for 〇
    text = text.replace("\ufe52", "．")  # 20﹒构建…: the small full stop some sites number items with
    return _HALF_BRACKET.sub(lambda m: f"（{m.group(1)}）" if han_count(m.group(1)) or _HAN.search(
        text[m.end():m.end() + 1]) else m.group(), text)


_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: A pinyin reading a site writes after a character (農(nóng)村, 人数（shù）比例): a syllable with a tone mark in brackets.
_RUBY = re.compile(rf"(?<={_HAN.pattern})[（(](?=[a-zü]*[{_TONES}])[a-zü{_TONES}]{{1,7}}[)）]")


def without_readings(text: str) -> str:
    """``text`` without the pinyin readings some sites write after characters (農(nóng)村建設(shè) -> 農村建設): a reading
    aid, not the text's words, and it splits them for every rule, the dictionary and search."""
    return _RUBY.sub("", text)


#: The share of a text's Han characters that differ in simplified script above which it is written in traditional script.
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # OpenCC's traditional-to-simplified tables, inside its wheel

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified script when it is written in traditional script (江門市人民政府辦公室 -> 江门市人民政府办公室),
    else as it is: the extraction rules, the dictionary and the questions are simplified. The same length, character
    for character, so every offset into the text still holds (a phrase OpenCC would convert to another length is
    converted one character at a time)."""
    han = han_count(text)
    if not han:
        return text
    out = _t2s().convert(text)
    if len(out) != len(text):
        out = "".join(c if len(x := _t2s().convert(c)) != 1 else x for c in text)
    changed = sum(a != b for a, b in zip(text, out))
    return out if changed >= TRADITIONAL_SHARE * han else text


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def detect_language(text: str, default: str = "en") -> str:
    """``"zh"`` or ``"en"``; ``default`` when the text has neither script (digits, punctuation)."""
    han, latin = han_count(text), len(_LATIN.findall(text))
    if han == 0 and latin == 0:
        return default
    return "zh" if han * 3 >= latin else "en"
