"""When a document was issued, and its number: 国发〔2018〕42号是哪天印发的 / When was the opinion on farm
machinery issued? / 《国务院关于…的指导意见》的文号是什么 / What is the document number of …?

A question naming a document by its number (``nikg:documentNumber``, brackets folded: 〔〕 [] ()) or
by its full title (``dcterms:title``) and asking when it was issued (印发, 发布, issued, published)
is answered with ``dcterms:issued``; one naming it by its title and asking its number (文号, document number)
with ``nikg:documentNumber``; either cites the document's passages that state the number or title.
"""
from __future__ import annotations

import re

from ..linking.lexicon import normalise
from ..namespaces import sparql_prologue
from .people import Statement, date_text

_DOCS = sparql_prologue() + """
SELECT ?d ?issued ?number ?title WHERE { ?d a nikg:Document . OPTIONAL { ?d dcterms:issued ?issued }
  OPTIONAL { ?d nikg:documentNumber ?number } OPTIONAL { ?d dcterms:title ?title } }"""
_PASSAGES = sparql_prologue() + """
SELECT ?p ?text WHERE { ?p a nikg:Passage ; dcterms:isPartOf <%s> ; nikg:text ?text }"""
CUE = re.compile(r"印发|发布|签发|成文|出台|\bissued?\b|\bpublished\b|\breleased\b|\bsigned\b")
NUMBER_CUE = re.compile(r"文号|发文字号|发文号|文件编号|\bdocument number\b|\breference number\b|\bfile number\b")


def _fold(text: str) -> str:
    return re.sub(r"[〔〕\[\]()（）【】《》〈〉<>\s]", "", normalise(text)).lower()


class IssueDates:
    """Documents' numbers, titles and issue dates (each may be missing), read once from the store."""

    def __init__(self, store):
        self.docs: dict[str, dict] = {}
        for r in store.query(_DOCS):
            doc = self.docs.setdefault(r["d"].value, {"issued": r["issued"] and str(r["issued"].value), "names": set(), "titles": {},
                                                      "number": r["number"].value if r["number"] is not None else None})
            for key in ("number", "title"):
                if r[key] is not None and len(_fold(r[key].value)) >= 6:
                    doc["names"].add(_fold(r[key].value))
            if r["title"] is not None:
                doc["titles"].setdefault(r["title"].language or "zh", r["title"].value)
        self.store = store  # a document's passages are read when a question names it

    def answer(self, q: str, lang: str) -> tuple[str, list[Statement]] | None:
        """The number of the document the question names (文号), else its issue date (印发), else None."""
        asks_number = bool(NUMBER_CUE.search(q.lower()))
        if not asks_number and not CUE.search(q.lower()):
            return None
        folded = _fold(q)
        named = [d for d, doc in self.docs.items() if any(n in folded for n in doc["names"])]
        if len(named) != 1 or not self.docs[named[0]]["number" if asks_number else "issued"]:
            return None
        doc = self.docs[named[0]]
        passages = sorted((r["p"].value, _fold(r["text"].value)) for r in self.store.query(_PASSAGES % named[0]))
        evidence = [p for p, text in passages if any(n in text for n in doc["names"])] or [p for p, _ in passages[:1]]
        title = doc["titles"].get(lang) or next(iter(doc["titles"].values()), named[0])
        if asks_number:
            text = f"《{title}》的文号是{doc['number']}。" if lang == "zh" else f"The document number of “{title}” is {doc['number']}."
            return text, [Statement(named[0], doc["titles"], doc["number"], None, evidence)]
        when = date_text(doc["issued"], lang)
        text = f"《{title}》于{when}印发。" if lang == "zh" else f"“{title}” was issued on {when}."
        return text, [Statement(named[0], doc["titles"], doc["issued"], "xsd:date", evidence)]


__all__ = ["IssueDates"]
