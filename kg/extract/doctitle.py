"""Where a document's title is written: the declared title (a sidecar's) as the text sets it (line breaks allowed, a
heading rather than a page's metadata line, a 文号 a site appends left out), else the text's opening line (two when only
the second ends like a title). For :mod:`kg.extract.frame` and :mod:`kg.extract.agencies`."""
from __future__ import annotations

import re

from ..linking.langdetect import full_width_punctuation

_DOC_TYPE_END = re.compile(r"(?:意见|通知|方案|规划|办法|决定|报告|纲要|计划|规定|细则|公告|通告|批复|函|情况)$")


#: A 文号 that a site appends to the title (深化医药卫生体制改革2024年重点工作任务(国办发〔2024〕29号)): not the title's.
_NUMBER_TAIL = re.compile(r"\s*[（(][^（）()]{0,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号[）)]\s*$")


def title_matches(doc, title: str | None) -> list[re.Match]:
    """Where the opening 3,000 characters write ``title`` (line breaks and spaces allowed inside; its punctuation read
    as the text's: (一) -> （一）)."""
    chars = [re.escape(ch) for ch in full_width_punctuation(title or "") if not ch.isspace()]
    return list(re.compile(r"\s*".join(chars)).finditer(doc.text, 0, 3000)) if chars else []


def title_span(doc) -> tuple[int, int, str]:
    """Span of the title: ``doc.title`` where the text has it (line breaks allowed), else the first line that is no
    table row (with the declared title, if any), joined with the next when only that one ends like a title (…的指导意见
    set on two lines)."""
    for title in dict.fromkeys((doc.title, _NUMBER_TAIL.sub("", doc.title or ""))):
        found = title_matches(doc, title)
        if found:  # where it is set as a heading (a line of its own), rather than in a page's metadata (标  题：…)
            m = next((m for m in found if not doc.text[doc.text.rfind("\n", 0, m.start()) + 1:m.start()].strip()),
                     found[0])
            return m.start(), m.end(), title
    title = _NUMBER_TAIL.sub("", doc.title or "")
    lines = [m for m in re.finditer(r"\S[^\n]*", doc.text[:3000]) if m.group().count("|") < 2]  # a table row is no title
    if not lines:
        return 0, 0, doc.title or doc.id
    first = lines[0]
    if title:  # the declared title (a sidecar's), which the text does not set: its opening line is the evidence
        return first.start(), first.end(), title
    if len(lines) > 1 and not _DOC_TYPE_END.search(first.group().strip()) \
            and _DOC_TYPE_END.search(lines[1].group().strip()) and len(lines[1].group()) <= 40:
        return first.start(), lines[1].end(), first.group().strip() + lines[1].group().strip()
    return first.start(), first.end(), first.group().strip()


__all__ = ["title_matches", "title_span"]
