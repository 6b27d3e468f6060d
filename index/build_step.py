"""The ``search_index`` step of ``nikg build`` (kg.build.STEPS): graph + passages -> index folder + alignments."""
from __future__ import annotations

from rdflib import Literal

from kg.namespaces import NIKG, SKOS
from kg.passages import document_iri

from kg.workers import workers

from .align import alignment_graph
from .build_encode import VectorCache
from .builder import IndexInputs, PassageIn, build_index
from .encode_ahead import wait_ahead
from .encoders import load_encoder
from .token_cache import TokenCache
from .vectors import StoreOptions


def user_words(graph) -> list[str]:
    """Every Chinese skos:prefLabel / altLabel in the graph (the jieba user dictionary)."""
    words = set()
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for _, _, label in graph.triples((None, prop, None)):
            if isinstance(label, Literal) and (label.language or "").lower().startswith("zh"):
                words.add(str(label).strip())
    return sorted(w for w in words if 1 < len(w) <= 20)


def _entity_info(graph, entity) -> dict:
    labels = {}
    for label in graph.objects(entity, SKOS.prefLabel):
        lang = (getattr(label, "language", None) or "").split("-")[0].lower() or "und"
        labels.setdefault(lang, str(label))
    names = sorted({str(n) for prop in (SKOS.prefLabel, SKOS.altLabel) for n in graph.objects(entity, prop)})
    quotes = sorted({str(q) for q in graph.objects(entity, NIKG.quote)})
    return {"id": str(entity), "labels": labels or {"und": str(entity)}, "names": names, "quotes": quotes}


def passage_entities(graph, mentions: dict, passage_iris: list[str]) -> dict[str, list[dict]]:
    """passage IRI -> [{"id": entity IRI, "labels": {lang: prefLabel}, "names": [pref/altLabels],
    "quotes": [nikg:quote]}] of the entities it mentions (``mentions``: passage IRI -> entities, the build's
    ``ctx.mentions``); each entity read from the graph once, however many passages mention it.

    Machine-made English labels (``nikg:machineLabel``, kg.machine_labels) are left out on purpose: with
    them, hybrid cross-language R@1 fell on the frozen external test half (0.719 -> 0.702: generic labels
    such as "City government" match a question's words and lift other documents' passages) and R@5 on dev
    (0.934 -> 0.918); the translated keyword channel (index/translate.py) already reads the same dictionary."""
    out: dict[str, list[dict]] = {}
    info: dict = {}
    for iri in passage_iris:
        ents = []
        for entity in sorted(mentions.get(iri, ()), key=str):
            if entity not in info:
                info[entity] = _entity_info(graph, entity)
            ents.append(info[entity])
        if ents:
            out[iri] = ents
    return out


def index_inputs(ctx) -> IndexInputs:
    lengths = {doc.id: max(len(doc.text), 1) for doc in ctx.documents}
    passages = [PassageIn(p.iri, document_iri(p.document), p.document, p.lang, p.text,
                          (p.start + p.end) / 2 / lengths[p.document]) for p in ctx.all_passages()]
    same_event = {doc.id: set(getattr(doc, "same_event_as", ()) or ()) for doc in ctx.documents}
    return IndexInputs(passages=passages, entities=passage_entities(ctx.graph, ctx.mentions, [p.iri for p in passages]),
                       user_words=user_words(ctx.graph), same_event=same_event)


def search_index(ctx) -> None:
    """Build ``<build>/index`` and add the cross-lingual alignments to the graph."""
    s = ctx.settings
    wait_ahead(ctx)  # the new documents' vectors, encoded while the graph was built, are in the cache
    encoder = load_encoder(s.encoder)
    previous = ctx.previous / "index" if ctx.previous else None
    summary = build_index(ctx.out / "index", index_inputs(ctx), encoder, exact_max=s.dense_exact_max,
                          previous=previous, fusion={"rrf_k": s.search_rrf_k, "align_weight": s.search_align_weight},
                          store=StoreOptions.from_settings(s), cache=VectorCache.of(s), workers=workers(s),
                          spec=s.encoder, token_cache=TokenCache.of(s))
    ctx.graph += alignment_graph(summary.pop("pairs"))
    ctx.info["index"] = {k: summary[k] for k in ("encoder", "dim", "dense", "passages", "reused_vectors", "alignments",
                                                 "reused_tokens", "appended_rows")}
    ctx.info["index"]["reused_vectors"] -= ctx.info.get("encoded_ahead", 0)  # encoded by this build, in its worker
