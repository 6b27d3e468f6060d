"""Heads of a people's government named by their bare title: 县长 陈永高 (a report's signature line), 代区长向诗兵,
封丘县人民政府县长 王振海, 县委副书记、县长杨韶辉. 省长, 市长, 州长, 县长, 区长, 乡长 and 镇长 (with 副, 常务副, 代 or 代理)
direct the people's government of their level (the Organic Law of the Local People's Congresses and Local People's
Governments), so the post is that government's: the one written before the title, else the document's jurisdiction's
when it is of that level (县长 in 长沙县's report: 长沙县人民政府; issue 10: a short name resolves in the document's own
jurisdiction), else ``<level>人民政府``; never the party committee a chain of posts names
first (县委副书记、县长: the 县长 is no post of 县委).
"""
from __future__ import annotations

import re

from ..linking.langdetect import simplified
from . import base
from .model import Extraction, Relation

NAME = "actors"
#: A head's title: an optional government before it, 代/代理, 常务, 副, the level and 长; spaces, then the name (a name
#: set with a typographic space, 李　军, is one name).
_HEAD = re.compile(r"(?:(?<=[，。；：、\s（(由])|^)(?P<org>[\u4e00-\u9fff]{1,12}?人民政府)?"
                   r"(?P<title>(?:代理|代)?(?:常务)?副?(?P<level>[省市州县区乡镇縣區鄉鎮])[ \u3000]?[长長])(?P<gap>[ \t\u3000]*)"
                   r"(?P<name>[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2})", re.M)
#: A head's title alone (county's 县长, 副市长): the titles the rule above reads, for the posts a chain of posts joins.
HEAD_TITLE = re.compile(r"(?:代理|代)?(?:常务)?副?[省市州县区乡镇縣區鄉鎮][长長]")
#: What cannot open a name after a title (县长办公会, 县长负责制, 区长要…): a word of the sentence.
_NOT_NAME = re.compile(r"办公|负责|主持|分管|担任|兼任|助理|信箱|热线|[的是要应在对和及与等为由会]")


def extract_heads(doc, out: Extraction, place: str | None, people: set[str]) -> None:
    """Add Person, Post and Agency mentions for every head of a government named by title (in place): a name alone on
    its line after the title, else in running text a name the tagger found (``people``) or 2–3 characters before what
    the head does (县长楚德勤代表…); other characters after a title are words (由县长任组长, 县长亲自部署)."""
    text = doc.text
    for m in _HEAD.finditer(text):
        start = m.start("name")
        if _NOT_NAME.match(text, start):
            continue
        line_end = text.find("\n", start)
        rest = text[start:line_end if line_end >= 0 else len(text)].strip()
        alone = 2 <= len(re.sub(r"[ \u3000]", "", rest)) <= 4 and re.fullmatch(r"[\u4e00-\u9fff \u3000]+", rest)
        tagged = next((n for n in sorted(people, key=len, reverse=True) if text.startswith(n, start)), None)
        end = start + len(rest) if alone else _before_verb(text, start) or (start + len(tagged) if tagged else None)
        if end is None or not alone and re.search(r"[ \u3000]", m.group("title")):
            continue  # 区 长 庄 红 set out on a signature line; in running text a space ends a word
        level = simplified(m.group("level"))
        org = m.group("org") or _government(level, place, doc.title, text)
        org_start, org_end = (m.start("org"), m.end("org")) if m.group("org") else (m.start("title"), m.end("title"))
        person = base.mention(doc, "Person", text[start:end], m.start(), end, NAME)
        agency = base.mention(doc, "Agency", org, org_start, org_end, NAME, jurisdiction=place)
        label = (m.group("org") or "") + simplified(re.sub(r"[ \u3000]", "", m.group("title")))  # 市長 is read as 市长
        post = base.mention(doc, "Post", label, m.start(), m.end("title"), NAME)
        out.mentions.extend([person, agency, post])
        out.relations.extend([Relation(person.key, "holdsPost", post.key), Relation(post.key, "affiliation", agency.key)])


#: Delivering the government's report, right after a name (张百顺代表市政府向大会作政府工作报告): read by the extraction
#: (actors.py: the name is a person) and by /ask (who delivered the report).
DELIVERS_REPORT = r"代表[^，。；]{0,12}政府[^，。；]{0,6}作[^，。；]{0,12}报告"
#: What a head does right after the name (县长楚德勤代表县人民政府…, 副市长覃伟中讲话): where a name in running text ends,
#: whatever a tagger cut (覃伟).
_VERB = re.compile(r"讲话|代表|出席|主持|作|指出|表示|强调|介绍|在|说|一行|率|到|调研|参加|会见")


def _before_verb(text: str, start: int) -> int | None:
    """End of a 3- or 2-character name followed by what the head does, else None."""
    return next((start + n for n in (3, 2) if _VERB.match(text, start + n)), None)


def _government(level: str, place: str | None, title: str, text: str) -> str:
    """The government a bare title heads: that of the place of its level the document's title opens with, else the
    one the text reports on behalf of (县长杨韶辉代表隆回县人民政府: one post, wherever the title is written), else that
    of the congress the report's heading names, else the jurisdiction's, else the level's (县人民政府)."""
    own = re.match(rf"\s*(?:关于)?(?:[\u4e00-\u9fff]{{2,3}}(?:省|自治区|市))?([\u4e00-\u9fff]{{1,5}}?{level})(?=[\d（(]|人民政府|政府|[一-龥]{{0,6}}(?:工作报告|报告))", title or "")
    if own and len(own.group(1)) > 1:
        return f"{own.group(1)}人民政府"
    if on_behalf := re.search(rf"代表(?!大会)([\u4e00-\u9fff]{{1,8}}?{level}人民政府)", text):
        return on_behalf.group(1)
    if session := re.search(rf"日在(?:[\u4e00-\u9fff]{{2,3}}(?:省|自治区|市))?([\u4e00-\u9fff]{{1,5}}?{level})第[一二三四五六七八九十]{{1,3}}届", text):
        return f"{session.group(1)}人民政府"  # ——2024年1月10日在徐州市泉山区第十届人民代表大会…: the session's
    return f"{place}人民政府" if place and place.endswith(level) and len(place) > 1 else f"{level}人民政府"


__all__ = ["extract_heads", "HEAD_TITLE", "DELIVERS_REPORT"]
