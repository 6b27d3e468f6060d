"""The paragraphs of a numbered item's body, and what they are: sub-items, principles or just its text.

An item set on several paragraphs is either one task written at length (each paragraph states duties:
``各有关部门要…``, ``县级以上地方人民政府根据…``) or a list of sub-items, each paragraph opening with a
headline of its own (``优化固体废物管理体制机制，强化部门分工协作。根据…``). Rules:

- a paragraph *opens with a headline* when its first sentence (up to 。) is short
  (:data:`HEADLINE_MAX` characters), gives nobody a duty (no 要/应当/须/负责 …) and heads more text of the
  paragraph (a one-sentence paragraph is text, not a headed sub-item);
- the paragraphs are sub-items (:func:`sub_items`) only when there are at least two and every one opens
  with a headline; otherwise they are the item's own text (its duties attach to the item);
- ``坚持X。`` paragraphs (a short 坚持 sentence opening each of at least two paragraphs, as under 总体要求)
  are principles (:func:`principles`), not tasks.
"""
from __future__ import annotations

import re

from .duties import LABEL
from .outline import Node, is_duty_paren

#: The longest first sentence that still reads as a paragraph's headline.
HEADLINE_MAX = 48
#: The least text a headline heads (a one-sentence paragraph has no headline).
HEADED_MIN = 6
#: Words that give a duty: a sentence holding one states work for somebody, it is no headline.
_DUTY_WORDS = re.compile(r"要(?!求)|应当|(?<![供适响相反效呼对感])应(?![急用链变])|必须|须|负责")
#: 坚持全面覆盖。 / 坚持问题导向，注重创新驱动。 — a principle's short sentence.
_PRINCIPLE = re.compile(r"坚持[^，。；\n]{2,12}(?:，[^，。；\n]{2,12})?(?=。)")


def body(text: str, node: Node) -> list[tuple[int, int]]:
    """The paragraphs of ``node``'s body: the rest of its heading line (when it holds text), then each line;
    a labelled list line (牵头单位：…) or a lone responsibility parenthesis is none."""
    lines = [(node.start + m.start(), node.start + m.end()) for m in re.finditer(r"[^\n]+", text[node.start:node.end])]
    lines = [(s, e) for s, e in lines if text[s:e].strip() and not LABEL.match(text[s:e].strip())]
    if not lines:
        return []
    rest = text[node.heading_end:lines[0][1]].strip()  # the first line after its heading
    first = [] if len(rest) < 4 or is_duty_paren(rest) else [(node.heading_end + 1, lines[0][1])]
    return first + lines[1:]


def lead_sentence(text: str, start: int, end: int) -> str:
    """A paragraph's first sentence, up to its first 。 (the whole paragraph when it has none)."""
    stop = text.find("。", start, end)
    return text[start:stop if stop >= 0 else end].strip()


def opens_with_headline(text: str, start: int, end: int) -> bool:
    """A short first sentence that gives no duty and heads more text of its paragraph."""
    lead = lead_sentence(text, start, end)
    more = text[start:end].strip()[len(lead) + 1:].strip()
    return (2 <= len(lead) <= HEADLINE_MAX and not _DUTY_WORDS.search(lead) and not _NO_HEADLINE.match(lead)
            and len(more) >= HEADED_MIN)


#: A first sentence that opens with the grounds of a rule (按照我市…机制，…) or with a body acting with another
#: (北京市经济和信息化局会同…将…): a statement of the text, no headline.
_NO_HEADLINE = re.compile(r"(?:按照|根据|依据|依照|对于|对(?![外口接标])|经(?![济营费验过])|在(?![线岗校]))[^，。]{1,30}，"
                          r"|[^，。]{2,30}?会同")  # not 经济运行…, 对外开放…, 在线服务…


def principles(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs that open with a 坚持X sentence, when at least two do."""
    found = [(s, e) for s, e in paragraphs if _PRINCIPLE.match(text, s)]
    return found if len(found) >= 2 else []


def principle_label(text: str, start: int) -> str:
    """坚持全面覆盖 (of 坚持全面覆盖。…), 坚持问题导向 (of 坚持问题导向，注重创新驱动。…)."""
    return _PRINCIPLE.match(text, start).group().split("，")[0]


def sub_items(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs as sub-items: at least two, each opening with a headline; else none."""
    if len(paragraphs) >= 2 and all(opens_with_headline(text, s, e) for s, e in paragraphs):
        return paragraphs
    return []


def lead_clause(text: str, start: int, end: int) -> str:
    """A paragraph's lead clause: up to its first 。；： (or the first ， when that is long)."""
    m = re.search(r"[。；：]", text[start:end])
    lead = text[start:start + m.start()] if m else text[start:end]
    return lead if len(lead) <= 30 else lead.split("，")[0]


__all__ = ["body", "sub_items", "principles", "principle_label", "lead_clause", "opens_with_headline", "HEADLINE_MAX"]
