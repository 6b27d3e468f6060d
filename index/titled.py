"""A query that names its document by title is searched within that document.

"国务院关于促进综合保税区高水平开放高质量发展的若干意见里新设的研发设计企业信用等级怎么定" asks about one passage of
one document; searched whole, the document's opening passage (which states the title) ranks first for any such
question. A Chinese query that opens with a title (eight characters or more ending in a document kind: 意见, 通知,
批复, 方案, ...) followed by 里 / 中 / 中的 is split there: the title picks the documents whose opening passages
state it (whitespace ignored, as titles are set on several lines), and the rest of the query is ranked within
them. When no document states the title, the query is searched whole, as before.
"""
from __future__ import annotations

import re

import numpy as np

_KINDS = r"(?:意见|通知|批复|复函|方案|规划|纲要|决定|办法|通报|报告|条例|规定|细则|函)"
_TITLED = re.compile(rf"^[《“\"]?(?P<title>[^，。？?！!]{{6,80}}?{_KINDS})[》”\"]?(?:里面|里|中的|中|当中)(?P<rest>.{{2,}})$")
_SPACE = re.compile(r"[\s\u3000《》“”\"]+")
HEAD_PASSAGES = 2  # a document's opening passages that state its title


class TitledQueries:
    """Documents' opening text, to find the document a query names by title."""

    def __init__(self, documents: list[str], texts: list[str]):
        heads: dict[str, list[str]] = {}
        for doc, text in zip(documents, texts):
            if len(heads.setdefault(doc, [])) < HEAD_PASSAGES:
                heads[doc].append(text)
        self.heads = {doc: _SPACE.sub("", "".join(t)) for doc, t in heads.items()}
        self.documents = np.array(documents)

    def split(self, query: str) -> tuple[str, np.ndarray | None]:
        """(the query to rank, a mask of the passages of the documents it names), or (query, None)."""
        m = _TITLED.match(query.strip())
        if not m:
            return query, None
        title = _SPACE.sub("", m.group("title"))
        named = [doc for doc, head in self.heads.items() if title in head]
        if not named:
            return query, None
        return m.group("rest"), np.isin(self.documents, named)
