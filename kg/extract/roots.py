"""What the parts of a document belong to: the plan(s) it issues, else the document itself.

- A notice that issues a plan (关于印发《X》的通知) sets X's title again above X's text: the parts below that line
  are X's, the cover letter above it the notice's (:meth:`Roots.holder_at`). The plan is the one the title names
  (:func:`roots`), else, when the title says 印发, every plan whose title is set again as a heading — a notice can
  issue two (印发…和…两个规定的通知: each regulation's parts are its own).
- A plan the text only names (《法治政府建设实施纲要》对…作出部署) is no root; a reply (…的批复) is always its own
  root, even when it approves a plan (国务院关于X总体规划的批复: its numbered points are the State Council's).
- Who drafted the plans (A会同B、C…拟定的《X》和《Y》, in the cover letter) is responsible for them
  (:meth:`Roots.drafted`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SP = r"[ \t\u3000]*"
_SQUEEZE = re.compile(r"[\s的]")
#: What follows a list of agencies that drafted the plans named after it (…等有关部门和单位拟定的《X》和《Y》).
_DRAFTED = re.compile(r"[^。；《]{0,16}?(?:拟定|制定|起草|研究起草|编制|修订)的(?=《)")


@dataclass(frozen=True)
class Roots:
    """``document`` key; ``main``: the first plan the document issues, else the document; ``starts``: (offset of the
    line that sets a plan's title again, its key), in text order; ``plans``: (key, title) of the issued plans."""
    document: str
    main: str
    starts: tuple[tuple[int, str], ...] = ()
    plans: tuple[tuple[str, str], ...] = ()

    @property
    def keys(self) -> set[str]:
        """The main root and every issued plan."""
        return {self.main, *(key for key, _ in self.plans)}

    def at(self, pos: int) -> str:
        """The plan whose text holds ``pos`` (the main one above the first title line)."""
        return next((key for start, key in reversed(self.starts) if start <= pos), self.main)

    def holder_at(self, start: int, end: int) -> str:
        """Like :meth:`at`, but a statement in the cover letter (above the first title line) is the document's."""
        return self.document if self.starts and end <= self.starts[0][0] else self.at(start)

    def drafted(self, text: str, end: int) -> list[str]:
        """The issued plans that the agencies listed up to ``end`` drafted (…拟定的《X》和《Y》), else []."""
        m = _DRAFTED.match(text, end)
        if not m:
            return []
        stop = min((i for i in (text.find(c, m.end()) for c in "。；\n") if i >= 0), default=len(text))
        return [key for key, title in self.plans if f"《{title}》" in text[m.end():stop]]


def roots(doc, frame) -> Roots:
    """The :class:`Roots` of ``doc`` given its frame's ActionPlan mentions."""
    document = f"Document/{doc.id}"
    title = doc.title or ""
    if re.search(r"(?:批复|复函)$", title):
        return Roots(document, document)
    plans = [m for m in frame.mentions if m.kind == "ActionPlan"]
    own = [m for m in plans if m.label.replace("的", "") in title.replace("的", "")]  # …投资(的)若干措施: one title
    issued = own or ([m for m in plans if _heading(doc.text, m.label)] if "印发" in title else [])
    if not issued:
        return Roots(document, document)
    set_again = own or issued  # the plans the title names (印发A和B的通知: each); else each the letter issues
    starts = sorted((at.start(), m.key) for m in set_again if (at := _heading(doc.text, m.label)))
    return Roots(document, issued[0].key, tuple(starts), tuple((m.key, m.label) for m in issued))


def heading_spans(doc, roots_: Roots) -> dict[str, list[tuple[int, int]]]:
    """Plan key -> the (start, end) where the text names an issued plan without 《》: the line that sets its title
    again above its text, and the document's title line that names it (关于印发X的通知) — its evidence too."""
    out: dict[str, list[tuple[int, int]]] = {}
    first_line = re.match(r"\s*[^\n]+", doc.text)
    for key, title in roots_.plans:
        named = re.compile(_title_pattern(title)).search(doc.text, 0, first_line.end()) if first_line else None
        heading = _heading(doc.text, title)
        out[key] = ([(named.start(), named.end())] if named else []) + (
            [(heading.start() + len(heading.group()) - len(heading.group().lstrip()), heading.end())] if heading else [])
    return out


def _heading(text: str, title: str):
    """The line (or lines: a title set on two) that sets ``title`` again below the first 40 characters. The
    pattern is compiled only when the text holds the title's characters in a row (spaces and 的 apart): compiling
    one for every plan of every document was 7% of extraction."""
    if re.sub(_SQUEEZE, "", title) not in re.sub(_SQUEEZE, "", text[40:]):
        return None
    return _heading_pattern(title).search(text, 40)


@lru_cache(maxsize=256)
def _heading_pattern(title: str) -> re.Pattern:
    chars = _title_pattern(title, f"{_SP}\\n?{_SP}")
    return re.compile(rf"\n{_SP}{chars}{_SP}(?=\n)")


def _title_pattern(title: str, between: str = "") -> str:
    """A pattern of ``title`` with ``between`` between its characters and its 的 written or not (…投资(的)若干措施)."""
    return between.join(re.escape(c) + ("?" if c == "的" else "") for c in title)
