"""When and who questions: events' dates, the plan's approval, who attended, who holds which post.

Answered only from what the question links to (an Event, the plan, an Agency, a Person) and the
graph's schema:startDate, nikg:approvedAt, nikg:participant, nikg:holdsPost and org:organization;
anything else gets no answer.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..linking import Mention
from ..namespaces import sparql_prologue
from ..titles import ALL
from .phrasing import listed, named
from .question import WHEN, WHICH, WHO, Question, en_terms
from .roles_en import GOVERNMENT_HEADS, TOP, heads, organisation, reporter, zh_roles

_DATES = sparql_prologue() + """
SELECT ?e ?date WHERE { ?e a nikg:Event ; schema:startDate ?date }"""
_APPROVED = sparql_prologue() + """
SELECT ?plan ?event WHERE { ?plan nikg:approvedAt ?event }"""
_PARTICIPANTS = sparql_prologue() + """
SELECT ?e ?who WHERE { ?e a nikg:Event ; nikg:participant ?who . ?who a nikg:Person }"""
_POSTS = sparql_prologue() + """
SELECT ?post ?person ?org WHERE { ?person nikg:holdsPost ?post . OPTIONAL { ?post org:organization ?org } }"""
_LABELS = sparql_prologue() + """
SELECT ?s ?l WHERE { ?s a ?c ; skos:prefLabel ?l . VALUES ?c { nikg:Event nikg:Person nikg:Post nikg:Agency nikg:Organization nikg:ActionPlan } }"""
#: Machine-made English labels (kg.machine_labels, from CC-CEDICT) of what has only a Chinese one.
_MACHINE = sparql_prologue() + """
SELECT ?s ?l WHERE { ?s a ?c ; nikg:machineLabel ?l . VALUES ?c { nikg:Event nikg:Post nikg:Agency nikg:Organization nikg:ActionPlan } }"""
_ALIASES = sparql_prologue() + """
SELECT ?s ?l WHERE { ?s a nikg:Agency ; skos:altLabel ?l }"""
_EVIDENCE = sparql_prologue() + """
SELECT ?s ?p WHERE { ?s a ?c ; nikg:evidence ?p . VALUES ?c { nikg:Event nikg:Person nikg:Post nikg:ActionPlan } }"""
_APPROVE = re.compile(r"approv|adopt|通过|审议|批准")
#: An event that happened rather than was held: an accident or a disaster (kg/extract/incidents.py).
_INCIDENT = re.compile(r"(?:事故|地震|强震|震灾|灾害|火灾|爆炸|井喷|洪灾|洪水|泥石流|滑坡|坍塌|垮塌)$")
#: A visit (考察, 视察, 调研): a leader's, asked by the person who made it.
_VISIT = re.compile(r"考察|视察|调研|\bvisit|\binspect")
_MONTH = re.compile(r"((?:19|20)\d\d)年(?:(\d{1,2})月)?")
ROLES_ZH = ALL  # every post title and group role, longest first (kg/titles.py)
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+(?:-[a-z]+)?){1,2}\b")
_MONTHS = "January February March April May June July August September October November December".split()


@dataclass
class Statement:
    """A non-numeric fact an answer rests on (a date, a post), shaped like :class:`~.facts.Fact`."""

    iri: str
    labels: dict[str, str]
    value: str
    unit: str | None = None
    evidence: list[str] = field(default_factory=list)
    comparator: str | None = None
    quantity_texts: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.iri)


def bare(label: str) -> str:
    """A label without its bracketed date: 上海市人民政府新闻发布会（2020年5月7日） -> 上海市人民政府新闻发布会."""
    return re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", label)


def date_text(iso: str, lang: str) -> str:
    d = dt.date.fromisoformat(iso[:10])
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


class PeopleAndDates:
    """The graph's events, approvals, participants and posts; read once from the store."""

    def __init__(self, store):
        q = lambda text: list(store.query(text))  # noqa: E731
        self.labels: dict[str, dict[str, str]] = {}
        for row in q(_LABELS):
            self.labels.setdefault(row["s"].value, {}).setdefault(row["l"].language or "", row["l"].value)
        self.machine = {row["s"].value: row["l"].value for row in q(_MACHINE)}
        self.aliases: dict[str, list[str]] = {}
        for row in q(_ALIASES):
            self.aliases.setdefault(row["s"].value, []).append(row["l"].value)
        self.evidence: dict[str, list[str]] = {}
        for row in q(_EVIDENCE):
            self.evidence.setdefault(row["s"].value, []).append(row["p"].value)
        self.dates = {row["e"].value: row["date"].value for row in q(_DATES)}
        self.approved = {row["plan"].value: row["event"].value for row in q(_APPROVED)}
        self.participants: dict[str, list[str]] = {}
        for row in q(_PARTICIPANTS):
            self.participants.setdefault(row["e"].value, []).append(row["who"].value)
        self.posts: list[tuple[str, str, str | None]] = [
            (r["post"].value, r["person"].value, r["org"].value if r["org"] is not None else None) for r in q(_POSTS)]

    def label(self, iri: str, lang: str) -> str:
        """The label in ``lang`` (:func:`~kg.answer.phrasing.named`: machine-made or pinyin English, marked)."""
        return named(self.labels.get(iri, {}), lang, self.machine.get(iri), "/person/" in iri) or iri

    def answer(self, question: Question, mentions: list[Mention], lang: str) -> tuple[str, list[Statement]] | None:
        by_type: dict[str, list[str]] = {}
        for m in mentions:
            by_type.setdefault(m.type, []).append(m.iri)
        if question.kind == WHEN:
            return self._when(question, by_type, lang)
        if question.kind == WHO:
            return self._who(question, by_type, lang)
        agencies = sorted(set(by_type.get("Agency", []) + by_type.get("Organization", [])))
        if question.kind == WHICH and agencies:  # 副主任有哪些: the holders of the post named
            return self._holder(question, agencies, lang)
        return None

    # ---------- when ----------
    def _when(self, question: Question, by_type: dict[str, list[str]], lang: str):
        events = [e for e in by_type.get("Event", []) if e in self.dates]
        if not events and by_type.get("Person") and _VISIT.search(question.text.lower()):  # 温家宝什么时候赴四川考察
            events = [e for e in self.dates if set(by_type["Person"]) & set(self.participants.get(e, []))]
        if not events and _APPROVE.search(question.text.lower()):
            events = [self.approved[p] for p in by_type.get("ActionPlan", []) if p in self.approved]
            approval = True
        else:
            approval = False
        if len(set(events)) != 1:
            return None
        event = events[0]
        when = date_text(self.dates[event], lang)
        name = bare(self.label(event, lang))
        if approval:
            plan = by_type["ActionPlan"][0]
            text = (f"《{bare(self.label(plan, 'zh'))}》于{when}经{name}审议通过。" if lang == "zh" else
                    f"The {bare(self.label(plan, 'en'))} was approved at the {name[:1].lower() + name[1:]} on {when}.")
        elif _VISIT.search(self.label(event, "zh")):  # a visit is told as the text tells it
            text = f"{when}，{name}。" if lang == "zh" else f"On {when}: {name}."
        else:
            held = ("发生", "happened") if _INCIDENT.search(self.label(event, "zh")) else ("举行", "was held")
            text = f"{name}于{when}{held[0]}。" if lang == "zh" else f"The {name} {held[1]} on {when}."
        return text, [Statement(event, self.labels.get(event, {}), self.dates[event], "xsd:date", self.evidence.get(event, []))]

    # ---------- who ----------
    def _who(self, question: Question, by_type: dict[str, list[str]], lang: str):
        events = ([e for e in by_type.get("Event", []) if e in self.participants] or self._visits(question)
                  or self.named_events(question.text))
        if len(set(events)) == 1:
            return self._attended(events[0], lang)
        agencies, persons = by_type.get("Agency", []) + by_type.get("Organization", []), by_type.get("Person", [])
        if len(set(persons)) == 1 and not agencies:
            return self.posts_of(persons[0], lang)
        if agencies or (agencies := self._tail_named(question.text) if not persons else []):
            return self._holder(question, sorted(set(agencies)), lang)
        return None

    @cached_property
    def _bodies(self) -> dict[str, str]:
        """Each body with posts and its Chinese name, made once (every who-question naming no body reads it)."""
        return {o: self.labels.get(o, {}).get("zh", "") for o in {o for _, _, o in self.posts if o}}

    def _tail_named(self, text: str) -> list[str]:
        """The one body with posts whose name ends with six characters or more the question writes (首都国际机场协调委员会
        for 2008年北京奥运会首都国际机场协调委员会), the longest such tail winning; none when two bodies tie."""
        found: dict[str, int] = {}
        for org, name in self._bodies.items():
            tail = next((n for n in range(len(name), _MIN_TAIL - 1, -1) if name[-n:] in text), 0)
            if tail:
                found[org] = tail
        best = max(found.values(), default=0)
        top = [o for o, n in found.items() if n == best]
        return top if len(top) == 1 else []

    @cached_property
    def _event_names(self) -> dict[str, str]:
        """Each event with participants and its Chinese name without its date, made once (every who-question reads it)."""
        names = {e: bare(self.label(e, "zh")) for e in self.participants}
        return {e: name for e, name in names.items() if len(name) >= 4}

    def named_events(self, text: str) -> list[str]:
        """The events with participants whose name, without its date (国务院常务会议 of 国务院常务会议（2031年3月5日）),
        the text writes: an extracted event's only label carries its date, which a question leaves out."""
        return [e for e, name in self._event_names.items() if name in text]

    def _visits(self, question: Question) -> list[str]:
        """Who made a visit the question dates (2004年8月谁率…赴四川考察): the dated visits with a participant in that
        month (or year); none unless the question asks about a visit and dates it."""
        when = _MONTH.search(question.text)
        if not when or not _VISIT.search(question.text.lower()):
            return []
        prefix = when.group(1) + (f"-{int(when.group(2)):02d}" if when.group(2) else "")
        return [e for e in self.participants if str(self.dates.get(e, "")).startswith(prefix)
                and _VISIT.search(self.label(e, "zh"))]

    def holder_en(self, question: Question, glossary, lang: str):
        """An English question naming a post of an organisation only a Chinese text names (kg/answer/roles_en.py)."""
        roles, words = zh_roles(question.text)
        report = reporter(question.text)  # who delivered X's work report: the head of X (what is left names X)
        top = not roles and (heads(question.text) or report is not None)  # who leads X: its top, whichever the title
        tops = GOVERNMENT_HEADS if report is not None else TOP
        roles, words = (list(tops), ["head"] * len(tops)) if top else (roles, words)
        names = {o: name for o, name in self._bodies.items() if name}
        if any(r in GOVERNMENT_HEADS for r in roles):  # a 县长 heads the government, not the county's party committee
            names = {o: name for o, name in names.items() if name.endswith("政府")}
        org = organisation(report or question.text, names, glossary) if roles else None
        found = self._holder(replace(question, text="".join(roles)), [org], lang) if org else None
        if not found:
            return None
        title = found[1][0].value  # the post's title (副召集人); a title left over narrows the holders (which minister)
        other = [] if top else [r for r in roles if r not in title]
        held = [st for st in found[1] if all(any(r in self.label(p, "zh") for p in self.person_posts(st.iri)) for r in other)]
        held = [st for i, st in enumerate(held) if all(st.iri != h.iri for h in held[:i])]  # 代理县长 and 县长: one head
        if not held:
            return None
        who = [self.label(st.iri, lang) for st in held]
        title = title.removeprefix(names[org]) or title  # a roster's post is labelled with its group (…会议副召集人)
        text = (f"{names[org]}{title}是{'、'.join(who)}。" if lang == "zh" else
                f"The {' '.join(sorted((w for w, r in zip(words, roles) if r in title), key=lambda w: w != 'acting'))}"
                f"{'s' if len(who) > 1 else ''} ({title}) "
                f"of {names[org]} {'is' if len(who) == 1 else 'are'} {listed(who)}.")
        return text, held

    def person_posts(self, person: str) -> list[str]:
        return sorted(post for post, who, _ in self.posts if who == person)

    def statement(self, person: str, posts: list[str], lang: str) -> Statement:
        value = ("、" if lang == "zh" else "; ").join(named(self.labels.get(p, {}), lang) or p for p in posts)  # own labels
        evidence = sorted({e for p in posts for e in self.evidence.get(p, [])} | set(self.evidence.get(person, [])))
        return Statement(person, self.labels.get(person, {}), value, "post", evidence)

    def describe(self, person: str, lang: str) -> str:
        posts = [self.label(p, lang) for p in self.person_posts(person)]
        name = self.label(person, lang)
        if lang == "zh":
            return "、".join(posts) + name
        return f"{name} ({'; '.join(posts)})" if posts else name

    def _attended(self, event: str, lang: str):
        people = sorted(self.participants[event], key=lambda p: (not self.person_posts(p), p))
        name = bare(self.label(event, lang))
        listed = ("，" if lang == "zh" else ", ").join(self.describe(p, lang) for p in people)
        if _VISIT.search(self.label(event, "zh")):  # a visit: who made it, and the visit as the text tells it
            when = date_text(self.dates[event], lang) if event in self.dates else ""
            text = f"{listed}（{when}，{name}）。" if lang == "zh" else f"{listed} ({when}: {name})."
        else:
            text = f"出席{name}的有：{listed}。" if lang == "zh" else f"The {name} was attended by {listed}."
        return text, [self.statement(p, self.person_posts(p), lang) for p in people]

    def posts_of(self, person: str, lang: str, orgs: list[str] = ()):
        """The person's posts, those in the organisations named (IRIs or names) first; none when the question names
        organisations and no post is in one: 韩正担任生态环境部什么职务 has no answer when none of his posts is in that
        ministry. A roster's group named (领导小组副组长宁吉喆是什么职务) is the frame: his post outside it is asked too."""
        posts = self.person_posts(person)
        in_named = [p for p in posts if self._in_any(p, orgs)] if orgs else posts  # (not ``named``: the function)
        if not in_named:
            return None
        posts = in_named + [p for p in posts if p not in in_named]
        name = self.label(person, lang)
        text = (f"{name}任{'、'.join(self.label(p, 'zh') for p in posts)}。" if lang == "zh" else
                f"{name} is {' and '.join(self.label(p, 'en') for p in posts)}.")
        return text, [self.statement(person, posts, lang)]

    def _in_any(self, post: str, orgs: list[str]) -> bool:
        org = next((o for p, _, o in self.posts if p == post), None)
        names = [*self.labels.get(post, {}).values()]
        return any(o == org or any(o in n for n in names) for o in orgs)

    def _holder(self, question: Question, agencies: list[str], lang: str):
        """The person(s) whose post in one of ``agencies`` the question names (主任 is not 副主任; the
        longest role named wins)."""
        asked, found = role_words(question.text), {}
        for post, person, org in self.posts:
            if org in agencies:
                for role in self._roles(post, org):
                    if role and role <= asked:
                        found[(post, person)] = max(found.get((post, person), 0), len(role))
        if not found:
            return None
        best = max(found.values())
        held = sorted(k for k, v in found.items() if v == best)
        names = [self.label(person, lang) for _, person in held]
        post, org = held[0][0], next((o for p, _, o in self.posts if p == held[0][0]), None)
        title = self.label(post, "zh")
        named = [*self.labels.get(org, {}).values(), *self.aliases.get(org, [])] if org else []
        title = title if not org or any(n in title for n in named) else self.label(org, "zh") + title
        text = (f"{title}是{'、'.join(names)}。" if lang == "zh" else
                f"The {self.label(post, 'en')} {'is' if len(names) == 1 else 'are'} {listed(names)}.")
        return text, [self.statement(person, [p], lang) for p, person in held]

    def by_pinyin(self, text: str) -> list[str]:
        """Persons an English question names in pinyin ("Li Ganjie" is 李干杰): a run of two or three
        capitalised words equal to the toneless pinyin of exactly one person's Chinese name."""
        from ..names import pinyin_keys

        runs = {re.sub(r"[ -]", "", m.group(0)).lower() for m in _NAME_RUN.finditer(text)}
        if not runs:
            return []
        found = [iri for iri in self.people_iris() if pinyin_keys(self.labels[iri].get("zh", ""))[0] in runs]
        return found if len(found) == 1 else []

    def people_iris(self) -> list[str]:
        return sorted({who for _, who, _ in self.posts})

    def _roles(self, post: str, agency: str) -> tuple[frozenset[str], frozenset[str]]:
        """The words of a post's title that are not its agency's names, in zh and en:
        ({主任}, {director}) or ({副, 主任}, {deputy, director})."""
        zh = self.label(post, "zh")
        for name in sorted([*self.labels.get(agency, {}).values(), *self.aliases.get(agency, [])], key=len, reverse=True):
            zh = zh.replace(name, "")
        agency_words = en_terms(" ".join([*self.labels.get(agency, {}).values(), *self.aliases.get(agency, [])]))
        return role_words(zh), frozenset(en_terms(self.label(post, "en")) - agency_words)


#: Words of a body's name that hold a role word (国家教材委员会, 成员单位): no role.
_BODY_WORDS = re.compile(r"委员会|成员单位|组成人员|组成部门")


_MIN_TAIL = 6  # characters of a body's name a question may write for all of it


def role_words(text: str) -> frozenset[str]:
    """Role words: 副主任 counts as {副, 主任}; English words as en_terms. 委员 inside 委员会 is no role."""
    text = _BODY_WORDS.sub("", text)
    zh = set()
    for role in ROLES_ZH:
        if role in text:
            zh.update({"副", role.removeprefix("副")} if role.startswith("副") else {role})
            text = text.replace(role, "")
    return frozenset(zh) | frozenset(en_terms(text))
