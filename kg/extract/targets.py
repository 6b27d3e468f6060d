"""Quantified targets (future) and baseline indicators (achieved) of a Chinese text.

A quantity phrase (:data:`_QTY`) is read by :func:`kg.quantities.parse_quantity` (comparators as ``nikg:comparator`` says);
phrases that are years, durations, dates, ordinals (第一批48个) or declared counts of the plan's own parts
(4大建设行动, 25项建设任务, “35条”) are skipped. The unit is the one the phrase states (CNY, kW, %, ...),
else the counted noun (个电动汽车智能充电桩 -> 充电桩; 机架数超过12万个 -> 机架). Indicator when the sentence
says it is achieved (已, 累计, 目前, 建设了 ...), it sits in a 现状/基础/成效 section or it is stated for a
year before the document's (2018年，… in a 2019 text); Target otherwise.
Parameters of measures (补贴 ... 元, 贷款最高 ..., 返还 50%) and of bodies (设召集人1人, 由…9个部门组成,
1家符合条件的X) are not targets and are skipped.
The deadline is the last day of the year or month named in the sentence, else in the paragraph before it
(到2025年 -> 2025-12-31). 达到/提高到 a value reads AtLeast.
"""
from __future__ import annotations

import re

from ..quantities import parse_quantity
from . import base
from .counted import counted_noun
from .grids import indicator_rows
from .model import Extraction
from .outline import criteria_spans, is_section_title, outline

NAME = "targets"
_CMP = r"(?:超过|多于|高于|大于|不少于|不低于|至少|不超过|不高于|约|近|逾)?"
#: A number (digits, not after 第/批/another digit), an optional magnitude, 多/余, a unit or classifier, 以上/左右.
_QTY = re.compile(
    _CMP + r"(?<![第\d.,])\d[\d,]*(?:\.\d+)?(?:万亿|千万|百万|十万|万|亿)?(?:多|余)?"
    r"(?:平方公里|平方千米|公里|千米|平方米|立方米|千瓦时|千瓦|兆瓦|吉瓦|万?吨|%|％|‰|个百分点|美元|元|公顷|亩)?"
    r"(?:人次|场次|岁(?![\u4e00-\u9fff\d])|[个家条项座台所区名种处户人套栋张辆批])?(?:以上|左右|以内|以下|多)?"
    r"|(?<![\d])[百千万亿]{1,2}级"
    r"|(?:超过|多于)?(?:一半|半数)(?:以上)?"  # 占总课时一半以上, 超过一半: 50 %
)
#: What follows a number that is not a quantity: a year, month, date, the G of 5G, a duration (20个工作日).
_NOT_AFTER = re.compile(r"[年月日号时]|[A-Za-z]|大[\u4e00-\u9fff]|个?方面|工作日|小时|周")
#: A declared count of the plan's own parts: 25项建设任务, 8项…政策措施, 4个方面, “35条”; the count of the items a
#: colon lists (知识产权保护方面5项：a；b) or an aspect holds (军民深度融合方面6项).
_DECLARED = re.compile(r"\d+(?:项|个|大|条)(?!左右|以上|多)[^，。；\d]{0,14}?(?:任务|措施|举措|行动|方面|领域|政策)|\d+条(?:[”\"。，；]|$)"
                       r"|\d+(?:项|个|条)[：:]|(?<=方面)\d+(?:项|条)")
_ORDINAL_BEFORE = re.compile(r"第[一二三四五六七八九十\d]{1,3}[批期轮次]$")
_INDICATOR_CUE = re.compile(r"已|累计|目前|现有|共有|建设了|建成了|实现了|完成了|达到了|形成了|带动了|截至"
                            r"|(?:落实|招收|接收|培养|新增|安排)了")
_TARGET_CUE = re.compile(r"到(?:19|20)\d\d|至(?:19|20)\d\d|力争|将|预计|计划|新建|目标|逐步|确保"
                         r"|(?:19|20)\d\d年(?:底|末)?(?:前)?达到")
_STATUS = re.compile(r"现状|基础(?!设施)|成效|进展|回顾")  # 发展基础, not 加大产业配套基础设施投资
#: A letter or a notice that reports (…办理情况的函, …的复函, 事故调查处理情况的通报): its numbers describe what is or
#: was (a village's area, a distance, a company's investment), no target unless a goal is stated (到2020年, 力争).
_REPORTING = re.compile(r"(?:复函|函|通报|答复)$")
_REPORT_TARGET_CUE = re.compile(r"到(?:19|20)\d\d|力争|目标|确保")
#: A clause that sets a parameter of a measure (a subsidy, a loan ceiling, a refund rate), not a target.
_PARAMETER = re.compile(r"补贴|补助|奖励|奖补|返还|贷款|贴息|担保|额度|最高|每人|每户|比例|费率|税率|罚款|估算|计算|核定|预付"
                        r"|征收率|预征率|减征|减按|抵扣|抵减|加计|收费标准|下调"
                        r"|标准为|(?:按|按照)[^，。；]{0,12}标准|限额|扣除|定额|每月")  # and a rule's standard (扣除标准为每月
# 1500元, 按扣除标准的50%扣除), not standards as documents (制修订…标准50项)
#: A sentence that sets a rule for each case (单户担保金额500万元以上的…收费，原则上不高于…0.5%), not a target.
_PER_CASE = re.compile(r"单户|单笔|单个|单家|每户|每人|每家|每笔|本单位")
#: A clause that sets a goal for the whole system even when it names a parameter (确保担保业务占比达到80%以上,
#: 逐步将平均担保费率降至1%以下).
_GOAL = re.compile(r"确保|力争|逐步")
#: A parameter of a body or a measure, not a target: its officers (设召集人1人, 设副主任2名), its members
#: (由A、B等9个部门组成), a quota per recipient (支持其行政区域内1家符合条件的X).
#: The toll of an incident, the sanctions after it or the awards a decision confers (造成86名矿工遇难,
#: 造成365人死亡、4026人重伤, 直接经济损失约46亿元, 其他22名相关责任人员也分别受到了党纪、政纪处分, 被移交司法机关):
#: what happened, neither a target nor an indicator.
_OUTCOME = re.compile(r"造成|遇难|重伤|伤亡|经济损失|处分|移交司法|移送司法|追究[^，。；]{0,6}责任"
                      r"|授予|颁发|表彰")  # and the awards a decision confers (授予…等37项成果国家自然科学奖二等奖)
_SETTING = re.compile(r"设[\u4e00-\u9fff]{1,8}?\d+[人名]|组成|\d+[家个所项]符合条件")
def extract_targets(doc, passages) -> Extraction:
    """Target and Indicator mentions with value, unit, comparator, deadline and quantity_text."""
    out = base.extraction(doc)
    keys: set[str] = set()
    status, criteria = _status_spans(doc.text), criteria_spans(doc.text)  # 符合下列要求的…: thresholds, no targets
    criteria += [(a, b) for _, a, b in indicator_rows(doc.text)]  # a table's rows: read by .grids
    year = base.reference_year(doc)
    reporting = bool(_REPORTING.search(doc.title or "")) and "印发" not in (doc.title or "")
    for m in _QTY.finditer(doc.text):
        if not _is_quantity(doc.text, m) or any(a <= m.start() < b for a, b in criteria):
            continue
        if reporting and not _REPORT_TARGET_CUE.search(doc.text[_sentence_start(doc.text, m.start()):m.end()]):
            continue
        try:
            q = parse_quantity(m.group(), "zh")
        except ValueError:
            continue
        c_start, c_end = _clause(doc.text, m.start(), m.end())
        clause = doc.text[c_start:c_end]
        s_start = _sentence_start(doc.text, m.start())
        before = doc.text[s_start:m.start()]
        if _no_goal(clause, before) or _CONDITION.match(doc.text, m.end()):  # 入围企业为2家的，…: the condition of a
            continue  # rule; 超过100万的城市: a class of cases; 事故造成43人死亡: a toll
        c_start, c_end = _bracketed(doc.text, (c_start, c_end), m.start(), m.end())
        achieved = (_achieved(before, m.start(), status, year) or _baseline(doc.text, m)
                    or doc.text.startswith(("的基础上", "为基数", "为基础"), m.end()))  # 在…的基础上, 以…为基数: a base
        kind = "Indicator" if achieved else "Target"
        indicator = kind == "Indicator"
        unit = q.unit or counted_noun(doc.text, m)
        paragraph = doc.text[doc.text.rfind("\n", 0, m.start()) + 1:m.start()]
        for label in _distributed(doc.text, c_start, m) or [_label(doc.text, c_start, c_end, m)]:
            mention = base.mention(doc, kind, label, c_start, c_end, NAME, value=float(q.value), unit=unit,
                                   comparator=_comparator(q.comparator, before), quantity_text=m.group(),
                                   deadline=None if indicator else (_deadline(before) or _deadline(paragraph)))
            if mention.key in keys:  # two quantities in one clause: tell them apart by the phrase
                mention.key = f"{mention.key}#{base.normalize(m.group())}"
            keys.add(mention.key)
            out.mentions.append(mention)
    return out


#: A subject listing its cases before 分别/均 and the verb: 花生种植、收获机械化率分别达到 65%和55%.
_DISTRIBUTIVE = re.compile(r"(?P<subject>[\u4e00-\u9fff（）、\d]{4,40}?)(?P<adv>分别|均)(?:达到|提高到|提升到|提高至|提升至|"
                           r"不低于|超过|为|保持在|控制在)")


def _distributed(text: str, c_start: int, m: re.Match) -> list[str]:
    """Labels of a value said of each case of a list (A、B率均达到45% -> A率 45%, B率 45%; 分别 ... p和q ->
    A率 p, B率 q); the cases share the words before the first and after the last (马铃薯种植、收获机械化率)."""
    head = text[c_start:m.start()]
    d = _DISTRIBUTIVE.search(re.sub(r"^(?:其中|到(?:19|20)\d\d年(?:底|末)?)", "", head))
    items = re.split(r"、|和|及", d.group("subject")) if d else []
    if len(items) < 2:
        return []
    if all(len(i) >= 3 and i[-1] == items[-1][-1] for i in items) and "、" not in d.group("subject")[-3:]:
        prefix, tail, cases = "", "", items  # 婴儿死亡率和5岁以下儿童死亡率: each case named whole
    else:
        width = len(items[1]) if len(items) > 2 else 2  # the case words: the middle ones, else two characters
        if len(items[-1]) <= width or len(items[0]) <= width or "、" not in d.group("subject"):
            return []
        prefix, tail = items[0][:-width], items[-1][width:]
        cases = [items[0][-width:], *items[1:-1], items[-1][:width]]
    if d.group("adv") == "分别":
        shown = len(re.findall(r"[和、及与]", head[head.find(d.group()) + len(d.group()):]))
        if shown >= len(cases):
            return []
        cases = [cases[shown]]
    return [f"{prefix}{case}{tail} {m.group()}" for case in cases]


def _achieved(before: str, pos: int, status, year: int | None) -> bool:
    """An achieved value: said so (已, 累计 ...), in a status section, or stated for a year before the document's."""
    if _TARGET_CUE.search(before):
        return False
    past = re.search(r"(?<![到至])((?:19|20)\d\d)年(?:底|末)?[，,]", before)
    return bool(_INDICATOR_CUE.search(before) or any(s <= pos < e for s, e in status)
                or (past and year and int(past.group(1)) < year))


#: 由(2018年的)X提高到…: X is the starting value, the one the target moves from.
_FROM = re.compile(r"由(?:(?:19|20)\d\d年(?:底|末)?的?)?$")
_TO = re.compile(r"(?:提高|提升|增加|增长|扩大|上升|下降|降低|减少|缩小|缩短|压缩)(?:到|至)")


def _baseline(text: str, m: re.Match) -> bool:
    """The starting value of a change (由2018年的14万公里提高到2020年的15万公里 -> 14万公里): an Indicator."""
    return bool(_FROM.search(text, max(0, m.start() - 12), m.start()) and _TO.match(text, m.end()))


#: A number that qualifies a noun (市辖区户籍人口超过100万的城市): a class of cases, unless a goal, level, scale or base
#: is named so (达到2000名的招生规模, 在…12000元的基础上).
_CONDITION = re.compile(r"的(?!目标|水平|[^，。；]{0,8}规模|基础上)")
#: A sentence that approves what a request named (一、同意乌鲁木齐、昌吉、石河子3个高新技术产业开发区…): its counts
#: describe the thing approved.
_APPROVED = re.compile(r"^(?:[一二三四五六七八九十]+、)?同意")
#: What an area is (港方查验区总用地面积为41.565公顷): a description, not a target.
_AREA_IS = re.compile(r"(?:用地|占地|建筑|总)面积(?:为|是|约为|共)")


#: The case a measure is for (对冬春两季销售额达2000万元且增速达15%以上的限上汽车销售企业，给予…; 对年产值首次超过1亿元的
#: 企业): its numbers are the case's threshold, no goal.
_FOR_CASE = re.compile(r"(?:^|[，。；：])对于?[^，。；]*$")
_CASE_NOUN = re.compile(r"的[^，。；]{0,12}(?:企业|单位|纳税人|个人|项目|景区|机构|商户|主体|经营者|旅行社|团队|家庭|合作社)")


def _no_goal(clause: str, before: str) -> bool:
    """True when a number of ``clause`` (``before``: its sentence up to it) states no goal: a parameter, a setting, a
    per-case rule, a condition (…的), a toll or an award, what an approval approves or what an area is."""
    return bool((_PARAMETER.search(clause) and not _GOAL.search(clause)) or _SETTING.search(clause)
                or _PER_CASE.search(before) or clause.endswith("的")
                or (_FOR_CASE.search(before) and _CASE_NOUN.search(clause))
                or ((_OUTCOME.search(before + clause) or _APPROVED.match(before) or _AREA_IS.search(before))
                    and not _TARGET_CUE.search(before)))


def _is_quantity(text: str, m: re.Match) -> bool:
    phrase = m.group()
    if phrase.endswith("级"):
        return True
    has_measure = re.search(r"[万亿%％‰岁个家条项座台所区名种处户人套栋张辆元吨米瓦亩顷]|场次|公里|以上|左右|一半|半数", phrase)
    if not has_measure:
        return False
    if _NOT_AFTER.match(text, m.end()) and not re.search(r"[万亿%％元]", phrase):
        return False
    if _DECLARED.match(text, m.start() + len(re.match(_CMP, phrase).group())):
        return False
    if _SERIAL_BEFORE.search(text, max(0, m.start() - 8), m.start()) or (
            re.match(r"\d{1,3}[.．]\d", phrase) and _SERIAL_BEFORE.search(text, max(0, m.start() - 4), m.start() + 3)):
        return False  # 11.121人才梯队项目, （三）633工程: a name's number right after an item's serial
    return not _ORDINAL_BEFORE.search(text[max(0, m.start() - 6):m.start()])


#: An item's serial number opening its line (11. / 3、 / （二）), right before a number that names the item.
_SERIAL_BEFORE = re.compile(r"(?:^|\n)[ \t\u3000]*(?:\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])$")


def _status_spans(text: str) -> list[tuple[int, int]]:
    return [(n.start, n.end) for n in outline(text) if is_section_title(n.heading, _STATUS)]


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "。；\n！？") + 1


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding ``text[start:end]``, between ，。；： (a 、 list stays whole)."""
    left = max(text.rfind(c, 0, start) for c in "，。；：\n") + 1
    rights = [i for i in (text.find(c, end) for c in "，。；\n") if i >= 0]
    return base.trim(text, left, min(rights) if rights else len(text))


def _bracketed(text: str, clause: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The part of a clause inside the open bracket that holds ``text[start:end]`` (…规模（其中1995年共落实了165名
    扩招任务）), else the clause."""
    left, right = clause
    opened = text.rfind("（", left, start)
    closed = text.find("）", end, right + 1)
    if opened >= 0 and text.find("）", opened, start) < 0 and closed >= 0:
        return base.trim(text, opened + 1, closed)
    return clause


def _label(text: str, c_start: int, c_end: int, m: re.Match) -> str:
    """``subject value`` for a rate or amount (机械化率达到75% -> 机械化率 75%; 普及率由80%提高到85% -> 普及率 80%,
    普及率 85%), else the clause, a long list before the number cut to its first item (选择北京等11个城市开展试点); a
    share whose clause opens with 占 takes the subject of the clause before (工业增加值超过1.3万亿元，占地区生产总值
    比重达25%以上 -> 工业增加值占地区生产总值比重达25%以上), as does a growth (地区生产总值完成320亿元，增长6.5% ->
    地区生产总值增长6.5%)."""
    if text.startswith(_SUBJECTLESS, c_start) and text[c_start - 1:c_start] == "，":
        before = text[max(text.rfind(c, 0, c_start - 1) for c in "，。；：\n") + 1:c_start - 1]
        subject = _SHARE_SUBJECT.match(before)
        if subject:
            return subject.group(1) + text[c_start:c_end]
    head = re.sub(r"(?:19|20)\d\d年(?:底|末)?的?$", "", text[c_start:m.start()])  # 提高到2020年的 (15万公里)
    verb = re.search(r"(?:达到|提高到|提升至|提高至|超过|保持在|控制在|为)$", head) or _FROM.search(head)
    if verb and re.search(r"[%％元瓦吨米里]", m.group()):
        subject = re.sub(r"^(?:到|至)?(?:19|20)\d\d年(?:底|末)?，?", "", head[:verb.start()]).strip("，、 ")
        subject = re.sub(r"由[^，。；]*$", "", subject)  # 普及率由80%提高到 (85%): 普及率
        subject = re.sub(r"(?:总体|整体|基本|力争)$", "", subject)  # 总体达到: the adverb is not the subject
        if subject:
            return f"{subject} {m.group()}"
    if item := _listed_item(text, c_start, c_end, m):
        return item
    if c_end - c_start > 30 and "、" in head:  # 选择北京、天津…、西安11个城市开展试点 -> 选择北京等11个城市开展试点
        return f"{head[:head.find('、')]}等{text[m.start():c_end]}".replace("等等", "等")
    return text[c_start:c_end]


def _listed_item(text: str, c_start: int, c_end: int, m: re.Match) -> str | None:
    """The item holding the value, of a clause listing several values with 、 (完成农路提档升级150公里、生命安防工程
    140公里 -> 生命安防工程140公里), when the item names something besides its number; else None. An item that states
    an attribute of the one before (新谋划重点项目630个、总投资1280亿元) keeps that one in its label."""
    items, at = [], c_start
    for piece in text[c_start:c_end].split("、"):
        items.append((at, at + len(piece)))
        at += len(piece) + 1
    if sum(bool(re.search(r"\d", text[a:b])) for a, b in items) < 2:
        return None
    i = next(i for i, (a, b) in enumerate(items) if a <= m.start() < b)
    a, b = items[i]
    if b < m.end() or len(re.findall(r"[\u4e00-\u9fff]", text[a:m.start()])) < 2:
        return None
    return text[items[i - 1][0] if i and _ATTRIBUTE.match(text, a) else a:b]


#: An attribute of the thing listed before it (…重点项目630个、总投资1280亿元).
_ATTRIBUTE = re.compile(r"(?:总|计划|累计)?(?:投资|投资额|金额|面积|规模|产值|造价|资金)")


#: The subject of a clause that states an amount (工业增加值超过1.3万亿元): the words before its verb or number.
_SHARE_SUBJECT = re.compile(r"^(?:到|至)?(?:(?:19|20)\d\d年(?:底|末)?，?)?([\u4e00-\u9fff]{2,16}?)(?:超过|超|达到|达|突破|为|实现|完成|增长"
                            r"|提高到|\d)")
#: A clause that states a share or a growth without its subject, which the clause before names.
_SUBJECTLESS = ("占", "增长", "同比增长", "增速", "下降", "同比下降")


def _comparator(comparator: str, before: str) -> str:
    """A target to 达到/提高到/提升至 a value is met at that value or above: AtLeast; one to keep a value within
    (控制在, 降至 …) is met at that value or below: AtMost."""
    before = re.sub(r"(?:\d[\d.,]*(?:万亿|亿|万)?[%％]?[和、及与])+$", "", before)  # 分别达到65%和 (55%)
    before = re.sub(r"(?:19|20)\d\d年(?:底|末)?的?$", "", before)  # 提高到2020年的15万公里
    if comparator == "Exactly" and re.search(r"(?:达到|提高到|提升到|提高至|提升至|不低于)$", before):
        return "AtLeast"
    if comparator == "Exactly" and re.search(r"(?:控制在|降至|降低到|不高于|不超过)$", before):
        return "AtMost"  # 远景开发强度控制在30%: a ceiling
    return comparator


def _deadline(before: str):
    found = list(base.ZH_DEADLINE.finditer(before))
    for d in reversed(found):
        if d.group().startswith(("到", "至", "截至")) or d.group().endswith(("底", "末", "前")):
            return base.deadline(int(d.group("y")), int(d.group("m")) if d.group("m") else None)
    return None
