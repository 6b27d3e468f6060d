"""Strict decoding of a text file's bytes, saying which encoding was used; never a silent guess.

Order: a byte-order mark (UTF-8, UTF-16) decides; else UTF-8; else GBK/GB18030, the encodings of
Chinese government files. What a page declares (``<meta charset>``) is often wrong and is not trusted:
the bytes decide (it is only quoted when nothing reads them). Each is tried strictly (no replacement characters). GB18030 maps most byte
sequences to *some* character, so a GB18030 reading is accepted only when it looks like Chinese: its
non-ASCII characters are Chinese characters and punctuation, and nearly all its Chinese characters are
common ones (in GB2312). Latin-1, Shift-JIS or Big5 bytes read as GBK fail that test and are reported
as undecodable instead of becoming plausible-looking nonsense.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import SourceError
from .sniff import binary_kind

_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2014-\u2026\u00b7]")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
FIX = "save it as UTF-8 (or GBK) text"


def _label(codec: str, data: bytes) -> str:
    if codec == "utf-8":
        return "utf-8"
    try:  # GBK is the common subset; name it when it suffices
        data.decode("gbk")
        return "gbk"
    except UnicodeDecodeError:
        return "gb18030"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _plausible_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    han = [ch for ch in wide if "\u3400" <= ch <= "\u9fff"]
    chinese = sum(1 for ch in wide if _CHINESE.match(ch)) >= 0.95 * len(wide)
    return chinese and sum(1 for ch in han if _in_gb2312(ch)) >= 0.9 * len(han)


def _check_text(text: str, name: str, encoding: str) -> str:
    bad = [ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS]
    if len(bad) > max(2, len(text) // 1000):
        raise SourceError(f"{name} is not text: read as {encoding} it has {len(bad)} control characters",
                          hint="it is a binary file; convert it to .txt, .html, .pdf or .docx, or remove it")
    return text


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes; :class:`SourceError` when no encoding reads them."""
    kind = binary_kind(data)
    if kind:
        raise SourceError(f"{name} is not text: its bytes are {kind}",
                          hint="give the file its real extension (.pdf, .docx) if nikg reads that format, or remove it")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(codec), name, label), f"{codec}-bom"
            except UnicodeDecodeError as exc:
                raise SourceError(f"{name} starts with a {label} byte-order mark but is not valid {label} "
                                  f"(byte {exc.start + len(bom)})", hint=FIX) from None
    if b"\x00" in data:
        raise SourceError(f"{name} is not text: it contains NUL bytes",
                          hint="it is a binary file or UTF-16 without a byte-order mark; " + FIX)
    for codec in ("utf-8", "gb18030"):  # UTF-8 first: GBK bytes are (nearly) never valid UTF-8, not the reverse
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "gb18030" and not _plausible_chinese(text):
            continue
        label = _label(codec, data)
        return _check_text(text, name, label), label
    said = f" (it declares charset {declared})" if declared else ""
    raise SourceError(f"{name} cannot be decoded: it is neither UTF-8 nor GBK/GB18030 text{said}", hint=FIX)
