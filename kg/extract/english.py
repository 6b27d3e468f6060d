"""English documents, by rules (no English NER model ships inside a PyPI package here).

- Document: title (``doc.title`` or the first line); ActionPlan: a quoted “… Plan …” title with its
  ``(2020-2022)`` period; Event: "On May 7, a press conference was held" / "On April 27, the executive
  meeting of …" with the date resolved against the plan period's first year or ``doc.published``;
- Person and Post: "Ma Chunlei, Deputy Secretary-General of the X and Director of the Y" (a capitalised
  two- or three-word name, a comma, titles joined by "and"), each Post affiliation its Agency;
- Agency: capitalised phrases ending in Commission/Ministry/Bureau/Department/Government/Office/Committee/
  Council/Administration (:data:`_AGENCY`); Place: "In A, B, C and other districts";
- Action/Task: "In terms of “X” … actions" or numbered headings, and the ``;`` items of a following
  "mainly includes …" list (split again where an action verb starts a clause);
- Principle: the items of "is based on A, B and C" / "adheres to A, B, and C" lists;
- Target/Indicator: number phrases (:func:`kg.quantities.parse_quantity`), "by 2022" -> deadline, held by
  the task item that states them.
"""
from __future__ import annotations

import datetime as dt
import re

from ..quantities import parse_quantity, singular
from . import base
from .model import Extraction, Relation

NAME = "english"
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_PLAN = re.compile(r"[“\"](?P<title>[^”\"]{5,160}?(?:Plan|Program(?:me)?|Strategy|Opinions?|Measures)[^”\"]{0,120})[”\"]")
_PERIOD = re.compile(r"\((?P<a>20\d\d)\s*[-–—]\s*(?P<b>20\d\d)\)")
_EVENT = re.compile(r"On (?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}),\s*(?P<what>[^.;]{0,120}?"
                    r"(?P<kind>press conference|executive meeting|meeting|conference|forum)[^.;]*)")
_CAP = r"(?:[A-Z][\w’'-]*)"
_AGENCY = re.compile(rf"(?:the )?(?P<name>(?:{_CAP} (?:(?:{_CAP}|and|for) ){{0,6}})?(?:Commission|Ministry|Bureau|Department|Government|Office|"
                     rf"Committee|Council|Administration)(?: of(?: the)? (?:{_CAP} ?){{1,6}})?)")
_TITLE_WORD = r"(?i:(?:Deputy |Vice |Executive |Chief |First-level )?(?:Secretary-General|Secretary|Director[- ]General|Director|Minister|Mayor|" \
              r"Governor|Chairman|Chair|President|Spokesperson|Inspector|Head|Commissioner))"  # head of the NDRC, in news
_PERSON = re.compile(rf"(?P<name>[A-Z][a-z]+ [A-Z][a-z]+(?: [A-Z][a-z]+)?),\s+(?P<posts>{_TITLE_WORD} of [^,.;\n]+)")
#: A post before the name, as a title (Minister for Regional Development, Territories and Local Government John McVeigh
#: released …): the name is the two capitalised words before a lower-case one.
_TITLED = re.compile(r"(?<![\w-])(?P<posts>(?:Deputy |Vice |Executive |Chief )?(?:Minister|Secretary|Director|Governor|Mayor|"
                     r"Chairman|President|Commissioner) (?:for|of) (?:the )?[A-Z][\w’'-]*(?:,? (?:and )?[A-Z][\w’'-]*){0,8}?) "
                     r"(?P<name>[A-Z][a-z]+ (?:Mc|Mac|O')?[A-Z][a-z]+)(?= [a-z])")
#: Named areas: "Lingang New Area", "Yangtze River Delta Integration Demonstration Zone", "Pudong District".
_AREA = re.compile(r"(?<![\w’'])(?P<name>(?:[A-Z][\w’']+ ){1,5}(?:New Area|Demonstration Zone|Free Trade Zone|"
                   r"Pilot Free Trade Zone|District|Province|Prefecture|County))\b")
#: The place a municipal or provincial body belongs to: "Shanghai Municipal Government" -> Shanghai.
_SEAT = re.compile(r"\b(?P<name>[A-Z][a-z]+) (?:Municipal|Provincial)\b")
_NOT_UNIT = {"focus", "is", "has", "was", "its", "his", "this", "as", "plus", "levels"}
_PLACES = re.compile(r"In (?P<items>[A-Z][\w’']+(?:, [A-Z][\w’']+)+) and other (?P<kind>districts|cities|provinces)")
_NUMBER = re.compile(r"(?:(?:more than|over|at least|about|around|approximately|nearly|up to|no more than) )?"
                     r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?!\d)(?!(?!kW|MW|GW|km)[A-Za-z])(?: ?(?:hundred|thousand|million|billion|trillion))?"
                     r"(?: ?(?:yuan|%|percent|km|kW|MW|GW))?")  # a number glued to letters (5G) is a name
#: What a count of the plan's own parts is followed by (4 major construction actions, 8 safeguard measures).
_DECLARED = re.compile(r"(?:years?|(?:major )?(?:construction )?(?:actions|tasks)|(?:major )?policies and measures|"
                       r"safeguard measures|items|key areas|aspects)\b")
#: An action named in the text: "In terms of “new network” building actions" / a numbered heading "2. Build ...".
_ACTION = re.compile(r"(?:[Ii]n terms of|[Rr]egarding|[Aa]s for) “(?P<name>[^”]{2,60})”(?: [\w-]+){0,3} actions?"
                     r"|^(?:[IVX]+|\d{1,2})\.\s+(?P<heading>[A-Z][^.\n]{3,80})", re.M)
#: A list of tasks: "It mainly includes A; B; C." / "Mainly include: A; B" (items split at ;).
_TASKS = re.compile(r"(?:[Mm]ainly include[sd]?|[Mm]ainly including|[Ii]nclud(?:es|ing)):?\s+(?P<items>[^\n]+)")
_BY_YEAR = re.compile(r"\b[Bb]y (?:the end of )?(?P<y>20\d\d)\b")
_INDICATOR_CUE = re.compile(r"\b(?:has|have) (?:been )?(?:built|achieved|accumulated|reached)|\balready\b|"
                            r"\bAt present\b|\bhas accumulated\b|\bthat have been built\b", re.I)


def extract_english(doc, passages) -> Extraction:
    """All mention kinds of an English document, by rules."""
    out = base.extraction(doc)
    start, end, title = _title(doc)
    document = base.mention(doc, "Document", title, start, end, NAME, title=title, issued=doc.published)
    document.key, document.label = f"Document/{doc.id}", title
    out.mentions.append(document)
    plans = _plans(doc, out)
    _events(doc, out, plans)
    _people(doc, out)
    _places(doc, out)
    _areas(doc, out)
    _structure(doc, out, plans[0].key if plans else document.key)
    _principles(doc, out, plans[0].key if plans else document.key)
    _numbers(doc, out, plans[0].key if plans else document.key)
    return out


def _title(doc) -> tuple[int, int, str]:
    m = re.search(r"\S[^\n]*", doc.text)
    if doc.title and doc.title in doc.text:
        s = doc.text.index(doc.title)
        return s, s + len(doc.title), doc.title
    return (m.start(), m.end(), m.group().strip()) if m else (0, 0, doc.title or doc.id)


def _plans(doc, out: Extraction):
    plans = []
    for m in _PLAN.finditer(doc.text):
        if len(m.group("title").split()) < 3:  # “Action Plan” alone is a generic word, never a name
            continue
        period = _PERIOD.search(m.group("title"))
        plan = base.mention(doc, "ActionPlan", m.group("title"), m.start("title"), m.end("title"), NAME,
                            period_start=int(period.group("a")) if period else None,
                            period_end=int(period.group("b")) if period else None)
        plans.append(plan)
        out.mentions.append(plan)
        out.relations.append(Relation(f"Document/{doc.id}", "about", plan.key))
    return plans


def _year(doc, plans) -> int | None:
    if doc.published:
        return doc.published.year
    starts = [p.props["period_start"] for p in plans if "period_start" in p.props]
    return starts[0] if starts else base.reference_year(doc)


def _events(doc, out: Extraction, plans) -> None:
    year = _year(doc, plans)
    for m in _EVENT.finditer(doc.text):
        month = _MONTHS.get(m.group("month").lower())
        date = base.safe_date(year, month, int(m.group("day"))) if (year and month) else None
        label = f"{m.group('kind')} ({date.isoformat() if date else m.group('month') + ' ' + m.group('day')})"
        event = base.mention(doc, "Event", label, m.start(), m.end(), NAME, date=date,
                             date_text=f"{m.group('month')} {m.group('day')}")
        event.label = label
        out.mentions.append(event)
        for plan in plans:
            if plan.label in m.group("what"):
                approved = re.search(r"approved|adopted|issued", m.group("what"))
                out.relations.append(Relation(plan.key, "approvedAt", event.key) if approved
                                     else Relation(event.key, "about", plan.key))


def _people(doc, out: Extraction) -> None:
    for m in [*_PERSON.finditer(doc.text), *_TITLED.finditer(doc.text)]:
        person = base.mention(doc, "Person", m.group("name"), m.start("name"), m.end("name"), NAME)
        out.mentions.append(person)
        pos = m.start("posts")
        for part in re.split(r" and (?=" + _TITLE_WORD + ")", m.group("posts")):
            s = doc.text.index(part, pos)
            post = base.mention(doc, "Post", part, s, s + len(part), NAME)
            out.mentions.append(post)
            out.relations.append(Relation(person.key, "holdsPost", post.key))
            agency_m = _AGENCY.search(part)
            if agency_m:
                a_s = s + agency_m.start("name")
                agency = base.mention(doc, "Agency", agency_m.group("name").strip(), a_s,
                                      a_s + len(agency_m.group("name").strip()), NAME)
                out.mentions.append(agency)
                out.relations.append(Relation(post.key, "affiliation", agency.key))
            pos = s + len(part)
        for occ in re.finditer(re.escape(m.group("name")), doc.text):
            if occ.start() != m.start():
                person.spans.append(base.Span(occ.start(), occ.end()))
    for m in _AGENCY.finditer(doc.text):
        name = m.group("name").strip()
        if len(name.split()) >= 2:
            out.mentions.append(base.mention(doc, "Agency", name, m.start("name"), m.start("name") + len(name), NAME))


def _places(doc, out: Extraction) -> None:
    for m in _PLACES.finditer(doc.text):
        suffix = {"districts": "District", "cities": "City", "provinces": "Province"}[m.group("kind")]
        for item in re.finditer(r"[A-Z][\w’']+", m.group("items")):
            s = m.start("items") + item.start()
            out.mentions.append(base.mention(doc, "Place", f"{item.group()} {suffix}", s, s + len(item.group()), NAME))


def _areas(doc, out: Extraction) -> None:
    """Named areas, and the city or province of a municipal/provincial body with all its occurrences."""
    for m in _AREA.finditer(doc.text):
        name = re.sub(r"^(?:In|The|And|Explore|Build) ", "", m.group("name"))
        s = m.end("name") - len(name)
        out.mentions.append(base.mention(doc, "Place", name, s, m.end("name"), NAME))
    for m in _SEAT.finditer(doc.text):
        place = base.mention(doc, "Place", m.group("name"), m.start("name"), m.end("name"), NAME)
        occ = [o for o in re.finditer(rf"\b{m.group('name')}\b", doc.text) if o.start() != m.start("name")]
        place.spans.extend(base.Span(o.start(), o.end()) for o in occ)
        out.mentions.append(place)


def _structure(doc, out: Extraction, root: str) -> None:
    """Actions named in the text and the task lists after them (each ; item a Task of the last action)."""
    actions = []
    for m in _ACTION.finditer(doc.text):
        group = "name" if m.group("name") else "heading"
        action = base.mention(doc, "Action", m.group(group), m.start(), m.end(), NAME)
        out.mentions.append(action)
        out.relations.append(Relation(root, "hasAction", action.key))
        actions.append((m.start(), action.key))
    for m in _TASKS.finditer(doc.text):
        owner = [key for pos, key in actions if pos < m.start()]
        if not owner or len(m.group("items").split(";")) < 2:
            continue
        for s, e in _items(doc.text, m.start("items"), m.end("items")):
            if e - s > 8:
                task = base.mention(doc, "Task", doc.text[s:e], s, e, NAME)
                out.mentions.append(task)
                out.relations.append(Relation(owner[-1], "hasTask", task.key))


#: Where a task starts inside a ; item: after ", " or ". " before an action verb (…networks, accelerating the
#: deployment of…); ", and building…" goes on with the clause before it (the object it serves).
_VERB_START = re.compile(r"(?:,\s+|\.\s+)(?=(?:[Aa]ccelerat|[Bb]uild|[Cc]reat|[Ee]xplor|[Ee]xpand|[Ss]upport"
                         r"|[Pp]romot|[Dd]eploy|[Ss]peed|[Cc]onstruct|[Cc]ondu|[Cc]arry|[Cc]ultivat|[Ii]mprov|[Ll]aunch)\w*\b)")


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The task spans of a list: its ; items, each split again where an action verb starts a clause."""
    out, pos = [], start
    for item in text[start:end].split(";"):
        cuts = [pos] + [pos + c.end() for c in _VERB_START.finditer(item)]
        stops = [pos + c.start() for c in _VERB_START.finditer(item)] + [pos + len(item)]
        out.extend(base.trim(text, a, b) for a, b in zip(cuts, stops))
        pos += len(item) + 1
    return out


#: "is based on A, B, C, and D" / "adheres to A, B and C": a list of short principles (坚持A、B / 立足于A、B).
_PRINCIPLE_LIST = re.compile(r"\b(?:based on|adheres? to|adhering to|insists? on|insisting on)\s+(?P<items>[^.;]+?)"
                             r"(?=,\s+(?:and\s+)?(?:adheres?|provides?|insists?|is|has|will|which)\b|[.;])")


def _principles(doc, out: Extraction, root: str) -> None:
    """Principles of a "based on A, B and C" list (2 or more items of at most 8 words)."""
    for m in _PRINCIPLE_LIST.finditer(doc.text):
        parts, pos = [], m.start("items")
        for piece in re.split(r"(,\s+)", m.group("items")):
            if not re.fullmatch(r",\s+", piece):
                lead = re.match(r"and\s+", piece)
                parts.append((pos + (lead.end() if lead else 0), pos + len(piece)))
            pos += len(piece)
        if len(parts) < 2 or any(len(doc.text[s:e].split()) > 8 for s, e in parts):
            continue
        for s, e in parts:
            principle = base.mention(doc, "Principle", doc.text[s:e], s, e, NAME)
            out.mentions.append(principle)
            out.relations.append(Relation(root, "hasPrinciple", principle.key))


def _numbers(doc, out: Extraction, root: str) -> None:
    """Number phrases with a magnitude, a unit, a comparator or a counted noun after them -> Target/Indicator,
    held by the task whose item states the number (Build 100,000 new smart charging piles), else by ``root``."""
    for m in _NUMBER.finditer(doc.text):
        phrase = m.group().strip().rstrip(",")
        after = doc.text[m.end():m.end() + 40]
        before = doc.text[max(0, m.start() - 12):m.start()]
        noun = re.match(r"\s*(?:[A-Za-z-]+ ){0,5}?([a-z]+s)\b", after)
        if re.fullmatch(r"\d{1,4}", phrase) and (not noun or re.fullmatch(r"20\d\d", phrase)):
            continue
        if re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|December) $"
                     r"|batch of $", before) or _DECLARED.match(after.strip()):
            continue
        q = parse_quantity(phrase, "en")
        s_start = max(doc.text.rfind(c, 0, m.start()) for c in ".;\n") + 1
        s_end = min([i for i in (doc.text.find(c, m.end()) for c in ".;\n") if i >= 0] or [len(doc.text)])
        sentence = doc.text[s_start:s_end]
        verb = noun and re.search(r"\b(?:will|has|have|is|are|was|were)\b", noun.group())
        unit = q.unit or (singular(noun.group(1)) if noun and not verb and noun.group(1) not in _NOT_UNIT else None)
        kind = "Indicator" if _INDICATOR_CUE.search(sentence) else "Target"
        by = _BY_YEAR.search(sentence)
        s, e = base.trim(doc.text, s_start, s_end)
        target = base.mention(doc, kind, sentence.strip()[:120], s, e, NAME, value=float(q.value), unit=unit,
                              comparator=q.comparator, quantity_text=phrase,
                              deadline=dt.date(int(by.group("y")), 12, 31) if by and kind == "Target" else None)
        target.key = base.make_key(kind, f"{phrase} {sentence[:80]}")
        out.mentions.append(target)
        holder = next((t.key for t in out.mentions if t.kind == "Task" and t.span.start <= m.start() < t.span.end), root)
        out.relations.append(Relation(holder, "hasTarget" if kind == "Target" else "hasIndicator", target.key))
