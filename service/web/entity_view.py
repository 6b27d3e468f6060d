"""What an entity page adds to its property table: the quote marked in its evidence passages, and an
SVG drawing of its neighbourhood (the entity, its tasks, targets, agencies...), generated here."""
from __future__ import annotations

import math
from typing import Callable

from markupsafe import Markup

from kg.namespaces import ID, NIKG

from .highlight import mark

EVIDENCE, QUOTE = str(NIKG.evidence), str(NIKG.quote)
SKIP = {EVIDENCE, str(NIKG.mentions), "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}
MAX_NEIGHBOURS = 14
W, R = 760, 160


def evidence_html(outgoing: list[dict], link: Callable[[str], str]) -> Markup:
    """Each evidence passage with the entity's quotes (same language) marked in it."""
    quotes = [(r["o"]["value"], r["o"].get("xml:lang", "")) for r in outgoing if r["p"]["value"] == QUOTE]
    items = []
    for row in outgoing:
        if row["p"]["value"] != EVIDENCE or "text" not in row:
            continue
        text, lang = row["text"]["value"], row["text"].get("xml:lang", "")
        terms = [q.lower() for q, ql in quotes if not ql or not lang or ql == lang] or [q.lower() for q, _ in quotes]
        items.append(Markup('<li><blockquote lang="{}">{}</blockquote><a class="passage" href="{}">{}</a></li>').format(
            lang, mark(text, terms), link(row["o"]["value"]), row["o"]["value"].rsplit("/", 2)[-1]))
    if not items:
        return Markup("")
    return Markup('<section class="evidence" id="evidence"><h2>Evidence</h2><ol>{}</ol></section>').format(
        Markup("").join(dict.fromkeys(items)))


def neighbours(outgoing: list[dict], incoming: list[dict]) -> list[dict]:
    """Entities one step away (not passages or documents), with the linking property and its direction."""
    found: dict[str, dict] = {}
    for rows, key, forward in ((outgoing, "o", True), (incoming, "s", False)):
        for row in rows:
            term, pred = row[key], row["p"]["value"]
            if term["type"] != "uri" or pred in SKIP or not term["value"].startswith(str(ID)):
                continue
            if "/passage/" in term["value"] or "/document/" in term["value"]:
                continue
            entry = found.setdefault(term["value"], {"iri": term["value"], "pred": pred, "forward": forward,
                                                     "labels": {}})
            if "label" in row:
                entry["labels"].setdefault(row["label"].get("xml:lang", ""), row["label"]["value"])
    return list(found.values())[:MAX_NEIGHBOURS]


def _clip(text: str, n: int = 18) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _node(x: float, y: float, labels: dict[str, str], href: str, fallback: str, centre: bool = False) -> Markup:
    cls = ' class="centre"' if centre else ""
    lines = [labels[k] for k in ("zh", "en") if k in labels] or [fallback]
    texts = Markup("").join(Markup('<text x="{:.0f}" y="{:.0f}"{}>{}</text>').format(
        x, y + 22 + 13 * i, Markup(cls), _clip(t)) for i, t in enumerate(lines[:2]))
    return Markup('<a href="{}"><circle cx="{:.0f}" cy="{:.0f}" r="{}"{}></circle>{}</a>').format(
        href, x, y, 10 if centre else 7, Markup(cls), texts)


def graph_svg(iri: str, labels: dict[str, str], outgoing: list[dict], incoming: list[dict],
              link: Callable[[str], str], name: Callable[[str], str]) -> Markup:
    """The entity in the middle, its neighbours on a circle, each edge labelled with its property."""
    near = neighbours(outgoing, incoming)
    if not near:
        return Markup("")
    ry = R if len(near) > 2 else 0  # one or two neighbours sit on a line: no empty height
    height = 2 * ry + 110
    cx, cy, parts, nodes = W / 2, height / 2 - 15, [], []
    for i, n in enumerate(near):
        angle = 2 * math.pi * i / len(near) - math.pi / 2 + math.pi / len(near)
        x, y = cx + 1.6 * R * math.cos(angle), cy + ry * math.sin(angle)
        arrow = "→" if n["forward"] else "←"
        parts.append(Markup('<line x1="{:.0f}" y1="{:.0f}" x2="{:.0f}" y2="{:.0f}"></line>'
                            '<text class="edge" x="{:.0f}" y="{:.0f}">{} {}</text>').format(
            cx, cy, x, y, (cx + x) / 2, (cy + y) / 2 - 3, arrow, name(n["pred"]).split(":")[-1]))
        nodes.append(_node(x, y, n["labels"], link(n["iri"]), n["iri"].rsplit("/", 1)[-1]))
    nodes.append(_node(cx, cy, labels, link(iri), iri.rsplit("/", 1)[-1], centre=True))
    return Markup('<section class="graph" id="neighbourhood"><h2>Neighbourhood</h2>'
                  '<svg class="neighbourhood" viewBox="0 0 {} {}" role="img" aria-label="{}">{}{}</svg></section>').format(
        W, height, "Neighbourhood of " + " / ".join(labels.values()), Markup("").join(parts), Markup("").join(nodes))


def entity_extras(iri: str, title_labels: list[tuple[str, str]], outgoing: list[dict], incoming: list[dict],
                  link: Callable[[str], str], name: Callable[[str], str]) -> str:
    labels = {lang: v for v, lang in reversed(title_labels)}
    return str(evidence_html(outgoing, link) + graph_svg(iri, labels, outgoing, incoming, link, name))


