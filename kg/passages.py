"""Segment a document into sentence-sized passages grouped under paragraphs, for zh and en.

Offsets are Python string indices (Unicode code points) into the original text, so
``original[p.start:p.end]`` is the passage as the file has it. ``p.text`` is the same span
repaired for search: a line break that the extraction put inside a sentence (the Chinese
source breaks "一网\\n\\n通办") is removed, so ``repair(original[p.start:p.end]) == p.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .documents import Document
from .namespaces import ID

# A paragraph break: a newline, optional blanks, and at least one more newline.
_PARA_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_OPENERS, _CLOSERS = "“‘《（(「『【", "”’》）)」』】"
_TERMINAL = "。！？!?.…"
_TRAILING = _CLOSERS + "\"'"
# zh: after 。！？ (and any closing quotes). en: after .!? (and quotes) when a new sentence starts.
_ZH_END = re.compile(rf"[。！？!?…]+[{re.escape(_TRAILING)}]*")
_EN_END = re.compile(rf"[.!?]+[{re.escape(_TRAILING)}]*(?=\s+[A-Z0-9“\"'(‘])")


@dataclass(frozen=True)
class Passage:
    """A sentence-sized span of a document."""

    document: str  # document id
    paragraph: int  # 1-based paragraph number (after repair)
    sentence: int  # 1-based sentence number within the paragraph
    start: int
    end: int
    text: str  # repaired text used for search and display
    lang: str

    @property
    def iri(self) -> str:
        return passage_iri(self.document, self.paragraph, self.sentence)

    @property
    def paragraph_iri(self) -> str:
        return paragraph_iri(self.document, self.paragraph)


def document_iri(doc_id: str) -> str:
    return str(ID[f"document/{doc_id}"])


def paragraph_iri(doc_id: str, paragraph: int) -> str:
    return str(ID[f"paragraph/{doc_id}/p{paragraph:03d}"])


def passage_iri(doc_id: str, paragraph: int, sentence: int) -> str:
    return str(ID[f"passage/{doc_id}/p{paragraph:03d}s{sentence:02d}"])


_SENTENCE_IRI = re.compile(r"^(?P<par>.*/p\d{3})s(?P<n>\d{2})$")


def previous_in_paragraph(iri: str) -> str | None:
    """The IRI of the sentence before passage ``iri`` in its paragraph (p001s03 -> p001s02; None for the first)."""
    m = _SENTENCE_IRI.match(iri)
    return f"{m.group('par')}s{int(m.group('n')) - 1:02d}" if m and int(m.group("n")) > 1 else None


def repair(raw: str) -> str:
    """Join text broken across a paragraph break in mid-sentence (no space between CJK characters)."""

    def join(m: re.Match) -> str:
        before, after = raw[m.start() - 1: m.start()], raw[m.end(): m.end() + 1]
        return "" if (_CJK.match(before) or _CJK.match(after)) else " "

    return _PARA_BREAK.sub(join, raw.strip())


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARA_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _broken(par: str) -> bool:
    """A paragraph that ends in mid-sentence: a quote left open, or prose with no final stop."""
    unclosed = sum(par.count(c) for c in _OPENERS) > sum(par.count(c) for c in _CLOSERS)
    prose_cut = any(c in par for c in "。.") and par[-1] not in _TERMINAL + _TRAILING + "：:>"
    return unclosed or prose_cut


def _merged_paragraphs(text: str) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in _paragraph_spans(text):
        if merged and _broken(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _sentence_spans(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (original offsets) of one paragraph; punctuation-only crumbs join the previous one."""
    pattern = _ZH_END if lang == "zh" else _EN_END
    spans, pos = [], start
    for m in pattern.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in (_strip(text, s, e) for s, e in spans):
        if e <= s:
            continue
        if out and not any(ch.isalnum() for ch in text[s:e]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def segment(doc: Document) -> list[Passage]:
    """The passages of a document, in reading order."""
    passages = []
    for p_no, (p_start, p_end) in enumerate(_merged_paragraphs(doc.text), start=1):
        for s_no, (s, e) in enumerate(_sentence_spans(doc.text, p_start, p_end, doc.language), start=1):
            passages.append(Passage(doc.id, p_no, s_no, s, e, repair(doc.text[s:e]), doc.language))
    return passages


def paragraphs(passages: list[Passage]) -> dict[int, tuple[int, int]]:
    """Paragraph number to its (start, end) span, from its passages."""
    spans: dict[int, tuple[int, int]] = {}
    for p in passages:
        s, e = spans.get(p.paragraph, (p.start, p.end))
        spans[p.paragraph] = (min(s, p.start), max(e, p.end))
    return spans
