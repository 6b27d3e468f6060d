"""The home page's state (read from the URL) and what it shows: search hits side by side, or an answer."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from index.hits import LANGS, Hit

from .highlight import mark, query_terms
from .lookup import TEXT, TITLE, first_value

PAGE_SIZE = 10
FETCH = 100  # hits fetched per search; filters and pages work within them
MODES = ("search", "ask")


@dataclass
class HomeState:
    """Everything the page shows is in the URL: ``/?q=充电桩&lang=zh&doc=...&type=Task&page=2&mode=ask``."""

    q: str = ""
    lang: str = ""
    doc: str = ""
    type: str = ""
    page: int = 1
    mode: str = "search"
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params: Mapping[str, str], max_chars: int) -> "HomeState":
        state = cls(q=params.get("q", "").strip(), lang=params.get("lang", ""), doc=params.get("doc", ""),
                    type=params.get("type", ""), mode=params.get("mode", "search") or "search")
        state.page = _page(params.get("page", "1"), state.problems)
        if state.lang not in ("", *LANGS):
            state.problems.append(f"lang must be zh, en or empty (both); got {state.lang!r}, so both are shown")
            state.lang = ""
        if state.mode not in MODES:
            state.problems.append(f"mode must be search or ask; got {state.mode!r}, so search is used")
            state.mode = "search"
        if len(state.q) > max_chars:
            state.problems.append(f"the query is {len(state.q)} characters long; at most {max_chars} are used")
            state.q = state.q[:max_chars]
        return state

    def url(self, **changes: Any) -> str:
        """This state's URL with ``changes`` (the page links and filter links)."""
        from urllib.parse import urlencode

        values = {"q": self.q, "mode": self.mode, "lang": self.lang, "doc": self.doc, "type": self.type,
                  "page": self.page, **changes}
        keep = {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)
                and not (k == "mode" and v == "search")}
        return "/?" + urlencode(keep)


def _page(raw: str, problems: list[str]) -> int:
    try:
        page = int(raw)
    except ValueError:
        page = 0
    if page < 1:
        problems.append(f"page must be a whole number from 1; got {raw!r}, so page 1 is shown")
        return 1
    return page


def translated_terms(hit: Hit, terms: list[str], catalogue: Any) -> list[str]:
    """Labels, in the other language, of the hit's entities whose name contains a query term: what to mark
    in the translation (充电桩 -> "smart charging piles for electric vehicles")."""
    out = []
    for ref in hit.entities:
        entity = catalogue.get(ref.id)
        if entity is None or not any(term in name.lower() for term in terms for name in entity.labels.values()):
            continue
        out += [label.lower() for lang, label in entity.labels.items() if lang != hit.lang]
    return out


def hit_view(hit: Hit, terms: list[str], catalogue: Any, titles: Mapping[str, str]) -> dict:
    """One result as two columns (zh, en): the hit and its aligned translation, terms marked in both."""
    columns = {hit.lang: {"text": mark(hit.text, terms), "passage": hit.passage, "is_hit": True}}
    if hit.translation is not None:
        t, other = hit.translation, terms + translated_terms(hit, terms, catalogue)
        columns.setdefault(t.lang, {"text": mark(t.text, other), "passage": t.passage, "is_hit": False})
    entities = []
    for ref in hit.entities:
        entity = catalogue.get(ref.id)
        types = entity.type_names if entity is not None else []
        entities.append({"id": ref.id, "label": ref.label, "types": types})
    return {"hit": hit, "columns": [(lang, columns.get(lang)) for lang in LANGS], "entities": entities,
            "document": hit.document, "document_title": titles.get(hit.document, hit.document.rsplit("/", 1)[-1])}


def distinct_pairs(hits: list[Hit]) -> list[Hit]:
    """Hits without the mirror of an earlier one (its translation found as a hit, paired back with it)."""
    seen, out = set(), []
    for hit in hits:
        pair = frozenset((hit.passage, hit.translation.passage if hit.translation else hit.passage))
        if pair not in seen:
            seen.add(pair)
            out.append(hit)
    return out


def facets(views: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """The documents and entity types found in the hits, as (value, label) choices for the filters."""
    docs = {v["document"]: v["document_title"] for v in views}
    types = sorted({t for v in views for e in v["entities"] for t in e["types"]})
    return {"documents": sorted(docs.items(), key=lambda d: d[1]), "types": [(t, t) for t in types]}


def keep(view: dict, state: HomeState) -> bool:
    if state.doc and view["document"] != state.doc:
        return False
    return not state.type or any(state.type in e["types"] for e in view["entities"])


def search_page(state: HomeState, index: Any, catalogue: Any, pool: Any) -> dict:
    """Hits for the state's query, filtered by document and entity type, one page of them."""
    hits = distinct_pairs(index.search(state.q, k=FETCH, lang=state.lang or None, mode="hybrid"))
    titles = first_value(pool, {h.document for h in hits}, TITLE)
    terms = query_terms(state.q, index.tokenizer)
    views = [hit_view(h, terms, catalogue, titles) for h in hits]
    chosen = [v for v in views if keep(v, state)]
    for v in chosen if state.type else ():  # entities of the chosen type first
        v["entities"].sort(key=lambda e: state.type not in e["types"])
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    start = (min(state.page, pages) - 1) * PAGE_SIZE
    return {"results": chosen[start:start + PAGE_SIZE], "total": len(chosen), "pages": pages,
            "page": min(state.page, pages), "facets": facets(views), "terms": terms}


def _quantities(fact: Any) -> list[str]:
    """The fact's own quantity phrases (10万个, 100,000), marked in its evidence."""
    return [q.lower() for q in getattr(fact, "quantity_texts", {}).values() if q]


def ask_page(state: HomeState, answerer: Any, index: Any, catalogue: Any, pool: Any) -> dict:
    """The answer, each fact with its cited evidence passages, and the search passages."""
    result = answerer.ask(state.q, None, 3, index)
    terms = query_terms(state.q, index.tokenizer if index is not None else None)
    cited = {iri for f in result.facts for iri in f.evidence}
    texts = first_value(pool, cited, TEXT)
    facts = [{"label": f.label(result.lang), "iri": f.iri, "evidence": [
        {"passage": p, "text": mark(texts.get(p, ""), terms + _quantities(f))} for p in f.evidence]}
        for f in result.facts]
    passages = [p if isinstance(p, Hit) else Hit.model_validate(p) for p in result.passages]
    titles = first_value(pool, {h.document for h in passages}, TITLE)
    return {"answer": result.answer, "kind": result.kind, "facts": facts, "facets": None,
            "results": [hit_view(h, terms, catalogue, titles) for h in passages], "terms": terms}
