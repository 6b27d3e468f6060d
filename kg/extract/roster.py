"""Rosters: the member lists of leading groups and committees, one person per line, name before post.

    组　长：王　明　　某省省长
    副组长：李　华　　某省副省长、省政府秘书长
    　　　　赵　东　　省发展改革委主任
    成　员：……

Each line gives a Person (label without the typographic space: 王明), the posts after the name (split at
、; each an affiliation of the agency it starts with) and the roster role (组长/副组长/成员/主任/召集人...) as a
Post affiliated with the group the text names (…领导小组/…委员会), labelled by both (某省河湖治理领导小组副组长). A line without a role continues the
role above. Only a text with at least one ``role：`` line is read this way. ``X由Y担任`` (办公室主任由赵东
担任, 办公室主任由水利部副部长赵东兼任) gives Person Y holdsPost X as well.
"""
from __future__ import annotations

import re

from . import base
from ..titles import LEADERS, OFFICES, alternation
from .bodies import RANK, body_name, kind_of_body
from .model import Extraction, Relation

NAME = "roster"
_SP = r"[ \t\u3000\xa0]"  # also the no-break spaces of web pages (召 集 人)
SPACE = _SP  # the same, for kg.extract.speakers
_ROLE = (rf"(?P<role>(?:副{_SP}*)?组{_SP}*长|成{_SP}*员|(?:副{_SP}*)?主{_SP}*任|秘{_SP}*书{_SP}*长|委{_SP}*员"
         rf"|(?:副{_SP}*)?召{_SP}*集{_SP}*人)")
#: role：name  post — or, continuing a block, just name  post.
_LINE = re.compile(rf"^{_SP}*(?:{_ROLE}{_SP}*[：:])?{_SP}*(?P<name>[\u4e00-\u9fff](?:{_SP}{{0,2}}[\u4e00-\u9fff]){{1,3}}?)"
                   rf"{_SP}{{1,}}(?P<posts>[\u4e00-\u9fff（）()、]{{2,60}}){_SP}*$", re.M)
#: A role line that names nobody: the members are on the lines below it (委  员：).
_ROLE_ONLY = re.compile(rf"^{_SP}*{_ROLE}{_SP}*[：:]{_SP}*$", re.M)
#: The group a roster belongs to: the name ending in 领导小组/…, after the last 关于/调整/成立/建立/组建/punctuation
#: before it (a title set on two lines may break it; a year is part of it: 2008年北京奥运会首都国际机场协调委员会).
_GROUP = re.compile(r"(?:^|[，。、：\s的]|关于|调整|成立|设立|建立|组建)(?P<name>(?:(?!关于|调整|成立|设立|建立|组建|同意)"
                    r"[\u4e00-\u9fff\d\n]){2,40}?"
                    r"(?:领导小组|工作小组|委员会|联席会议))(?!办公室)", re.M)
_TITLES = alternation(OFFICES + LEADERS + ("副组长", "组长", "委员", "常委"))  # 重庆市委常委: a post of 重庆市委
_TITLE = re.compile(rf"(?:{_TITLES})$")
#: A body's name standing alone after a person (葛兆光  教授、复旦大学): where they work, no post.
_BARE_BODY = re.compile(r"(?:大学|学院|学校|出版社|杂志社|研究院|研究所|公司|集团|部|委|局|厅|办|署|院|会|中心)$")
#: 办公室主任由赵东担任 / 办公室主任由水利部副部长赵东兼任: the post, then (the person's own post and) the name.
_SERVES = re.compile(rf"(?P<post>[\u4e00-\u9fff]{{2,20}}?(?:主任|组长|秘书长|负责人))由(?:[\u4e00-\u9fff]{{2,20}}?"
                     rf"(?:{_TITLES}))?(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:同志)?(?:担任|兼任)")


def extract_roster(doc, passages, place: str | None = None) -> Extraction:
    """Person, Post and Agency mentions of the roster lines and ``X由Y担任`` statements of ``doc``."""
    out = base.extraction(doc)
    text = doc.text
    if not re.search(rf"^{_SP}*{_ROLE}{_SP}*[：:]", text, re.M):
        return _serves(doc, out, place)
    group_m = _GROUP.search(text)
    group = None
    if group_m:
        group = base.mention(doc, "Agency", group_m.group("name").replace("\n", ""), group_m.start("name"),
                             group_m.end("name"), NAME,
                             jurisdiction=place)
        out.mentions.append(group)
    role, at = None, None
    lines = sorted([*_LINE.finditer(text), *_ROLE_ONLY.finditer(text)], key=lambda m: m.start())
    for m in lines:
        if m.group("role"):  # where the role is written: the members below it hold it
            role, at = re.sub(_SP, "", m.group("role")), (m.start("role"), m.end("role"))
        if role is None or m.re is _ROLE_ONLY:
            continue
        person = base.mention(doc, "Person", re.sub(_SP, "", m.group("name")), m.start("name"), m.end("name"), NAME)
        out.mentions.append(person)
        posts(doc, out, person.key, m, place)
        role_post = base.mention(doc, "Post", f"{group.label}{role}" if group else role, *at, NAME)
        out.mentions.append(role_post)
        out.relations.append(Relation(person.key, "holdsPost", role_post.key))
        if group:
            out.relations.append(Relation(role_post.key, "affiliation", group.key))
    return _serves(doc, out, place)


def posts(doc, out: Extraction, person: str, m: re.Match, place, between: str = "、", extractor: str = NAME) -> None:
    """Each post after the name (split at the characters ``between``), affiliated with the body it names before its
    title (the name before 原 for a former post: 中央编译局原局长); ranks (教授, 院士) and bare names of a body (复旦大学)
    are no posts."""
    pos = m.start("posts")
    for part in filter(None, re.split(f"[{between}]", m.group("posts"))):
        start = doc.text.index(part, pos)
        pos = start + len(part)
        title = _TITLE.search(part)
        if RANK.fullmatch(part) or (not title and _BARE_BODY.search(part)):
            continue
        post = base.mention(doc, "Post", part, start, start + len(part), extractor)
        out.mentions.append(post)
        out.relations.append(Relation(person, "holdsPost", post.key))
        body = body_name(part[:title.start()]) if title else ""
        if len(body) >= 2:
            kind = kind_of_body(body)
            agency = base.mention(doc, kind, body, start, start + len(body), extractor,
                                  **({"jurisdiction": place} if kind == "Agency" else {}))
            out.mentions.append(agency)
            out.relations.append(Relation(post.key, "affiliation", agency.key))


def _serves(doc, out: Extraction, place) -> Extraction:
    for m in _SERVES.finditer(doc.text):
        person = base.mention(doc, "Person", m.group("name"), m.start("name"), m.end("name"), NAME)
        post = base.mention(doc, "Post", m.group("post"), m.start("post"), m.end("post"), NAME)
        out.mentions.extend([person, post])
        out.relations.append(Relation(person.key, "holdsPost", post.key))
    return out
