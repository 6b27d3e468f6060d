"""One membership per holder: a Post the text gives several people (a roster's 委员, 成员) becomes one post per
person before the graph is made (the extract step, :mod:`kg.extract.step`).

A post is an ``org:Membership`` (W3C ORG §5.4): it joins one person to one organisation (ontology/shapes.ttl
PostShape, ``org:member`` at most once). The extraction record keeps the text's view (the post 国家教材委员会委员 held by
49 people; the gold files annotate it so); the graph gets 49 posts with that label, each with its holder and the
same organisation, evidence and quote.
"""
from __future__ import annotations

import copy
import dataclasses

from .model import Extraction, Relation


def one_per_holder(ext: Extraction) -> Extraction:
    """``ext`` with each Post held by more than one person split into a post per holder (key ``<key>#<holder>``)."""
    holders: dict[str, list[str]] = {}
    for r in ext.relations:
        if r.predicate == "holdsPost":
            holders.setdefault(r.object, []).append(r.subject)
    shared = {post: people for post, people in holders.items() if len(set(people)) > 1}
    if not shared:
        return ext
    by_key = {m.key: m for m in ext.mentions}
    out = dataclasses.replace(ext, mentions=[m for m in ext.mentions if m.key not in shared],
                              relations=[r for r in ext.relations if r.subject not in shared and r.object not in shared])
    for post, people in shared.items():
        for person in dict.fromkeys(people):
            clone = copy.deepcopy(by_key[post])
            clone.key = f"{post}#{person.split('/', 1)[-1]}"
            out.mentions.append(clone)
            out.relations.append(Relation(person, "holdsPost", clone.key))
            out.relations.extend(Relation(clone.key, r.predicate, r.object) for r in ext.relations if r.subject == post)
    return out
