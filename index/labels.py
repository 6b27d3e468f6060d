"""Passages indexed with the other-language names of the entities they mention.

The English report omits or garbles facts the Chinese one states (the officials other than Ma Chunlei,
most of the measures); an English question about them must still reach the Chinese passage. Each
passage's keyword document therefore gets, besides its own tokens, the tokens of the names in the other
language of the entities it mentions (skos:prefLabel / altLabel, "Strengthening quota guarantees" for
创新支持方式、加强指标保障). Entities that many passages mention (Shanghai, the plan itself) identify no
passage and are left out, as in the entity channel (index/entities.py).
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from kg.names import has_cjk


def frequent_entities(mentions: Sequence[Sequence[dict]]) -> set[str]:
    """Entities mentioned by more than ``max(5, 5% of passages)`` passages."""
    df = Counter(e["id"] for ents in mentions for e in {x["id"]: x for x in ents}.values())
    limit = max(5, int(0.05 * len(mentions)))
    return {e for e, n in df.items() if n > limit}


def other_language_names(entities: Sequence[dict], lang: str, skip: set[str]) -> list[str]:
    """The names, in the language other than ``lang``, of the passage's entities (frequent ones skipped)."""
    zh = lang == "zh"
    names = []
    for e in entities:
        if e["id"] in skip:
            continue
        forms = e.get("names") or list(e.get("labels", {}).values())
        names += [n for n in forms if n and has_cjk(n) != zh]
    return sorted(set(names))


def keyword_documents(texts: Sequence[str], langs: Sequence[str], mentions: Sequence[Sequence[dict]],
                      tokenizer) -> list[list[str]]:
    """Per passage: its own tokens, then the tokens of its entities' other-language names."""
    skip = frequent_entities(mentions)
    out = []
    for text, lang, ents in zip(texts, langs, mentions):
        tokens = tokenizer(text)
        for name in other_language_names(ents, lang, skip):
            tokens += tokenizer(name)
        out.append(tokens)
    return out
