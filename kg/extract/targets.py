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
(到2025年 -> 2025-12-31), else in the lead of the items' section (:mod:`.deadlines`). 达到/提高到 a value reads Exactly, 至少 (建成) one AtLeast.
"""
from __future__ import annotations

import re

from ..quantities import ZH_COUNTERS, ZH_FULL, ZH_MORE_AFTER, parse_quantity
from . import base
from .counted import counted_noun
from .deadlines import due, lead_deadlines
from .goals import TARGET_CUE, no_goal, qualifies_noun
from .grids import indicator_rows
from .model import Extraction
from .outline import criteria_spans, is_section_title, outline

NAME = "targets"
_CMP = r"(?:超过|多于|高于|大于|不少于|不低于|至少|不超过|不高于|低于|约|近|逾|突破|超(?![过出]))?"
#: A number (digits, not after 第/批/another digit), an optional magnitude, 多/余, a unit or classifier, 以上/左右.
_QTY = re.compile(
    r"\d+分钟(?=[\u4e00-\u9fff]{0,8}圈)|"  # 15分钟就医圈: everyone within 15 minutes
    + _CMP + r"(?<![第\d.,])\d[\d,]*(?:\.\d+)?(?:万亿|千万|百万|十万|万|亿)?(?:多|余)?"
    r"(?:平方公里|平方千米|公里|千米|平方米|立方米|千瓦时|千瓦|兆瓦|吉瓦|万?吨|斤|%|％|‰|个百分点|美元|元|公顷|亩)?"
    rf"(?:{ZH_COUNTERS})?(?:以上|左右|以内|以下|{ZH_MORE_AFTER})?"
    r"|(?<![\d])[百千万亿]{1,2}级"
    r"|(?:超过|多于|不少于|不低于)?(?:一半|半数)(?:以上)?"  # 占总课时一半以上, 超过一半: 50 %
    rf"|(?:{ZH_FULL})(?=[，。；\n]|$|达到|建成|实现|能够|完成)"  # 实现…全覆盖 (at its clause's end), 全部达到: 100 %
    r"|(?:至少|不少于)[一两二三四五六七八九十]{1,3}[个所家场次名](?![\u4e00-\u9fff]{0,2}级)"  # 建立至少一所
    r"|(?<![\d一两二三四五六七八九十百千万亿])[千万](?:名|场|人|家|个|次)以上"  # 培训千名以上, 开展万场以上
)
_SHARE = re.compile(r"[%％](?:以上)?$")
#: What follows a number that is not a quantity: a year, month, date, the G of 5G, a duration (20个工作日).
_NOT_AFTER = re.compile(r"[年月日号时]|[A-Za-z]|大[\u4e00-\u9fff]|个?方面|工作日|小时|周")
#: A declared count of the plan's own parts: 25项建设任务, 8项…政策措施, 4个方面, “35条”; the count of the items a
#: colon lists (知识产权保护方面5项：a；b) or an aspect holds (军民深度融合方面6项).
_DECLARED = re.compile(r"\d+(?:项|个|大|条)(?!左右|以上|多)[^，。；\d]{0,14}?(?:任务|措施|举措|行动|方面|领域|政策)|(?<!\d)\d{1,2}条(?:[”\"。，；]|$)"
                       r"|\d+(?:项|个|条)[：:]|(?<=方面)\d+(?:项|条)")
_ORDINAL_BEFORE = re.compile(r"第[一二三四五六七八九十\d]{1,3}[批期轮次]$")
_INDICATOR_CUE = re.compile(r"已|累计|目前|现有|共有|建设了|建成了|实现了|完成了|达到了|形成了|带动了|截至"
                            r"|(?:落实|招收|接收|培养|新增|安排)了")
_STATUS = re.compile(r"现状|基础(?!设施)|成效|进展|回顾")  # 发展基础, not 加大产业配套基础设施投资
#: A letter or a notice that reports (…办理情况的函, …的复函, 事故调查处理情况的通报): its numbers describe what is or
#: was (a village's area, a distance, a company's investment), no target unless a goal is stated (到2020年, 力争).
_REPORTING = re.compile(r"(?:复函|函|通报|答复)$")
_REPORT_TARGET_CUE = re.compile(r"到(?:19|20)\d\d|力争|目标|确保")
#: After a size (2亿元以上), the noun it classes and that noun's count (引进投资2亿元以上项目18个: 18, not 2亿元).
_CLASS_OF = re.compile(r"[\u4e00-\u9fff]{1,6}\d")


def extract_targets(doc, passages) -> Extraction:
    """Target and Indicator mentions with value, unit, comparator, deadline and quantity_text."""
    out = base.extraction(doc)
    keys: set[str] = set()
    status, criteria = _status_spans(doc.text), criteria_spans(doc.text)  # 符合下列要求的…: thresholds, no targets
    criteria += [(a, b) for _, a, b in indicator_rows(doc.text)]  # a table's rows: read by .grids
    year, leads = base.reference_year(doc), lead_deadlines(doc.text, outline(doc.text))
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
        after = doc.text[m.end():_sentence_end(doc.text, m.end())]
        if no_goal(clause, before, after) or qualifies_noun(doc.text, m.end(), _SHARE.search(m.group())) or (
                m.group().endswith(("以上", "以下")) and _CLASS_OF.match(doc.text, m.end())):
            continue  # 入围企业为2家的，…: a rule's condition; 超过100万的城市: a class of cases; 事故造成43人死亡: a toll
        c_start, c_end = _bracketed(doc.text, (c_start, c_end), m.start(), m.end())
        achieved = (_achieved(before, m.start(), status, year) or _baseline(doc.text, m)
                    or doc.text.startswith(("的基础上", "为基数", "为基础"), m.end()))  # 在…的基础上, 以…为基数: a base
        kind = "Indicator" if achieved else "Target"
        indicator = kind == "Indicator"
        unit = q.unit or counted_noun(doc.text, m)
        paragraph = doc.text[doc.text.rfind("\n", 0, m.start()) + 1:m.start()]
        value, comparator = _bounds(doc.text, m, q, before)
        for label in _distributed(doc.text, c_start, m) or [_label(doc.text, c_start, c_end, m)]:
            mention = base.mention(doc, kind, label, c_start, c_end, NAME, value=value, unit=unit,
                                   comparator=comparator, quantity_text=m.group(),
                                   deadline=None if indicator else due(before, paragraph, leads, m.start()))
            if mention.key in keys:  # two quantities in one clause: tell them apart by the phrase
                mention.key = f"{mention.key}#{base.normalize(m.group())}"
            keys.add(mention.key)
            out.mentions.append(mention)
    return out


#: A subject listing its cases before 分别/均 and the verb: 花生种植、收获机械化率分别达到 65%和55%.
_DISTRIBUTIVE = re.compile(r"(?P<subject>[\u4e00-\u9fff（）、\d]{4,40}?)(?:同比)?(?P<adv>分别|均)(?:同比)?(?:达到|提高到|"
                           r"提升到|提高至|提升至|不低于|超过|为|保持在|控制在|(?P<change>增长|下降))")


#: Cases listed before 各 and the value each gets (安定区、陇西县、临洮县各50个).
_EACH = re.compile(r"(?P<cases>[\u4e00-\u9fff（）()]{1,12}(?:、[\u4e00-\u9fff（）()]{1,12})+)各$")
#: The number of the clause before, whose words before it name what each case gets (全市新谋划…项目不少于300个).
_TOTAL = re.compile(r"^(?:全市|全省|全区|全县|全国)?(?P<what>[\u4e00-\u9fff]{2,20}?)(?:不少于|达到|超过|共|为)?\d")


def _each(text: str, c_start: int, m: re.Match) -> list[str]:
    """One label per case of 、-listed cases that each get the value (…项目不少于300个，安定区、陇西县各50个 ->
    安定区新谋划…项目50个, 陇西县新谋划…项目50个); [] when the clause lists no cases."""
    each = _EACH.search(text, c_start, m.start())
    if not each or each.start() != c_start:
        return []
    prev = text[max(text.rfind(c, 0, c_start - 1) for c in "，。；：\n") + 1:max(c_start - 1, 0)]
    total = _TOTAL.match(prev)
    what = total.group("what") if total and c_start and text[c_start - 1] == "，" else " "
    return [f"{case}{what}{m.group()}" for case in each.group("cases").split("、")]


def _distributed(text: str, c_start: int, m: re.Match) -> list[str]:
    """Labels of a value said of each case of a list (A、B率均达到45% -> A率 45%, B率 45%; 分别 ... p和q ->
    A率 p, B率 q); the cases share the words before the first and after the last (马铃薯种植、收获机械化率)."""
    if each := _each(text, c_start, m):
        return each
    head = text[c_start:m.start()]
    d = _DISTRIBUTIVE.search(re.sub(r"^(?:其中|到(?:19|20)\d\d年(?:底|末)?)", "", head))
    items = re.split(r"、|和|及", d.group("subject")) if d else []
    if len(items) < 2:
        return []
    whole = all(len(i) >= 3 and i[-1] == items[-1][-1] for i in items) or min(map(len, items[1:-1]), default=0) >= 4
    if whole and "、" not in d.group("subject")[-3:]:
        prefix, tail, cases = "", "", items  # 婴儿死亡率和5岁以下儿童死亡率; 固定资产投资、社会消费品零售总额、规模工业增加值
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
    change = d.group("change") or ""  # 分别增长8%、8.5%: each case's growth
    return [f"{prefix}{case}{tail}{change} {m.group()}" for case in cases]


def _achieved(before: str, pos: int, status, year: int | None) -> bool:
    """An achieved value: said so (已, 累计 ...), in a status section, or stated for a year before the document's
    (not one compared with: 高于2022年). 已 says so only in the number's own clause (加快已开工项目建设进度，政府投资项目
    完成投资高于50%: a goal); 累计 after 新增 is the total a goal reaches (新增5G基站1000座，累计建设5G基站4600个). In a
    status section (一、2024年工作回顾) only a goal's own words (到2025年, 力争, 目标, 确保) make a target, not 新建 or 将."""
    in_status = any(s <= pos < e for s, e in status)
    if (_REPORT_TARGET_CUE if in_status else TARGET_CUE).search(before):
        return False
    past = re.search(r"(?<![到至于比较])((?:19|20)\d\d)年(?:底|末)?[，,]", before)
    clause_start = max(before.rfind(c) for c in "，,") + 1
    cues = [c for c in _INDICATOR_CUE.finditer(before) if not (c.group() == "已" and c.start() < clause_start)
            and not (c.group() == "累计" and re.search("新增|新建", before[:c.start()]))]
    return bool(cues or in_status or (past and year and int(past.group(1)) < year))


#: 由(2018年的)X提高到…: X is the starting value, the one the target moves from.
_FROM = re.compile(r"由(?:(?:19|20)\d\d年(?:底|末)?的?)?$")
_TO = re.compile(r"(?:提高|提升|增加|增长|扩大|上升|下降|降低|减少|缩小|缩短|压缩)(?:到|至)")


def _baseline(text: str, m: re.Match) -> bool:
    """The starting value of a change (由2018年的14万公里提高到2020年的15万公里 -> 14万公里): an Indicator."""
    return bool(_FROM.search(text, max(0, m.start() - 12), m.start()) and _TO.match(text, m.end()))




def _is_quantity(text: str, m: re.Match) -> bool:
    phrase = m.group()
    if phrase.endswith("级"):
        return True
    if text.startswith(("级", "元级"), m.end()):
        return False  # 80亿元级重大项目: a class of projects by size
    has_measure = re.search(r"[万亿%％‰岁个家条项座台所区名种处户人套栋张辆元吨米瓦亩顷斤场次批]|公里|分钟|以上|左右|一半|半数|全", phrase)
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


def _sentence_end(text: str, pos: int) -> int:
    return min([i for i in (text.find(c, pos) for c in "。；\n") if i >= 0] or [len(text)])


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
        before = re.sub(r"[（(][^）)]{0,8}[）)]", "", before)  # 预计(下同)全年实现…
        subject = _SHARE_SUBJECT.match(before)
        if subject:  # 全年实现生产总值280亿元，同比增长6%: what 实现 names grew
            named = re.match(r"(?:实现|完成)([\u4e00-\u9fff]{2,12}?)\d", before[subject.end(1):])
            return (named or subject).group(1) + text[c_start:c_end]
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


#: The lower end of a range written before the number (1—2个, 2-3个): the target is that end or more.
_RANGE_LOW = re.compile(r"(\d+(?:\.\d+)?)[—–\-~～](?=\d)")


def _bounds(text: str, m: re.Match, q, before: str) -> tuple[float, str]:
    """The value and comparator of a quantity: a range's lower end and AtLeast (建成1—2个), the minutes of a service
    circle as a ceiling, else as :func:`_comparator`."""
    if q.unit == "min":
        return float(q.value), "AtMost"  # 5-10分钟托育服务圈: within 10 minutes
    low = next((r for r in _RANGE_LOW.finditer(text, max(0, m.start() - 12), m.start() + 1) if r.end() == m.start()), None)
    if low and q.comparator == "Exactly":  # 5-10万人: the lower end in the upper end's magnitude (50000)
        number = re.match(r"\d[\d,]*(?:\.\d+)?", m.group())
        return float(parse_quantity(low.group(1) + m.group()[number.end():], "zh").value), "AtLeast"
    return float(q.value), _comparator(q.comparator, before)


def _comparator(comparator: str, before: str) -> str:
    """A value not to fall below (不低于, 至少 before its verb: 至少建成1所) is met at that value or above: AtLeast; one to
    keep a value within (控制在, 降至 …) is met at that value or below: AtMost. 达到 a value states the value: Exactly."""
    before = re.sub(r"(?:\d[\d.,]*(?:万亿|亿|万)?[%％]?[和、及与])+$", "", before)  # 分别达到65%和 (55%)
    before = re.sub(r"(?:19|20)\d\d年(?:底|末)?的?$", "", before)  # 提高到2020年的15万公里
    if comparator == "Exactly" and re.search(r"不低于$|至少[\u4e00-\u9fff]{0,4}$", before):
        return "AtLeast"
    if comparator == "Exactly" and re.search(r"(?:控制在|降至|降低到|不高于|不超过|最高|最多)$", before):
        return "AtMost"  # 远景开发强度控制在30%: a ceiling
    return comparator
