"""Document scope: which place a document is about, and which names only make sense inside one document.

A policy text names its own jurisdiction relatively: 市发展改革委 ("the municipal DRC") in a Shanghai
text is Shanghai's, in a Beijing text Beijing's; 行动方案, 发布会, "the Action Plan", "press conference"
name the plan or event *of that text*. Such names are *scoped*: they link only inside the documents
the entity is evidenced in. A name that states its place (上海市发展和改革委员会, 国家发展改革委,
Beijing Municipal Commission of ...) is absolute and may link anywhere.

The gazetteer covers China's provincial-level divisions, the nation and large cities (zh and en);
:func:`places_in` returns canonical Chinese names (``上海``, ``北京``, ``国家``...).
"""
from __future__ import annotations

import re
from functools import lru_cache

# canonical zh name -> other surface forms (zh full forms and English names)
_GAZETTEER: dict[str, tuple[str, ...]] = {
    # The nation: only names of the central government (全国, 国家级, "national" are adjectives in most texts).
    "国家": ("国务院", "中华人民共和国", "State Council"),
    "北京": ("北京市", "Beijing"), "天津": ("天津市", "Tianjin"), "上海": ("上海市", "Shanghai"),
    "重庆": ("重庆市", "Chongqing"), "河北": ("河北省", "Hebei"), "山西": ("山西省", "Shanxi"),
    "内蒙古": ("内蒙古自治区", "Inner Mongolia"), "辽宁": ("辽宁省", "Liaoning"), "吉林": ("吉林省", "Jilin"),
    "黑龙江": ("黑龙江省", "Heilongjiang"), "江苏": ("江苏省", "Jiangsu"), "浙江": ("浙江省", "Zhejiang"),
    "安徽": ("安徽省", "Anhui"), "福建": ("福建省", "Fujian"), "江西": ("江西省", "Jiangxi"),
    "山东": ("山东省", "Shandong"), "河南": ("河南省", "Henan"), "湖北": ("湖北省", "Hubei"),
    "湖南": ("湖南省", "Hunan"), "广东": ("广东省", "Guangdong"), "广西": ("广西壮族自治区", "Guangxi"),
    "海南": ("海南省", "Hainan"), "四川": ("四川省", "Sichuan"), "贵州": ("贵州省", "Guizhou"),
    "云南": ("云南省", "Yunnan"), "西藏": ("西藏自治区", "Tibet"), "陕西": ("陕西省", "Shaanxi"),
    "甘肃": ("甘肃省", "Gansu"), "青海": ("青海省", "Qinghai"), "宁夏": ("宁夏回族自治区", "Ningxia"),
    "新疆": ("新疆维吾尔自治区", "Xinjiang"), "香港": ("香港特别行政区", "Hong Kong"), "澳门": ("澳门特别行政区", "Macao"),
    "广州": ("广州市", "Guangzhou"), "深圳": ("深圳市", "Shenzhen"), "成都": ("成都市", "Chengdu"),
    "杭州": ("杭州市", "Hangzhou"), "南京": ("南京市", "Nanjing"), "武汉": ("武汉市", "Wuhan"),
    "西安": ("西安市", "Xi'an"), "苏州": ("苏州市", "Suzhou"), "青岛": ("青岛市", "Qingdao"),
    "厦门": ("厦门市", "Xiamen"), "长沙": ("长沙市", "Changsha"), "郑州": ("郑州市", "Zhengzhou"),
    "合肥": ("合肥市", "Hefei"), "济南": ("济南市", "Jinan"), "沈阳": ("沈阳市", "Shenyang"),
    "大连": ("大连市", "Dalian"), "宁波": ("宁波市", "Ningbo"), "福州": ("福州市", "Fuzhou"),
}
# Words that name "the plan / the event / the initiative of this text", in any document.
GENERIC_NAMES = frozenset({
    "新基建", "“新基建”", "行动方案", "《行动方案》", "方案", "实施方案", "工作方案", "规划", "通知", "意见",
    "发布会", "新闻发布会", "常务会议", "发改委", "发展改革委", "经信委", "国资委",
    "action plan", "the action plan", "the plan", "plan", "press conference", "the press conference",
    "new infrastructure", "executive meeting", "ndrc", "development and reform commission",
})
RELATIVE_PREFIXES = ("市", "省", "区", "县", "州", "盟", "旗", "镇", "乡", "本市", "全市", "各", "自治区", "自治州")
# Kinds whose names are relative to their document unless they state a place.
SCOPED_KINDS = frozenset({"Agency", "ActionPlan", "Action", "Event", "PolicyMeasure", "Goal", "Post"})


NATION = "国家"


def place_forms(canon: str) -> tuple[str, ...]:
    """A canonical place's written forms (云南 -> 云南, 云南省, Yunnan)."""
    return (canon, *_GAZETTEER.get(canon, ())) if canon != NATION else _GAZETTEER[NATION]


@lru_cache(maxsize=1)
def _surfaces() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    table = {}
    for canon, others in _GAZETTEER.items():
        for s in ((canon, *others) if canon != "国家" else others):
            table[s.casefold()] = canon
    zh = sorted((s for s in table if re.search(r"[\u3400-\u9fff]", s)), key=len, reverse=True)
    en = sorted((s for s in table if s not in zh), key=len, reverse=True)
    return (table, re.compile("|".join(map(re.escape, zh))),
            re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, en)) + r")(?![A-Za-z])", re.IGNORECASE))


def places_in(text: str) -> list[str]:
    """Canonical names of the gazetteer places ``text`` names, in order of first mention."""
    table, zh, en = _surfaces()
    found = [(m.start(), table[m.group().casefold()]) for m in zh.finditer(text)]
    found += [(m.start(), table[m.group().casefold()]) for m in en.finditer(text)]
    out: list[str] = []
    for _, canon in sorted(found):
        if canon not in out:
            out.append(canon)
    return out


#: A Chinese question's words that end like a place name (锡林浩特市, 龙湾区, 海曙区): jieba's tokens of three or more
#: characters, so that 市 of 市场 or 区 of 社区 is no suffix.
_PLACE_WORD = re.compile(r"^[\u4e00-\u9fff]{2,9}(?:省|自治区|市|县|区|州|盟|旗)$")
_SUFFIXES = frozenset("省市县区州盟旗")
_GOVERNMENT = re.compile(r"[省市县区州](?:人民政府|政府|委|政协|人大)")  # the body after a place's name: 省政府
_GOVERNED = re.compile(r"([\u4e00-\u9fff]{2,8}[省市县区州])(?:人民政府|政府)")
_NESTED = re.compile(r"(?<=[省市州盟])((?:(?![省市县区州盟旗])[\u4e00-\u9fff]){1,4}[县区旗])")  # after its city or province
_COUNTY = re.compile(r"^(?![市州郡区省地年月日])[\u4e00-\u9fff]县$")  # 夏县; not 市县, 州县
_LEADING_PLACE = re.compile(r"((?:(?![省市县区州盟旗])[\u4e00-\u9fff]){2,5}?(?:省|市|县|区|州|盟|旗))(?=到|在|于|的|要|将|计划|提出|力争|[\d（(“\"，,])")
#: Words ending like a place that name none: a determiner before a suffix (哪个区, 每个县, 各市, 全省), a kind of
#: area (城市社区, 开发区, 示范区, 自治州, 地级市; 贫困山区 but not 青山区).
_NO_PLACE = re.compile(r"^(?:关于|哪|每|各|这|那|该|本|全|其他|其|此|另|某|多|几|所在|所属|相关|有关)"
                       r"|(?:^|[\u4e00-\u9fff]{2})山区$"  # 贫困山区, not 青山区
                       r"|^有|多少|几个|哪个"  # 全市有多少个区: a question, no place
                       r"|(?:(?:^[大小新老旧]|[\u4e00-\u9fff]{2})城市|市区|城区|社区|园区|景区|小区|辖区|片区|街区|校区|郊区|新区|地区|开发区|示范区|试验区|实验区"
                       r"|功能区|保税区|高新区|集聚区|核心区|经济区|合作区|保护区|自治区|自治州|地级市|县级市|直辖市|省会城市)$")


def place_words(question: str) -> list[str]:
    """The words of a Chinese question that name a place by their suffix (锡林浩特市2024年… -> 锡林浩特市)."""
    from .linking.langdetect import han_count  # the one test of whether a text is Chinese

    if not han_count(question):
        return []
    return _place_words(question)


@lru_cache(maxsize=1024)
def _place_words(question: str) -> list[str]:
    words = list(_tokenizer().cut(question))
    glued = [a + b[0] for a, b in zip(words, words[1:])  # 东岭 区; 山东 省政府 (jieba cuts the government off the name)
             if (b in _SUFFIXES or _GOVERNMENT.fullmatch(b)) and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", a)]
    leading = [m.group(1)] if (m := _LEADING_PLACE.match(question)) else []  # 东岭区到2025年: jieba cuts 东岭 | 区到
    county = [w for w in words if _COUNTY.match(w)]  # 夏县, 萧县: a name of one character
    nested = _NESTED.findall(question)  # 重庆市璧山区: jieba cuts 璧 | 山区
    governed = [m.group(1) for w in words if (m := _GOVERNED.fullmatch(w))]  # 山东省政府, 北京市人民政府: one word
    found = [w for w in words if _PLACE_WORD.match(w)] + glued + governed + leading + county + nested  # 东岭 区: unknown
    return [w for w in dict.fromkeys(found) if not _NO_PLACE.search(w)]


@lru_cache(maxsize=1)
def _tokenizer():
    from .segment import jieba_tokenizer

    return jieba_tokenizer()


def without_places(text: str) -> str:
    """``text`` with the gazetteer places it names blanked out (a question's place is its scope, not a term)."""
    _, zh, en = _surfaces()
    return en.sub(" ", zh.sub(" ", text))


def is_generic(name: str) -> bool:
    """A word that names "this text's plan/event/agency" anywhere (新基建, 行动方案, press conference)."""
    return name.strip().strip("“”\"《》").casefold() in GENERIC_NAMES or name.strip().casefold() in GENERIC_NAMES


def is_scoped(name: str, kinds, places: frozenset[str] = frozenset()) -> bool:
    """True when ``name`` only identifies an entity of these kinds inside the entity's own documents:
    a generic word, or the name of an agency, plan, event... that states no place (of the gazetteer
    or among ``places``, the names of the graph's own nikg:Place entities such as 临港新片区)."""
    if is_generic(name):
        return True
    if not set(kinds) & SCOPED_KINDS or places_in(name) or name.startswith(("国家", "National ", "State ")):
        return False
    if "Agency" in kinds and re.search(r"[\u3400-\u9fff]", name):
        # a Chinese agency name is relative when it starts with 市/省/区/县... (市发展改革委), else it is
        # the body's own name (工业和信息化部, 临港新片区管委会)
        return name.startswith(RELATIVE_PREFIXES)
    folded = name.casefold()
    return not any(p in folded for p in _folded(places if isinstance(places, frozenset) else frozenset(places)))


@lru_cache(maxsize=8)
def _folded(places: frozenset[str]) -> tuple[str, ...]:
    """The places of two characters or more, case-folded (once per set: :func:`is_scoped` is asked of every
    name of the graph with the same set)."""
    return tuple(p.casefold() for p in places if len(p) >= 2)


def jurisdiction(title: str, text: str = "") -> str | None:
    """The place a document is about: the first gazetteer place of its title, else the first of its
    first 2000 characters (None when it names none)."""
    found = places_in(title) or places_in(text[:2000])
    return found[0] if found else None


__all__ = ["places_in", "place_words", "without_places", "is_generic", "is_scoped", "jurisdiction", "GENERIC_NAMES", "SCOPED_KINDS"]
