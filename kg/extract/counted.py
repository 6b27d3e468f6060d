"""The thing a count in Chinese text counts (the ``nikg:unit`` of a target without a measurement unit): the head noun
of the phrase after the number (新建5G基站3万个 -> 基站; 100名优秀企业家 -> 人, as 名 counts people), or the noun written
before it (新增冷藏车5万辆 -> 冷藏车; 研究人员不少于400名 -> 人), for :mod:`kg.extract.targets`."""
from __future__ import annotations

import re

#: Head nouns a count is of, longest first (the last one in the noun phrase after the number wins).
_NOUNS = sorted("""讲座 充电桩 节点 企业 平台 单位 数据 机架 工厂 车间 生产线 项目 学校 医院 设施 基站 站 网点 园区 基地 中心 城市 社区 区 县
村 户 人 家庭 农场 合作社 机构 公司 用户 人次 岗位 个体 终端 设备 台 辆 家 所 座 套 张 工程 产品 标准 专利 场景 示范区 示范点 应用""".split(),
                key=len, reverse=True)
#: Where the noun phrase after a number ends: punctuation, a verb, or 和/及/与 before the next number (30所院校和120个…).
_NP_STOP = re.compile(r"[，。；、：（）\s\dA-Za-z]|[和及与或](?=\d)|规模|上云|开展|实现|覆盖|建设|部署|汇集|接入|达到|形成|大力|积极|着力|加快|推动|推进|用于")


def counted_noun(text: str, m: re.Match) -> str | None:
    """The noun a count is of: the head of the noun phrase after it (a short qualifier in brackets kept:
    150个骨干专业（群） -> 专业（群）), else the object of a verb before it in its clause (新增冷藏车5万辆 -> 冷藏车),
    else ``X数`` before it."""
    stop = _NP_STOP.search(text, m.end())
    end = stop.start() if stop else len(text)
    phrase = re.sub(r"[“”\"]", "", text[m.end():end])[:40]  # 100个“双师型”教师培养培训基地
    listed = _LISTED.match(text, m.end()) if phrase and stop and stop.group() == "、" else None
    if listed and not _head_noun_known(phrase):
        np = listed.group("np")  # 10个左右有条件、有基础、规模适当的城市: the noun after the modifiers' 的
        cut = _NP_STOP.search(np)
        phrase = np[:cut.start()] if cut else np
    if phrase:
        noun = _head_noun(phrase)
        if m.group().rstrip("以上左右多余").endswith("名") and not (noun and _PEOPLE.search(noun)):
            return "人"  # 2000名的招生规模, 1445名为基数: 名 counts people
        qualifier = re.match(r"（[\u4e00-\u9fff、]{1,6}）", text[end:])
        if noun:
            return noun + qualifier.group() if qualifier and phrase.endswith(noun) else noun
    counted = re.search(r"人次|[人户]", m.group())  # classifiers that are the counted thing themselves
    if counted:
        return counted.group()
    return _noun_before(text, m)


#: Nouns of people a count with 名 may be of (1000名教师); any other noun after 名 is no unit (2000名的招生规模).
_PEOPLE = re.compile(r"(?:学生|毕业生|新生|教师|医生|护士|人员|人才|干部|职工|工人|专家|农民|[者员师士])$")


def _head_noun_known(phrase: str) -> bool:
    """True when ``phrase`` ends with, or closes on, a noun of :data:`_NOUNS` (as :func:`_head_noun` reads it)."""
    return any(phrase.endswith(n) or (len(n) >= 2 and n in phrase and phrase.rfind(n) + len(n) >= len(phrase) - 2)
               for n in _NOUNS)


#: Modifiers listed with 、 and the noun after their 的 (有条件、有基础、规模适当的城市).
_LISTED = re.compile(r"[^，。；\n]{0,30}?的(?P<np>[\u4e00-\u9fff]{1,8})")


def _head_noun(phrase: str) -> str | None:
    """The head of a noun phrase: its last known noun, else its last word (品牌赛事 of 具有国际影响力的品牌赛事)."""
    for noun in _NOUNS:
        if phrase.endswith(noun):
            return noun
    for noun in _NOUNS:
        if len(noun) >= 2 and noun in phrase and phrase.rfind(noun) + len(noun) >= len(phrase) - 2:
            return noun
    head = phrase.rsplit("的", 1)[-1]
    if len(head) <= 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", head):
        return head if len(head) <= 3 else None
    return head[-3:] if head[-1] in _SUFFIX_NOUNS else head[-2:]  # 诺贝尔奖获得者 -> 获得者, 高级研修班 -> 研修班


#: One-character nouns that end a longer word (获得者, 研修班, 工作站): the head is the last three characters.
_SUFFIX_NOUNS = frozenset("者班站员师馆厂园室库圈带券")


def _noun_before(text: str, m: re.Match) -> str | None:
    """The counted noun written before the number: 新增冷藏车5万辆 -> 冷藏车, 机架数12万个 -> 机架, and in a list of
    "noun number" items (基地50个、示范县（市、区）200个) the item's noun, its parenthesis left out."""
    window = re.sub(r"（[^（）\n]{1,12}）$", "", text[max(0, m.start() - 24):m.start()])
    head = re.split(r"[，。；：、\n（）]", window)[-1]  # the number's own clause
    obj = re.fullmatch(r"(?:新增|新建|建成|建设|培育|打造|推广|配备|购置|改造)(?P<np>[\u4e00-\u9fff]{2,10})", head)
    if obj:  # 新增冷藏车5万辆: the object before the number; 新建农机合作社20个: its known head noun (合作社, not 作社);
        np = obj.group("np")  # 新建城市公共停车位5000个: the head at its end (车位), not the 城市 it opens with
        return np if len(np) <= 4 else next((n for n in _NOUNS if len(n) >= 2 and np.endswith(n)), None) or _head_noun(np)
    before = re.search(r"([\u4e00-\u9fff]{2,4})数(?:量)?(?:超过|达到?|为|共有?)?$", head)
    if before:
        return before.group(1)[-2:]
    owned = re.search(r"拥有(?P<np>[\u4e00-\u9fff]{2,6}?)(?:数)?(?:超过|达到|提高到|为)$", head)
    if owned:  # 每万人口拥有全科医生达到3.5名 -> 全科医生
        return owned.group("np")
    known = [(head.rfind(n) + len(n), n) for n in _NOUNS if n in head and len(n) >= 2]
    if known:
        return max(known)[1]
    if window.endswith("、" + head) and re.fullmatch(r"[\u4e00-\u9fff]{2,5}", head):
        return head  # 、示范县200个: an item of a list of counts
    cls = re.search(r"人次|场次|家次|[个家座台所户人名套栋张辆项条场次批]", m.group())
    return ("人" if cls.group() == "名" else cls.group()) if cls else None  # 研究人员不少于400名: 名 counts people


__all__ = ["counted_noun"]
