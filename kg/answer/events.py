"""Questions about an event: who presented the plan, who organised it, which meeting, which attendees.

The presenter is the one participant the event's own quotes name right before a presenting verb
(马春雷介绍了《行动方案》): one person, not the attendee list. The organiser is ``nikg:organizer``.
Which meeting: the event that approved the plan (``nikg:approvedAt``) or the one the question's cue
points at, with its date. Who chaired: the participant a passage names right before 主持, else no answer (the
attendee list answers another question). Attendees are filtered by the organisation and the role the question names
(市经济信息化委哪位副主任; Which Lingang New Area official): when it names an organisation that no
attendee's post belongs to (发布会上谁代表市科委发言), there is no answer.
"""
from __future__ import annotations

import re

from ..extract.heads import DELIVERS_REPORT
from ..namespaces import sparql_prologue
from ..quantities import chinese_integer
from ..titles import LEADERS, alternation
from .intents import CHAIR, MEETING, ORGANISER, PRESENTER, organisations
from .scope import documents_of
from .people import PeopleAndDates, Statement, bare, role_words, date_text
from .roles_en import reporter

_QUOTES = sparql_prologue() + """
SELECT ?e ?quote WHERE { ?e a nikg:Event ; nikg:quote ?quote }"""
_ORGANISERS = sparql_prologue() + """
SELECT ?e ?org WHERE { ?e a nikg:Event ; nikg:organizer ?org }"""
_AFFILIATIONS = sparql_prologue() + """
SELECT ?who ?org WHERE { ?who a nikg:Person ; nikg:affiliation ?org }"""
_PRESENTING = re.compile(r"^\s*(?:介绍|解读|通报|发布|presented|introduced|briefed|explained)")
_ROLE_ZH = ("副秘书长", "秘书长", "副主任", "主任", "一级巡视员", "巡视员")
_CHAIR_SPAN = 12  # characters before 主持 that hold the chair's name (省长张海明, 王建国总理)
_TITLE_AFTER = re.compile(rf"(?:{alternation(LEADERS)})$")  # a leader's title written after the name
_CONGRESS = re.compile(r"人代会|人大|人民代表大会|\bcongress\b")
_INTRODUCED, _DELIVERED = "介绍", DELIVERS_REPORT
_NAME = "<name>"  # where a person's name goes in the patterns below
_HOST = r"主持人[ \t\u3000]*[：:][ \t\u3000]*\n?[ \t\u3000]*"  # a programme's host line, the name on it or below it
#: (what a question says, what the meeting's name must hold): the kinds of meeting asked for by their kind alone.
_KINDS = ((_CONGRESS, _CONGRESS), (re.compile(r"吹风会|\bbriefing\b"), re.compile("吹风会")),
          (re.compile(r"发布会|\b(?:press|news) conference\b"), re.compile("发布会")))
_ORDINAL_ZH = re.compile(r"第(\d{1,4}|[一二三四五六七八九十百]{1,4})(届|次)")  # digits or numerals, not both (第1十次)
_ORDINAL_EN = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:(?:[a-z]+\s+){0,4}?(session|meeting)|(?=\w))"
                         r"|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(session|meeting|plenary)")
_EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinals(text: str) -> dict[str, int]:
    """The term (届) and meeting (次) a text numbers: 第十八届…第三次会议 -> {届: 18, 次: 3}; the 18th … congress's
    third session -> {届: 18, 次: 3} (an English number before session or meeting is the meeting's, another the term's)."""
    out = {kind: int(n) if n.isdigit() else chinese_integer(n) for n, kind in _ORDINAL_ZH.findall(text)}
    for digits, session, word, word_session in _ORDINAL_EN.findall(text.lower()):
        if digits:
            out["次" if session else "届"] = int(digits)
        else:
            out["次"] = _EN_ORDINALS.index(word) + 1
    return out


_VERB_ZH = {"presented": "介绍了有关情况", "attended": "出席", "chaired": "主持",
            "delivered the government work report": "作政府工作报告"}


class Events:
    """Events' quotes and organisers, read once; people and dates come from ``people``."""

    def __init__(self, store, people: PeopleAndDates):
        self.people = people
        self.quotes: dict[str, list[str]] = {}
        for row in store.query(_QUOTES):
            self.quotes.setdefault(row["e"].value, []).append(row["quote"].value)
        self.organisers: dict[str, list[str]] = {}
        for row in store.query(_ORGANISERS):
            self.organisers.setdefault(row["e"].value, []).append(row["org"].value)
        self.affiliations: dict[str, list[str]] = {}
        for row in store.query(_AFFILIATIONS):
            self.affiliations.setdefault(row["who"].value, []).append(row["org"].value)

    def session(self, q: str, allowed) -> list[str]:
        """For a question about a meeting by its kind, the one dated meeting of that kind in its scope; else none: a
        people's congress session (人代会, 人大…会议, congress: the day a work report was delivered there, sessions.py)
        of the term and meeting the question numbers, if it does (第十八届…第四次会议 is not the third), a press
        conference or a briefing (发布会, 吹风会, press conference, briefing) told with its day."""
        kind = next((label for asked, label in _KINDS if asked.search(q.lower())), None)
        if kind is None:
            return []
        asked = ordinals(q)
        found = {e for e in self.people.dates if kind.search(label := self.people.label(e, "zh"))
                 and allowed(self.people.evidence.get(e, [])) and asked.items() <= ordinals(label).items()}
        return sorted(found) if len(found) == 1 else []

    def events_for(self, by_type: dict[str, list[str]]) -> list[str]:
        """The events the question links, else those of the documents of the plan it links (a leader's visit told in
        another document is no event of the plan)."""
        events = sorted({e for e in by_type.get("Event", []) if e in self.people.dates})
        if events:
            return events
        plans = set(by_type.get("ActionPlan", []))
        approved = {self.people.approved[p] for p in plans if p in self.people.approved}
        docs = set().union(*(documents_of(self.people.evidence.get(p, [])) for p in plans))  # the plan's documents
        return sorted(e for e in self.people.participants if e not in approved
                      and documents_of(self.people.evidence.get(e, [])) & docs) if plans else []

    def presenters(self, event: str) -> list[str]:
        """Participants an event quote names right before a presenting verb."""
        out = []
        for person in self.people.participants.get(event, []):
            names = [n for n in self.people.labels.get(person, {}).values() if n]
            if any(_PRESENTING.match(q[q.find(n) + len(n):]) for q in self.quotes.get(event, []) for n in names if n in q):
                out.append(person)
        return sorted(out)

    def answer(self, wanted: set[str], by_type: dict[str, list[str]], text: str, lang: str):
        """(sentence, statements) for a presenter, organiser or meeting question, or None."""
        if MEETING in wanted and not wanted & {PRESENTER, ORGANISER}:
            return self._meeting(by_type, text, lang)
        events = self.events_for(by_type)
        if len(events) != 1:
            return None
        if PRESENTER in wanted:
            found = self.presenters(events[0])
            return self._people(found, lang, "presented") if len(found) == 1 else None
        if ORGANISER in wanted and self.organisers.get(events[0]):
            return self._organiser(events[0], lang)
        return None

    def _meeting(self, by_type: dict[str, list[str]], text: str, lang: str):
        plans = [p for p in by_type.get("ActionPlan", []) if p in self.people.approved]
        plans = plans if re.search(r"approv|adopt|通过|审议|批准", text.lower()) else []
        if plans:
            event = self.people.approved[plans[0]]
        else:
            events = self.events_for(by_type)
            if len(events) != 1:
                return None
            event = events[0]
        when = date_text(self.people.dates[event], lang)
        name = bare(self.people.label(event, lang))
        if plans:
            plan = bare(self.people.label(plans[0], lang))
            sentence = f"{name}（{when}）审议通过了《{plan}》。" if lang == "zh" else f"The {plan} was approved at the {name} on {when}."
        else:
            sentence = f"{name}，{when}。" if lang == "zh" else f"The {name}, on {when}."
        return sentence, [Statement(event, self.people.labels.get(event, {}), self.people.dates[event], "xsd:date",
                                    self.people.evidence.get(event, []))]

    def _organiser(self, event: str, lang: str):
        orgs = sorted(self.organisers[event])
        names = [self.people.label(o, lang) for o in orgs]
        name = bare(self.people.label(event, lang))
        sentence = (f"{name}由{'、'.join(names)}举办。" if lang == "zh" else
                    f"The {name} was organised by {', '.join(names)}.")
        return sentence, [Statement(o, self.people.labels.get(o, {}), self.people.label(o, lang), "agency",
                                    self.people.evidence.get(event, [])) for o in orgs]

    def chair(self, event: str, texts: dict[str, str], lang: str):
        """Who chaired ``event``: the one participant a passage of it names right before 主持 (省长张海明主持会议;
        ``texts``: passage IRI -> text); None when no passage says who chaired: the attendees are no answer."""
        names = {p: self.people.label(p, "zh") for p in self.people.participants.get(event, [])}
        for passage in self.people.evidence.get(event, []):
            said = texts.get(passage, "")
            for cue in re.finditer("主持", said):
                before = _TITLE_AFTER.sub("", said[max(0, cue.start() - _CHAIR_SPAN):cue.start()])
                found = [p for p, name in names.items() if name and before.endswith(name)]
                if len(found) == 1:
                    sentence, statements = self._people(found, lang, "chaired")  # 王建国主持。 -> 王建国主持<meeting>。
                    meeting = bare(self.people.label(event, "zh"))
                    return (f"{sentence[:-1]}{meeting}。" if lang == "zh" else sentence), statements
        return None

    def introducer(self, wanted: set[str], q: str, allowed, texts: dict[str, str], lang: str):
        """For a presenter question, the one person of the question's scope whose evidence names them right before 介绍
        (市委常委、常务副市长李林介绍民生实事项目相关情况); for who delivered a work report, before 代表…政府向大会作…报告
        (张百顺代表市政府向大会作政府工作报告); for who hosted, right after a programme's 主持人： (主持人:\n寿小丽 …); else
        None."""
        if reporter(q) is not None:
            said, verb = _NAME + _DELIVERED, "delivered the government work report"
        elif PRESENTER in wanted:
            said, verb = _NAME + _INTRODUCED, "presented"
        elif CHAIR in wanted and re.search(r"谁|哪位|\bwho\b", q.lower()):  # who hosted, not what they hosted
            said, verb = _HOST + _NAME, "chaired"
        else:
            return None
        found = [p for p in sorted(self.people.labels) if "/person/" in p and (name := self.people.labels[p].get("zh"))
                 and allowed(evidence := self.people.evidence.get(p, []))
                 and any(re.search(said.replace(_NAME, re.escape(name)), texts.get(e, "")) for e in evidence)]
        return self._people(found, lang, verb) if len(found) == 1 else None

    def _people(self, persons: list[str], lang: str, verb: str):
        described = [self.people.describe(p, lang) for p in persons]
        if lang == "zh":
            sentence = f"{'，'.join(described)}{_VERB_ZH.get(verb, '出席')}。"
        else:
            sentence = f"{', '.join(described)} {verb}."
        return sentence, [self.people.statement(p, self.people.person_posts(p), lang) for p in persons]

    def attendees(self, event: str, text: str, names: list[str], lang: str):
        """The attendees the question narrows to by organisation and role; None when it names an
        organisation or role no attendee has; the unfiltered list when it names neither."""
        orgs = organisations(text) + names
        roles = frozenset(r for r in role_words(text) if r in _ROLE_ZH or r in {"副"})
        if not orgs and not roles:
            return None
        kept = [p for p in self.people.participants.get(event, []) if self._fits(p, orgs, roles)]
        if not kept:
            return "refuse"
        return self._people(sorted(kept), lang, "attended")

    def _fits(self, person: str, orgs: list[str], roles: frozenset[str]) -> bool:
        posts = self.people.person_posts(person)
        texts = [t for p in posts for t in self.people.labels.get(p, {}).values()]
        texts += [t for o in self.affiliations.get(person, []) for t in self.people.labels.get(o, {}).values()]
        texts += [a for o in self.affiliations.get(person, []) for a in self.people.aliases.get(o, [])]
        org_ok = not orgs or any(o.lower() in t.lower() for o in orgs for t in texts)
        role_ok = not roles or any(roles <= role_words(self.people.label(p, "zh")) for p in posts)
        return org_ok and role_ok


__all__ = ["Events"]
