"""Agencies (by name suffix) and the tasks they are responsible for.

Names: in running text, a jurisdiction prefix (国家, 省, 市, XX市 ...) and a government suffix (部/委员会/委/
局/厅/办公室/办/署/总局/政府/管委会), starting after punctuation, a line start or a linking word (由/和/与/及/
会同), see :data:`_AGENCY`; inside a responsibility list any organisational suffix (also 中心/银行/集团 ...). Each gets ``jurisdiction`` = the document's (:func:`kg.extract.base.jurisdiction`).
No alias is invented: the label is the name as written.

Responsibility (:func:`assignments`), each giving the agencies and the lead (the first one listed):

- ``（工业和信息化部、发展改革委、科技部等负责。列第一位者为牵头单位）`` — a parenthesised list ending in 负责;
  the first agency leads once the text has declared it (列第一位者为牵头单位, 排在第一位的部门为牵头部门 … in this
  or an earlier parenthesis or sentence; :mod:`kg.extract.names`),
  every listed one in ``（A、B牵头负责）``, none otherwise;
- ``由A牵头，B、C配合`` / ``A牵头，B配合`` / ``由A、B牵头`` / ``（A牵头，B按职责分工负责）`` / ``A会同B、C``
  — the 牵头 (会同) agencies lead;
- ``责任单位：A、B`` / ``牵头单位：A；配合单位：B`` (the 牵头 ones lead; :func:`kg.extract.duties.labelled`);
- a body's members ``由A、B…等N个部门和单位组成，A为牵头单位`` (all responsible, A leads);
- a clause whose subject is agencies and whose verb gives a duty (``海关总署要…``, ``各地区各有关部门要…``,
  ``A要会同B…``; :mod:`kg.extract.duties`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import base
from .bodylists import SUFFIX as _SUFFIX, list_names
from .doctitle import title_span
from .duties import BARE, COLLECTIVE, LABEL, duties, labelled
from .model import Extraction, Span
from .names import first_is_lead_from, has_clause_words, strip_context

NAME = "agencies"
#: In running text only names of government bodies: a jurisdiction prefix (国务院, 国家, 省, 市, 区, 县, XX省,
#: XX市 ...), at most 16 more characters, a government suffix not followed by a word that makes it something
#: else (部署, 局面, 办法, 会议 ...). Lists of responsible agencies (below) accept every suffix.
_GOV_SUFFIX = r"(?:办公厅（室）|部际联席会议(?:办公室)?|(?:领导|工作|协调)小组(?:办公室)?|行政部门|主管部门|委员会|监会|管委会|办公厅|办公室|人民政府|政府|总局|部|委|局|厅|办|署|机构|机关|单位|生产建设兵团)"
_AGENCY = re.compile(
    r"(?:(?<=[，。；：、（(\s“由与及和])|^|(?<=会同|组成|成立|建议))(?P<name>(?:国务院|国家|中共中央|中央|全国|自治区|[省市区县]|"
    r"[\u4e00-\u9fff]{2,5}自治区|"
    r"(?:(?![由在和与及将的等为对经会议])[\u4e00-\u9fff]){2,3}(?:省|市|区|县))[\u4e00-\u9fff]{0,16}?" + _GOV_SUFFIX + r")"
    r"(?![署面分门法理事议长员任记计心城区域际网])", re.M)  # not 部署, 局面 …, 政府网站
#: The department of a field of government, named without a jurisdiction (公安部门, 民政部门, 住房城乡建设部门): the
#: fields of the State Council's ministries and commissions (the 2018 reform's list, 国务院机构改革方案).
_FIELD = re.compile(r"(?<![\u4e00-\u9fff])(?P<name>(?:公安|民政|教育|外交|税务|财政|审计|统计|商务|水利|司法|卫生健康|人力资源社会保障"
                    r"|住房城乡建设|自然资源|生态环境|交通运输|农业农村|文化和旅游|应急管理|市场监管|医疗保障|金融监督管理"
                    r"|发展改革|工业和信息化|科技|退役军人事务)(?:行政|主管)?部门)")
#: The ministries of the State Council by their names without a prefix (教育部, 外交部, 中国人民银行), as the 2018 reform
#: (国务院机构改革方案) and the 1998 and 2008 ones name them (建设部, 信息产业部, 铁道部 in texts of their years).
_MINISTRY = re.compile(r"(?:(?<=[，。；：、（(\s“由与及和经])|^|(?<=会同|报送|批示))(?P<name>(?:外交|国防|教育|科技|工业和信息化|公安|"
                       r"国家安全|民政|司法|财政|人力资源社会保障|自然资源|生态环境|住房城乡建设|交通运输|水利|农业农村|商务"
                       r"|文化和旅游|退役军人事务|应急管理|建设|铁道|卫生|文化|农业|国土资源|环境保护|人事|劳动和社会保障"
                       r"|信息产业|科学技术|监察)部|中国人民银行|审计署)(?![门署长分位])", re.M)
#: A body being set up, named without a jurisdiction (成立城镇小区配套幼儿园治理工作小组, 成立联合采购办公室).
_SET_UP = re.compile(r"(?<=成立|组建|组成|设立)(?P<name>[\u4e00-\u9fff]{2,20}?(?:领导|工作|协调)?(?:小组|办公室)(?:办公室)?)"
                     r"(?![\u4e00-\u9fff]{0,2}[的等])")
#: The standard short names of the two general offices (国办: 国务院办公厅, 中办: 中共中央办公厅) as a subject or an
#: object, not inside a document number (国办发〔2018〕108号, 国办函).
_SHORT = re.compile(r"(?<![\u4e00-\u9fff])(?P<name>国办|中办)(?![发函秘][〔\[（(]|[\u4e00-\u9fff]*〔)"
                    r"|(?<=[由与及和同])(?P<after>国办|中办)(?![发函])")
SHORT_NAMES = ("国办", "中办")
#: A generic name of a body (领导小组, 工作小组办公室): no name of its own.
_GENERIC_BODY = re.compile(r"(?:领导|工作|协调)?(?:小组|办公室)(?:办公室)?")
_NOT_AGENCY = re.compile(r"^(?:推动|加强|建设(?!部$)|加快|完善|支持|鼓励|开展|我|本|各|有关|相关|其他|上述|市场(?!监))|[的在将等是了]|(?<!自)由"
                         r"|[部签]署$|决策|(?:举|承|创|兴|督|开|代|主|合|筹|交)办$|(?:布|格|结|全|大|开|当|时|定|变)局$"
                         r"|(?:全|内|外|局|东|西|中|北|南|干|总)部$"  # 全部, 总部: no body
                         r"|(?:金融|担保|中介|服务|医疗|卫生|培训|教育|检验|检测|认证|评估|保险|投资|科研|研究|社会|市场|经营"
                         r"|用人|企业|事业|会员|基层|代理)(?:机构|单位)$"  # market and service institutions: no government body
                         r"|^(?:中央|国家|地方|省|市|县|区)?(?:各部门)?各?(?:单位|机构|机关)$"  # 中央单位: a collective
                         r"|^(?:牵头|责任|配合|协办|主办|承办|参与|成员|联系|实施)(?:单位|部门)$"  # 牵头单位: a role in a task
                         r"|^(?:代理|代)?(?:常务)?副?[省市州县区乡镇]长(?!江)")  # 县长楚德勤代表县人民政府, 县长办(公会): a head
#: A parenthesis that assigns work: （A、B等负责。列第一位者为牵头单位） / （A负责） / （A牵头，B、C按职责分工负责，
#: 各地区参与） / （A、B指导）. Every agency named in it is responsible (负责/指导/参与/配合 alike).
_PAREN = re.compile(r"[（(](?P<list>[^（）()]{2,240}?(?:负责|牵头|参与|配合|指导)[^（）()]{0,40})[）)]")
#: (由)A牵头，B、C配合/参与/按职责分工负责: A leads, B and C take part.
_LEAD = re.compile(r"(?:[^，。；、（）]{0,20}?由)?(?P<lead>[^，。；、（）]{2,30}?)牵头[，,](?P<rest>[^。；（）]{2,200}?)(?:配合|参与|按职责分工负责)")
#: 由A牵头 / 由A负责 / 由A召开 / 经费由A承担 (A may be a list): A leads when it is 牵头 (由A负责同志担任 names a person).
_SOLE = re.compile(r"由(?P<lead>[^，。；（）]{2,60}?)(?:牵头|负责(?!同志|人)|召开|组织实施|承担)")
#: A reply's opinion formula (有关部门研究提出了办理意见：…, 证监会、发展改革委提出了以下意见：, 发展改革委意见：): the
#: bodies that give the opinion on a part of the reply answer for that part (a bare 有关部门 too).
_OPINION = re.compile(r"(?:^|(?<=[。；\n]))(?P<list>[^，。；（）：\n]{2,60}?)(?:研究)?(?:提出(?:了)?(?:以下|如下)?(?:办理)?)?意见[：:]",
                      re.M)
#: A会同B、C…: A leads (A is an agency name right before 会同, after 由 or punctuation).
_WITH = re.compile(r"(?:由|[，。；（(\n]|^)(?P<lead>[^，。；、（）由\n]{2,20}?" + _SUFFIX + r")会同"
                   r"(?P<rest>(?:[^，。；、（）\n]{2,20}?" + _SUFFIX + r"、)*[^，。；、（）\n]{2,20}?" + _SUFFIX + ")", re.M)


#: A standing assignment, said once for every item that follows: 以下均需试点城市政府落实，不再列出; 各项措施责任单位均
#: 包括各市〔州〕人民政府，以下不再列出.
_STANDING = re.compile(r"以下(?:各项|所有)?(?:任务)?(?:均|都|皆)(?:需|须|由|要)?(?P<list>[^，。；（）]{2,40}?)(?:负责)?"
                       r"(?:落实|实施|组织实施)"
                       r"|(?:各项|所有)(?:措施|任务|工作)的?(?:责任|牵头|配合)?单位(?:均|都)包括(?P<list2>[^，。；（）]{2,60}?"
                       r"(?:〔[^〔〕]{1,12}〕[^，。；（）]{0,30}?)*)[，,。；]?以下不再(?:一一)?列出")


#: A body's members: 联席会议由A、B、…、C9个部门和单位组成，A为牵头单位 — every member is responsible, the one
#: named 为牵头单位 leads.
_MEMBERS = re.compile(r"由(?P<list>[^，。；（）]{2,300}?)(?:等)?(?:[\d一二三四五六七八九十]+个)?(?:部门和单位|部门|单位)?组成"
                      r"(?:[，,](?P<lead>[^，。；、]{2,20}?)为牵头(?:单位|部门))?")


@dataclass(frozen=True)
class Assignment:
    """Agencies responsible for what the text states around ``span``; ``leads`` are the first of them that lead."""

    span: Span
    agencies: tuple[str, ...]  # agency mention keys, in the order written
    leads: tuple[str, ...]
    running: bool = False  # stated in running text (海关总署要…), not by a list (parenthesis, 责任单位：)
    standing: bool = False  # said once for every item that follows (以下均需试点城市政府落实，不再列出)


#: The salutation line of a notice addresses bodies, names none: its addressees, then a colon (各省、自治区、直辖市人民政府，
#: 国务院各部委、各直属机构：; 北京市、天津市…甘肃省人民政府，沈阳、北京…军区：; 民航总局：).
_SALUTATION = re.compile(r"^(?:各[^\n。]{0,80}|[^\n。：:]{0,300}(?:人民政府|政府|军区|部门|单位|机构|委员会|总局|部|委|局|厅|办)"
                         r"[^\n。：:]{0,60}?)[：:][ \t\u3000]*$", re.M)


def in_salutation(text: str, pos: int) -> bool:
    """True when ``pos`` lies in the salutation line of a notice."""
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(_SALUTATION.match(text, line_start))


def in_collective(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a part of a collective name (直辖市人民政府 of 各省、自治区、直辖市人民政府)."""
    return any(m.start() <= start and end <= m.end() and (m.start(), m.end()) != (start, end)
               for m in COLLECTIVE.finditer(text, max(0, start - 20), min(len(text), end + 20)))


@lru_cache(maxsize=8)
def _skipped(text: str) -> tuple[tuple[int, int], ...]:
    """Spans no agency name starts in: salutation lines, and the inside of collective names (not 直辖市人民政府 of
    各省、自治区、直辖市人民政府); read once per text (agency_names runs on many windows of one text)."""
    return tuple([(m.start(), m.end()) for m in _SALUTATION.finditer(text)]
                 + [(m.start() + 1, m.end()) for m in COLLECTIVE.finditer(text)])


def agency_names(text: str, start: int = 0, end: int | None = None):
    """(name, start, end) of each agency name in ``text[start:end]`` (outside a salutation line)."""
    skip = _skipped(text)
    end = len(text) if end is None else end
    found = [*_AGENCY.finditer(text, start, end), *_SET_UP.finditer(text, start, end), *_FIELD.finditer(text, start, end),
             *_MINISTRY.finditer(text, start, end)]
    found += [m for m in _SHORT.finditer(text, start, end) if not any(a <= m.start() < b for a, b in skip)]
    for m in sorted(found, key=lambda m: m.start()):
        if m.re is _SHORT:
            yield m.group(m.lastgroup), m.start(m.lastgroup), m.end(m.lastgroup)
            continue
        name, cut = strip_context(m.group("name"))  # 指导市场监管总局 -> 市场监管总局
        if (not _NOT_AGENCY.search(name) and not has_clause_words(m.group("name")) and len(name) >= (4 if cut else 2)
                and not _GENERIC_BODY.fullmatch(name)
                and not any(a <= m.start() < b for a, b in skip)):
            yield name, m.start("name") + cut, m.end("name")


def is_agency_name(word: str) -> bool:
    """A whole word that names a government body: with a jurisdiction prefix (:data:`_AGENCY`), or a central
    ministry or commission without one (生态环境部, 市场监管总局, 国家卫生健康委), 3 to 16 characters."""
    named = next(agency_names("，" + word), None)
    if (named and named[0] == word) or word in SHORT_NAMES:
        return True
    return (3 <= len(word) <= 16 and bool(re.fullmatch(r"[\u4e00-\u9fff]+" + _GOV_SUFFIX, word))
            and not has_clause_words(word) and strip_context(word)[1] == 0
            and not _NOT_AGENCY.search(word) and not re.search(r"(?:部署|局面|委托|办法)$", word))


#: Words of a clause caught with a body's name (引导省内龙头企业或机构, 纳入各市政府考核, 数据专区采取政府授权运营,
#: 强化政府统筹; 省、市、县三级党委; 省内重点头部企业): no body.
_CLAUSE_NAME = re.compile(r"^(?:引导|纳入|强化|推动|推进|督促|组织(?!部)|鼓励|支持|加强|期间|全面)|采取|推行|[一二三四五两]级|头部$"
                          r"|(?:数字|智慧|法治|服务型|电子|廉洁|阳光|责任)政府$|会办$")  # 数字政府: a concept, 会办: a meeting


def is_clause_name(name: str) -> bool:
    """True when a name read as a body's holds words of a clause (:data:`_CLAUSE_NAME`): no body."""
    return bool(_CLAUSE_NAME.search(name))


def extract_agencies(doc, passages) -> Extraction:
    """Agency mentions: names by suffix anywhere, and every agency of a responsibility statement."""
    out = base.extraction(doc)
    place = base.jurisdiction(doc)
    listed = [n for a in _raw_assignments(doc.text) for n in a[1]]
    # a shorter name inside a listed one (中央军委 of 中央军委政治工作部) is part of it
    title_start, title_end, _ = title_span(doc)
    named = [n for n in agency_names(doc.text) if not any(s <= n[1] and n[2] <= e and e - s > n[2] - n[1]
                                                          for _, s, e in listed)
             and not (title_start < n[1] < title_end and doc.text[n[1] - 1] == "\n")] + listed  # a wrapped title's tail
    for name, s, e in named:
        if _CLAUSE_NAME.search(name):
            continue
        out.mentions.append(base.mention(doc, "Agency", name, s, e, NAME, jurisdiction=scope(name, place),
                                         full_name=full_name(name, place)))
    return out


def full_name(name: str, place: str | None) -> str | None:
    """市政府/省政府 written short in a municipal/provincial text: 上海市人民政府 (no other name is expanded)."""
    for short, level in (("市政府", "市"), ("省政府", "省")):
        if name == short and place and place.endswith(level):
            return place + "人民政府"
    return None


def scope(name: str, place: str | None) -> str | None:
    """Jurisdiction of an agency: 国家 for 国务院…, 省级 for 各省(级)…, 地方 for 各地/各市/各县… bodies, else the
    document's."""
    if name.startswith("国务院"):
        return "国家"
    if name.startswith(("各省", "各自治区")):
        return "省级"
    if re.match(r"各(?:有关)?(?:地|市|县|区|级|镇|乡|街)|试点城市", name):
        return "地方"
    return place


def assignments(doc) -> list[Assignment]:
    """Responsibility statements of ``doc`` with agency keys (as :func:`extract_agencies` keys them)."""
    found = []
    for span, names, leads, *how in _raw_assignments(doc.text):
        keys = tuple(base.make_key("Agency", base.clean_label(n, 60)) for n, _, _ in names)
        found.append(Assignment(span, keys, keys[:leads], how == ["running"], how == ["standing"]))
    return found


def _sole(text: str, found: list) -> None:
    """由A牵头 / 由A负责 / 经费由A承担 statements not inside one already ``found`` (appended to it)."""
    for m in _SOLE.finditer(text):
        if m.group().endswith("承担") and "费" not in text[max(0, m.start() - 4):m.start()]:
            continue  # 经费由A承担: A pays; 由A承担办公室工作 is a secretariat, no duty of the text
        names = list_names(text, m.start("lead"), m.end("lead"))
        if names and not _inside(found, m.start()) and not _inside(found, m.start("lead")):
            found.append((Span(m.start(), m.end()), names, len(names) if "牵头" in m.group() else 0))


@lru_cache(maxsize=8)
def _raw_assignments(text: str) -> tuple:
    """(span, [(name, start, end)], number of leads) for each responsibility statement (read once per text: the
    agencies and the assignments of a document both need them)."""
    found = []
    declared = first_is_lead_from(text)  # 列第一位者为牵头单位: holds for every list from where it is written;
    if declared is not None and re.search(r"各项|各举措|所有|全部", text[max(0, declared - 12):declared + 4]):
        declared = 0  # 各项举措中排序第一的责任单位为该项牵头单位, said at the end: of every list
    for span, names, leads in labelled(text, list_names):  # 牵头单位：A；配合单位：B、C; 责任单位：A、B after a
        lead = leads or int(declared is not None and declared < span.start)  # declared 排序第一的…为牵头单位: A
        found.append((span, names, lead))
    found += _members(text)  # 由A、B…组成，A为牵头单位
    for m in _PAREN.finditer(text):
        if LABEL.search(m.group()):
            continue
        names, leads = _paren_leads(text, m, list_names(text, m.start("list"), m.end("list")),
                                    declared is not None and declared < m.end())
        if names:
            found.append((Span(m.start(), m.end()), names, leads))
    for m in _LEAD.finditer(text):
        leads = list_names(text, m.start("lead"), m.end("lead"))
        names = leads + list_names(text, m.start("rest"), m.end("rest"))
        if names and not _inside(found, m.start()):
            found.append((Span(m.start(), m.end()), names, len(leads)))
    for m in _WITH.finditer(text):
        leads = list_names(text, m.start("lead"), m.end("lead"))
        names = leads + list_names(text, m.start("rest"), m.end("rest"))
        if leads and not _inside(found, m.start("lead")):
            found.append((Span(m.start("lead"), m.end()), names, len(leads)))
    for m in _OPINION.finditer(text):
        bare = COLLECTIVE.fullmatch(m.group("list")) or BARE.fullmatch(m.group("list"))
        names = [(m.group("list"), m.start("list"), m.end("list"))] if bare else list_names(text, *m.span("list"))
        with_at = m.group("list").find("会同")  # A、B会同C研究提出: A and B lead
        leads = len(list_names(text, m.start("list"), m.start("list") + with_at)) if with_at > 0 else 0
        if names and not _inside(found, m.start("list")):
            found.append((Span(m.start(), m.end()), names, leads))
    _sole(text, found)
    for span, names, leads in duties(text, is_agency_name):  # 各地区各有关部门要… / A要会同B…
        if not _inside(found, span.start) and not in_salutation(text, span.start):
            found.append((span, names, leads, "running"))
    found += [(Span(m.start(), m.end()), names, 0, "standing") for m in _STANDING.finditer(text)
              if (names := list_names(text, *m.span("list" if m.group("list") else "list2")))]
    return tuple(found)


def _members(text: str) -> list:
    """(span, names, leads) of each member list of at least two agencies; the one named 为牵头单位 first."""
    found = []
    for m in _MEMBERS.finditer(text):
        names = list_names(text, m.start("list"), m.end("list"))
        leads = [n for n in names if n[0] == m.group("lead")]
        if len(names) >= 2:
            found.append((Span(m.start(), m.end()), leads + [n for n in names if n not in leads], len(leads)))
    return found


def _paren_leads(text: str, m: re.Match, names: list, first_is_lead: bool) -> tuple[list, int]:
    """The names of a parenthesised list, leads first, and how many lead: all in （A、B牵头负责）, the 牵头 ones
    in （A牵头，B…负责）, the subject of 会同 in （A、B会同有关部门负责）, else the first once declared."""
    if re.search(r"牵头(?:负责)?[）)]$", m.group()):
        return names, len(names)
    marked = [n for n in names if text.startswith("牵头", n[2])]
    with_at = next((i for i, n in enumerate(names) if text.startswith("会同", n[2])), None)
    if not marked and with_at is not None:
        marked = names[:with_at + 1]
    if marked:
        return marked + [n for n in names if n not in marked], len(marked)
    return names, 1 if first_is_lead else 0


def _inside(found, pos: int) -> bool:
    return any(f[0].start <= pos < f[0].end for f in found)
