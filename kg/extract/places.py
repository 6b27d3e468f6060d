"""Places named in a Chinese text, for :mod:`kg.extract.actors` (the same extractor: its mentions are "actors").

Rules: places from ``在A、B、C等区`` lists and from lists before a count of them (北京、天津…和沈阳、大连…11个城市),
names ending in 省/市/区/县/新区/新片区/示范区, the province-level divisions
by name (:data:`_PROVINCE`), never in a notice's salutation line; regions the tagger's nouns make (长江中下游地区); a
tagged LOC word only when it ends like a place name. A zone named by what it is for (国家自主创新示范区) and a kind
of zone (自贸试验区) or an area named only by its kind (大城市, 丘陵山区, 双季稻地区, 工业园区) name no place. :func:`tidy_places` makes one Place per place (广东省 and 广东).
"""
from __future__ import annotations

import re

from . import base
from .agencies import in_salutation
from .model import Extraction

NAME = "actors"


#: Places listed before a count of them (选择北京、天津、上海、重庆和沈阳、大连…西安11个城市).
_COUNTED_LIST = re.compile(r"(?:选择|包括|确定|覆盖|在|为|[，。；：\s（(])(?P<items>(?!选择|包括|确定|覆盖)[\u4e00-\u9fff]{2,4}(?:、(?:[和及与])?"
                           r"(?:(?!等\d)[\u4e00-\u9fff]){2,4}|[和及与](?:(?!等\d)[\u4e00-\u9fff]){2,4}){2,})"
                           r"(?:等)?\d+个(?:城市|地区|省份|省|市|县)")
#: Places listed before 等 (在滨江、临湖、西山等区).
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
#: A province-level division written with its suffix (广东省, 北京市, 西藏自治区): grouped with its bare name (广东).
_PROVINCE_SUFFIX = re.compile(rf"(?P<bare>{_PROVINCES})(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)")


def tidy_places(doc, out: Extraction) -> None:
    """One Place per place: 广东省 and 广东 are one (labelled as most fully written, 广东省); a name with words of a
    clause glued before it (紧扣雄安新区) is cut to the tail the text writes more often than the whole (雄安新区)."""
    groups: dict[str, list] = {}
    for m in (m for m in out.mentions if m.kind == "Place"):
        cut = _frequent_tail(doc.text, m.label)
        tail = m.label[cut:]
        if len(tail) < 2 or _KIND_OF_ZONE.fullmatch(tail) or _ABSTRACT_ZONE.match(tail) or _CLAUSE_BEFORE_ZONE.search(tail):
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


#: Words that make a region of the nouns before them (长江 中下游 地区, 双季 稻 地区).
_REGION_HEADS = ("地区", "山区", "流域")
_NOMINAL = ("n", "s", "nz", "LOC", "f")


def regions(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
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


def rule_places(doc, out: Extraction, place) -> None:
    text = doc.text
    for m in _PLACE_LIST.finditer(text):
        for item in re.finditer(r"[\u4e00-\u9fff]+", m.group("items")):
            s = m.start("items") + item.start()
            out.mentions.append(base.mention(doc, "Place", item.group() + m.group("suffix"), s, s + len(item.group()),
                                             NAME))
    for m in _COUNTED_LIST.finditer(text):
        for item in re.finditer(r"[^、]+", re.sub(r"(?<=[\u4e00-\u9fff]{2})[和及与](?=[\u4e00-\u9fff]{2})", "、",
                                                   m.group("items"))):  # 重庆和沈阳: two; 和田: one
            s = m.start("items") + item.start()
            out.mentions.append(base.mention(doc, "Place", item.group(), s, s + len(item.group()), NAME))
    for m in _PLACE.finditer(text):
        name = m.group("name") or m.group("admin")
        if in_salutation(text, m.start()) or re.match(r"[全本各该城市县区省]|(?:国家|省级|市级|县级)(?!.*[省市县])", name):  # 国家现代农业示范区: a kind
            continue
        s = m.start("name") if m.group("name") else m.start("admin")
        verb = re.match(r"(?:探索|建设|推进|加快|打造|支持|依托|推动|享受)+", name)
        if verb:
            name, s = name[verb.end():], s + verb.end()
        if _KIND_OF_ZONE.fullmatch(name) or _VERBS.search(name) or _ABSTRACT_ZONE.match(name) \
                or _GENERIC_AREA.match(name):  # 自贸试验区; 工业园区;
            continue  # 率先全面复制推广自贸试验区; 国家自主创新示范区, 科技成果转化示范区: a kind of zone
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


#: A zone named by what it is for, not where it is (国家自主创新示范区, 科技成果转化示范区, 高新技术产业开发区): no Place.
_ABSTRACT_ZONE = re.compile(r"^(?:国家|创新|创业|生态|优化|产业|集聚|转化|成果|自主|科技|新兴|高新|技术|综合|改革|开放|试验"
                            r"|发展|经济|现代|农业|示范)+(?:示范区|开发区|新区|高新区|试验区)$")
#: Kinds of zone, named without a place (自贸试验区, 综合保税区): no Place.
_KIND_OF_ZONE = re.compile(r"(?:综合)?保税区|自贸试验区|自由贸易试验区|自贸区|开发区|高新区|示范区|新区|新片区")
#: Words of a clause, never of a place name (率先全面复制推广自贸试验区).
_VERBS = re.compile(r"率先|全面|复制|推广|开展|实施|发挥|塑造|发展|推进|推动|打造|选择|代表|确定|深化|均需|以下")
#: Words of a clause before a zone word, never of a place's name (支持自贸试验区, 条件的自贸试验区, 把…贯穿于…).
_CLAUSE_BEFORE_ZONE = re.compile(r"[的为于把对将从]|所有|支持|提高|指导|考虑|审理|完善|建立|协调|条件|域内|不断|积极")
#: An area named only by what kind it is (大城市, 丘陵山区, 双季稻地区, 东西部地区, 工业园区, 试点地区): no place's name.
_GENERIC_AREA = re.compile(r"^(?:[东西南北中]部?|东西部|中西部|东中西部|沿海|内陆|边境|边疆|农村|城镇|城乡|山|丘陵|平原|高原|草原|"
                           r"牧|林|大|中小|特大|超大|工业|科技|产业|物流|商务|农业|试点|联盟|示范|重点|周边|部分|其他|"
                           r"民族|少数民族|革命老|老|双季稻|稻作|主产|粮食主产|贫困|欠发达|偏远|边远|代表|城市|集聚|先进|县域|A级|嘎查)+"
                           r"(?:地区|山区|园区|城市|区域|流域|区|村|景区)$")
#: Concepts a tagger takes for places (美丽乡村, 海绵城市, 智慧城市).
_CONCEPT = re.compile(r"^(?:美丽|海绵|智慧|数字|绿色|生态|低碳|文明|特色|新型|现代)")


def place_like(word: str) -> bool:
    """A LAC LOC word kept as a Place: one ending like a place name (丘陵山区, 长江中下游地区). Bare LOC words
    (大田, 云农场, 长江) were mostly noise on policy text; short names come from the rules' lists instead. Kinds of
    region (贫困地区, 特困地区, 重点区域) name no place."""
    if len(word) < 3 or re.match(r"[全本各]|贫困|特困|欠发达|边远|偏远|落后|重点|试点|有关|相关|其他", word):
        return False
    if _KIND_OF_ZONE.fullmatch(word) or _VERBS.search(word) or _CONCEPT.match(word) or _GENERIC_AREA.match(word):
        return False
    if re.match(r"(?:国家|省级|市级|县级)(?!.*[省市县])", word):
        return False  # 国家高新技术产业开发区: a kind of zone
    return bool(re.search(r"(?:省|市|区|县|州|镇|乡|村|岛|地区|流域)$", word))


def known_place(out: Extraction, word: str, place) -> bool:
    """A LOC word that is the jurisdiction or the start of a place already found (静安 of 静安区)."""
    return word == place or any(m.kind == "Place" and m.label.startswith(word) for m in out.mentions)


__all__ = ["rule_places", "tidy_places", "regions", "place_like", "known_place"]
