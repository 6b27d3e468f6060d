"""People named by their role in a group or a case, not by a post of a body.

Who leads a group the text sets up: ``成立以华中科技大学刘广润院士为组长的专家组``, ``以张明为组长的工作组``.

The leader is a Person (the two or three characters before an optional rank and 为); their role is a Post
labelled by the group and the role as written (专家组组长), held by the person and affiliated with the group, an
Agency named by the words after the last 的 before it (…组成的专家组, 更大范围的专家组 -> 专家组). The name must be a person's: a rank
(院士, 教授) after it or a body (华中科技大学) before it says so, else the tagger must have tagged it a name;
a title (以市长为组长, 以分管副省长为组长) is a post someone is to hold, not a person.

Who a reply is addressed to: the salutation line of a letter to deputies or members (``马万祺副主席：``,
``邓乃扬、韩汝琦委员：``, ``王明代表：``) names people (Persons); a leader's title there (副主席) is the post the
person holds, a member's or deputy's (委员, 代表) is no post of a body.

Who is answerable for a case: ``直接责任人黎兵、李二民被移交司法机关`` names two people (Persons, no post: 责任人 is
their part in the accident); the list ends at the first item that is no bare name (…和河南村村民委员会主任、煤矿矿长
王俊利: a post and a name, read by :mod:`kg.extract.actors`).
"""
from __future__ import annotations

import re

from . import base
from ..titles import ALL, alternation
from .model import Extraction, Relation

NAME = "actors"
_ROLE = r"副?组长|副?主任|副?总指挥|召集人"
_LED = re.compile(r"以(?P<body>[\u4e00-\u9fff]{2,20}?(?:大学|学院|研究院|科学院|研究所|研究中心))?"
                  r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?P<rank>院士|教授|研究员|同志)?为(?P<role>" + _ROLE + r")"
                  r"[^。；]{0,80}?的(?P<group>[^，。；的]{0,12}?(?:专家组|工作组|小组|指挥部|委员会))")
_TITLE = re.compile(alternation(ALL))
_ANSWERABLE = re.compile(r"(?:直接|主要)?责任人")
_NOT_IN_NAME = re.compile(r"[也都均各其他等已将被受了的在是与及并分别还共计名人员]")  # 其他16名相关责任人也分别受到…
_LISTED = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?P<sep>[、和]|(?=被|受到|已被|依法))")


def extract_group_leaders(doc, out: Extraction, place, people: set[str]) -> None:
    """Add each group leader the text names (Person, Post, the group as an Agency) to ``out``."""
    text = doc.text
    for m in _LED.finditer(text):
        name = m.group("name")
        if _TITLE.search(name) or not (m.group("body") or m.group("rank") or name in people):
            continue
        group_name = m.group("group")
        person = base.mention(doc, "Person", name, m.start("name"), m.end("name"), NAME)
        post = base.mention(doc, "Post", group_name + m.group("role"), m.start("name"), m.end("role"), NAME)
        group = base.mention(doc, "Agency", group_name, m.start("group"), m.end("group"), NAME, jurisdiction=place)
        out.mentions.extend([person, post, group])
        out.relations.extend([Relation(person.key, "holdsPost", post.key), Relation(post.key, "affiliation", group.key)])


#: A salutation of people: names (2-4 characters, 、-separated) and one form of address, alone on the line.
_ADDRESSED = re.compile(r"^(?P<names>[\u4e00-\u9fff]{2,4}?(?:、[\u4e00-\u9fff]{2,4}?)*)"
                        r"(?P<title>副?主席|副?委员长|委员|代表|同志|先生|女士)[：:][ \t\u3000]*$", re.M)
_NOT_ADDRESSED = re.compile(r"^(?:各|全体|有关|尊敬|亲爱)|[省市县区部委局厅办院会]$")  # 各位代表：, 有关委员：
_LEADING = re.compile(r"副?主席|副?委员长")


def extract_addressees(doc, out: Extraction) -> None:
    """Add the people a salutation line addresses (Persons; a leader's title there a Post they hold) to ``out``."""
    for m in _ADDRESSED.finditer(doc.text):
        names, pos = m.group("names").split("、"), m.start("names")
        if any(_NOT_ADDRESSED.search(n) or _TITLE.search(n) for n in names):
            continue
        for name in names:
            person = base.mention(doc, "Person", name, pos, pos + len(name), NAME)
            out.mentions.append(person)
            pos += len(name) + 1
        if len(names) == 1 and _LEADING.fullmatch(m.group("title")):
            post = base.mention(doc, "Post", m.group("title"), m.start(), m.end("title"), NAME)
            out.mentions.append(post)
            out.relations.append(Relation(person.key, "holdsPost", post.key))


def extract_answerable(doc, out: Extraction) -> None:
    """Add the people a text names after 责任人 (a list of bare names) to ``out``."""
    text = doc.text
    for m in _ANSWERABLE.finditer(text):
        pos = m.end()
        while (item := _LISTED.match(text, pos)) and not _TITLE.search(item.group("name")) \
                and not _NOT_IN_NAME.search(item.group("name")):
            out.mentions.append(base.mention(doc, "Person", item.group("name"), item.start(), item.end("name"), NAME))
            pos = item.end()
            if not item.group("sep"):
                break


__all__ = ["extract_group_leaders", "extract_answerable", "extract_addressees"]
