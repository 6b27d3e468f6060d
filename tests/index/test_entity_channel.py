"""The entity channel's name matching (names looked up by their first character) against the plain
reference that tries every name, on the real index's catalogue."""
from __future__ import annotations

import re

from index.entities import MIN_EN, MIN_ZH
from index.evaluate import load_questions
from kg.names import has_cjk


def reference_match(names: dict[str, list[str]], postings: dict, query: str) -> set[str]:
    """Every name tried against the query, longest spans first, nested shorter ones dropped."""
    low, spans = query.lower(), []
    for e, forms in names.items():
        for name in {f.strip() for f in forms if f and f.strip()} if e in postings else ():
            if has_cjk(name) and len(name) >= MIN_ZH and query.find(name) >= 0:
                spans.append((query.find(name), query.find(name) + len(name), e))
            elif not has_cjk(name) and len(name) >= MIN_EN:
                m = re.search(rf"(?<![\w]){re.escape(name.lower())}(?![\w])", low)
                if m:
                    spans.append((m.start(), m.end(), e))
    spans.sort(key=lambda s: s[0] - s[1])
    taken, found = [], set()
    for start, end, e in spans:
        if not any(s <= start and end <= t and (s, t) != (start, end) for s, t in taken):
            taken.append((start, end))
            found.add(e)
    return found


def test_entity_matching_finds_what_trying_every_name_finds(search_index):
    channel = search_index.entities
    names = {e["id"]: e.get("names", list(e.get("labels", {}).values())) for d in search_index.docs for e in d.entities}
    every_name = [n for forms in names.values() for n in forms if n]
    queries = [q.question for q in load_questions()] + every_name + [
        " and ".join(every_name[i:i + 3]) for i in range(0, len(every_name), 3)] + [
        "".join(every_name[i:i + 4]) for i in range(0, len(every_name), 4)] + ["", "x", "LINGANG new area?"]
    matched = 0
    for q in queries:
        expected = reference_match(names, channel.postings, q)
        assert channel.match(q) == expected, q
        matched += bool(expected)
    assert matched > len(every_name) // 2  # most queries name an entity: the comparison is not vacuous
