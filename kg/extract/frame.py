"""The document frame: title, issuing body, 文号, date of issue, the plans it names, its meetings and dates.

Finds, for a Chinese document:

- ``Document``: title (the first non-empty line, else ``doc.title``), ``number`` (文号 such as
  国发〔2018〕42号), ``issued`` (成文日期/发布日期/印发日期, else a date line such as 2020年5月7日 at the end),
  ``issuer_key`` (the body the 文号 or the signature names, also ``responsibleAgency`` of the document);
- ``ActionPlan``: each title in 《…》 that names a plan (方案/规划/计划/意见/纲要...), with its period
  ``（2020-2022年）`` as ``period_start``/``period_end``;
- ``Event``: press conferences and meetings with the date written next to them, relative dates (5月7日)
  resolved in :func:`kg.extract.base.reference_year`; the plan a meeting approved (``approvedAt``) and the
  body that held it (``organizer``).
"""
from __future__ import annotations

import re

from ..titles import LEADERS, alternation
from . import base
from .doctitle import title_matches, title_span
from .agencies import is_agency_name
from .model import Extraction, Relation, Span
from .sessions import extract_sessions

NAME = "frame"

#: 文号: an issuer abbreviation (国发, 沪府办发), 〔2018〕 (or [2018], (2018)), a serial and 号.
_NUMBER = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,8})[〔\[［(（](?P<year>\d{4})[〕\]］)）](?P<serial>\d{1,4})[ \t]?号")
#: A State Council decree's number (中华人民共和国国务院令 / 第706号): cited as 国令第706号.
_DECREE = re.compile(r"(?P<prefix>国务院令)[ \t\u3000]*\n?[ \t\u3000]*第(?P<serial>\d{1,4})号")
#: 成文日期：2020年5月7日 / 发布日期 / 印发日期 (labelled date lines of government sites).
_LABELLED_DATE = re.compile(r"(?:成文日期|发布日期|印发日期|发文日期)[:：]\s*")
#: A page's metadata table or line (发文日期: | 2024-10-10 |, 发布时间:2022-07-27 |, 发布机构 | 区卫健局 |): read when the
#: text itself signs no date or issuer, as the page was published (a signed date is the date of issue).
_META_DATE = re.compile(r"(?:成文日期|发布日期|印发日期|发文日期|发布时间)[ \t]*(?:[:：][ \t]*)?(?:\|[ \t]*)?"
                        r"(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_META_ISSUER = re.compile(r"(?:发布机构|发布单位|发文机关|发文单位)[ \t]*(?:[:：][ \t]*)?(?:\|[ \t]*)?"
                          r"(?P<body>[\u4e00-\u9fff]{2,30}(?:人民政府|政府|办公厅|办公室|委员会|委|部|局|厅))[ \t]*(?:$|\|)", re.M)
#: A line that is only a date (the signature date at the end of a notice): 2020年5月7日 / 二〇二〇年五月七日.
_DATE_LINE = re.compile(r"^[ \t\u3000]*(?P<date>" + base.ZH_DATE.pattern + r")[ \t\u3000]*$", re.M)
#: 《title》 — a named plan; the words that make a title a plan rather than a law or a book.
_TITLE = re.compile(r"《(?P<title>[^《》\n]{2,80})》")
_PLAN_WORDS = ("方案", "规划", "计划", "意见", "纲要", "办法", "措施", "行动", "战略", "通知", "实施细则", "若干")
_PERIOD = re.compile(r"[（(](?P<a>20\d\d)\s*[-—–－~～至到]\s*(?P<b>20\d\d)年?[）)]")
#: A meeting or press conference: an optional body before it (市政府, 国务院), then its kind.
_EVENT = re.compile(r"(?P<body>(?:(?:19|20)\d\d年度?)?(?:[\u4e00-\u9fff]|\d{1,4}(?=[次届])){0,12}?)(?P<kind>新闻发布会|常务会议|全体会议|工作会议|座谈会|推进会|"
                    r"专题会议|发布会|吹风会|会商会|研讨会|(?<!审议)会议)")  # 国务院政策例行吹风会: a briefing
#: Issuers named by 文号 prefixes (the rest are read from the signature line).
_ISSUERS = {"国务院令": "国务院", "国发": "国务院", "国办发": "国务院办公厅", "国函": "国务院", "国办函": "国务院办公厅",
            "中发": "中共中央", "中办发": "中共中央办公厅"}
_LABELLED_ISSUER = re.compile(r"(?:发文机关|发布机关|发文单位|制发机关)[ \t]*[:：][ \t]*(?P<body>[\u4e00-\u9fff]{2,30}"
                              r"(?:人民政府|政府|办公厅|办公室|委员会|部|局|厅))[ \t]*$", re.M)
_SIGNATURE = re.compile(r"^[ \t\u3000]*(?P<body>[\u4e00-\u9fff]{2,30}(?:人民政府|政府|办公厅|办公室|委员会|委|部|局|厅)"
                        r"(?:[ \t\u3000]+[\u4e00-\u9fff]{2,30}(?:人民政府|政府|办公厅|办公室|委员会|委|部|局|厅))*)"
                        r"(?:[ \t\u3000]+(?P<date>" + base.ZH_DATE.pattern + r"))?[ \t\u3000]*$", re.M)  # 委员会 2019年6月17日
#: The date line under a signature, blank lines between allowed.
_DATE_UNDER = re.compile(r"[ \t\u3000]*\n(?:[ \t\u3000]*\n)*" + _DATE_LINE.pattern.removeprefix("^"), re.M)


def extract_frame(doc, passages) -> Extraction:
    """Document, ActionPlan and Event mentions of ``doc`` and the relations between them."""
    out = base.extraction(doc)
    document = _document(doc, out)
    plans = _plans(doc)
    out.mentions.extend(plans)
    for plan in plans:
        out.relations.append(Relation(document.key, "about", plan.key))
    _events(doc, plans, out)
    return out


def _document(doc, out: Extraction):
    start, end, title = title_span(doc)
    number = next((m for m in _NUMBER.finditer(doc.text[:3000]) if not _CITED_BEFORE.search(doc.text, max(0, m.start() - 3),
                                                                                               m.start())), None)
    number = number or _DECREE.search(doc.text[:300])
    issued = _issued(doc)
    cited_as = f"国令第{number.group('serial')}号" if number and number.re is _DECREE else number and number.group()
    document = base.mention(doc, "Document", title, start, end, NAME, title=title, number=cited_as or None,
                            issued=issued)
    document.label = title
    document.key = f"Document/{doc.id}"
    document.spans.extend(Span(m.start(), m.end()) for m in title_matches(doc, title) if m.start() != start)
    if number:
        document.spans.append(Span(number.start(), number.end()))
    issuers = _issuers(doc, number)
    if issuers:
        out.mentions.extend(issuers)
        document.props["issuer_key"] = issuers[0].key
        document.props["issuer_keys"] = [m.key for m in issuers]  # jointly issued: in the order the text names them
        out.relations.extend(Relation(document.key, "responsibleAgency", m.key) for m in issuers)  # the bodies that issue it
    out.mentions.insert(0, document)
    return document


#: A number right after a 《title》 in brackets (根据《…》（东政发〔2031〕5号）精神): the cited document's, not this one's.
_CITED_BEFORE = re.compile(r"》\s*[（(]$")


def _issued(doc):
    """成文日期/发布日期 labelled date, else the last date line of the text, else ``doc.published``."""
    labelled = _LABELLED_DATE.search(doc.text)
    if labelled:
        m = base.ZH_DATE.match(doc.text, labelled.end())
        if m and m.group("y"):
            return base.zh_date(m, None)
    lines = list(_DATE_LINE.finditer(doc.text))
    if lines:
        m = base.ZH_DATE.search(lines[-1].group("date"))
        if m and m.group("y"):
            return base.zh_date(m, None)
    meta = _META_DATE.search(doc.text)
    return (base.safe_date(int(meta.group("y")), int(meta.group("m")), int(meta.group("d"))) if meta else None) or doc.published


def _issuers(doc, number) -> list:
    """The issuing bodies: from the 文号 prefix (国发 -> 国务院), else a labelled 发文机关, else the signature line: in
    the text's second half, or anywhere with the date line right under it (a 印发 notice above the plan it issues);
    else the bodies the title opens with (X关于…的通知), a page's labelled 发布机构, or, in a report about the plan its
    title names, the bodies its opening sentence says issued it (X近日印发《…》). A line or title naming several bodies
    (财政部 水利部) gives each, in its order."""
    if number:
        prefix = number.group("prefix")
        for abbr, body in _ISSUERS.items():
            if prefix.endswith(abbr):
                return [_named_issuer(doc, body, number)]
    labelled = _LABELLED_ISSUER.search(doc.text)  # 发文机关：山西省人民政府 (a page's metadata)
    if labelled:
        return [_agency(doc, labelled.group("body"), labelled.start("body"))]
    signatures = [m for m in _SIGNATURE.finditer(doc.text)  # in the second half, or a date line right under it
                  if m.start() > len(doc.text) // 2 or m.group("date") or _DATE_UNDER.match(doc.text, m.end())]
    if signatures:
        m = signatures[-1]
        return [_agency(doc, b.group(), m.start("body") + b.start()) for b in _BODY.finditer(m.group("body"))]
    start, end, _ = title_span(doc)
    line = doc.text.rfind("\n", 0, start) + 1  # the bodies may open the title's line (…建设局 关于印发…的通知)
    opening = _TITLE_ISSUERS.match(doc.text, line, end)
    if opening:
        return [_agency(doc, b.group(), opening.start("bodies") + b.start()) for b in _BODY.finditer(opening.group("bodies"))]
    meta = _META_ISSUER.search(doc.text)
    return [_agency(doc, meta.group("body"), meta.start("body"))] if meta else _reported(doc)


#: A report's opening sentence naming who issued the plan it is about (河南省政府办公厅近日印发《河南省乡村建设行动实施
#: 方案》; 青海省人民政府、文化和旅游部联合印发《…》; 2024年5月湖南省人民政府印发了《…》).
_REPORTED = re.compile(r"(?:^|[。！\n]|[ \t\u3000]{2})[ \t\u3000]*(?:" + base.ZH_DATE.pattern + r"|\d{4}年\d{1,2}月)?"
                       r"(?:近期|近日|日前)?[，,]?[ \t]*(?P<bodies>[\u4e00-\u9fff、]{3,60}?)(?:近日|日前|正式|联合|共同)*印发了?《(?P<t>[^》]{4,60})》")


def _reported(doc) -> list:
    """The bodies a report's opening sentence (its first 400 characters) says issued the plan its title names."""
    title = re.sub(r"[（(][^（）()]*[)）]$", "", doc.title or "").strip()
    m = _REPORTED.search(doc.text, 0, 400)
    if not m or not title or not (m.group("t") in title or title in m.group("t")):
        return []
    names = m.group("bodies").split("、")
    if not all(is_agency_name(n) for n in names):
        return []
    at = m.start("bodies")
    return [_agency(doc, n, at + m.group("bodies").index(n)) for n in names]


#: One body of a signature line or of a title's opening (bodies separated by spaces or 、).
_BODY = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办公厅|办公室|委员会|委|国务院|部|局|厅)"
                   r"(?=[ \t\u3000、]|$|[\u4e00-\u9fff]{2,10}?人民政府$)")  # 中共宿州市委宿州市人民政府: the two, unspaced
#: The bodies a title opens with, before 关于 (成都市发展和改革委员会 中共成都市委社会工作部 … 关于印发…的通知).
_TITLE_ISSUERS = re.compile(r"(?P<bodies>(?:[\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办公厅|办公室|委员会|委|国务院|部|局|厅)"
                            r"[ \t\u3000、]*)+?)(?=关于|转发|印发)")


def _agency(doc, name: str, at: int):
    return base.mention(doc, "Agency", name, at, at + len(name), NAME, jurisdiction=base.jurisdiction(doc))


def _named_issuer(doc, body: str, number):
    """The issuer a 文号 names, its span where the text writes the name (signature line, else title)."""
    lines = [m for m in re.finditer(rf"^[ \t\u3000]*({re.escape(body)})[ \t\u3000]*$", doc.text, re.M)]
    at = lines[-1].start(1) if lines else doc.text.find(body)
    if at < 0:
        return base.mention(doc, "Agency", body, number.start(), number.end(), NAME, jurisdiction="国家")
    agency = base.mention(doc, "Agency", body, at, at + len(body), NAME, jurisdiction="国家")
    agency.spans.append(Span(number.start(), number.end()))
    return agency


#: A cited document: its 文号 right after it (（国办发〔2016〕82号）), or the formal name of another document
#: (中共中央办公厅关于…的通知) — not a plan of this text unless the text's own title names it.
_NUMBER_AFTER = re.compile(r"\s*[（(][^（）()\n]{0,12}〔\d{4}〕\d+号[）)]")
_FORMAL = re.compile(r"关于.+的(?:通知|决定|批复|复函|函|规定|决议|(?:若干)?(?:指导)?意见|请示|报告|汇报|建议)$")
#: A law, regulation or technical standard (《中华人民共和国城乡规划法》, 《城市居住区规划设计标准》): cited, never the
#: plan of the text that names it.
_LAW = re.compile(r"(?:法|标准|规范|条例)(?:（[^（）]*）)?$")


#: A rule the text acts by (按照《…办法》查处) is cited, not the plan of this text (按照《…规划》 may be its plan).
_CITING = re.compile(r"(?:按照|依照|依据|根据|遵照)$")
#: A plan another body issued before (中共中央、国务院印发的《法治政府建设实施纲要（2015—2020年）》要求…): cited.
_ISSUED_BEFORE = re.compile(r"(?:印发|发布|出台|颁布|制定)的$")
_RULE = re.compile(r"(?:办法|条例|规定|细则|法)(?:（[^（）]*）)?$")


def cited(doc, m: re.Match) -> bool:
    """True when the 《title》 at ``m`` names another document that the text cites."""
    title = m.group("title")
    if title in (doc.title or ""):
        return False
    return bool(_NUMBER_AFTER.match(doc.text, m.end()) or _FORMAL.search(title) or _LAW.search(title)
                or _ISSUED_BEFORE.search(doc.text, max(0, m.start() - 4), m.start())
                or bool(_RULE.search(title) and _CITING.search(doc.text, max(0, m.start() - 4), m.start())))


def _plans(doc):
    """ActionPlan mentions, one per distinct 《plan title》 (later occurrences become extra spans)."""
    found = {}
    for m in _TITLE.finditer(doc.text):
        title = m.group("title")
        if not (any(w in title for w in _PLAN_WORDS) or _issued_rule(doc, title)) or len(title) < 5 or cited(doc, m):
            continue
        period = _PERIOD.search(title)
        plan = base.mention(doc, "ActionPlan", title, m.start("title"), m.end("title"), NAME,
                            period_start=int(period.group("a")) if period else None,
                            period_end=int(period.group("b")) if period else None)
        if plan.key in found:
            found[plan.key].spans.append(plan.span)
        else:
            found[plan.key] = plan
    return list(found.values())


#: A decree or notice that publishes the text it names (现将修订后的《专利代理条例》公布, 现公布修订后的《X》).
_PUBLISHED = re.compile(r"现将[^。《]{0,10}《(?P<t>[^》]{2,60})》(?:予以)?(?:公布|印发|发布)"
                        r"|现(?:予)?(?:公布|印发|发布)[^。《]{0,10}《(?P<t2>[^》]{2,60})》"  # 现公布修订后的《…》
                        # 《…》已经国务院同意，现印发给你们 (a notice that issues the plan set below it)
                        r"|《(?P<t3>[^》]{2,60})》(?:已经?[^。《》\n]{0,16}?(?:同意|批准|通过)[，,]?)?现(?:予)?印发给你们")


def _issued_rule(doc, title: str) -> bool:
    """A rule set or plan that the document's title says it issues (关于印发《国务院工作规则》的通知, 关于印发国家粮食应急
    预案的函, 关于印发…两个规定的通知) or that the text publishes (现将…《专利代理条例》公布): a plan of this text; named by another, a rule or an emergency plan is cited
    (按照《国家破坏性地震应急预案》)."""
    own = doc.title or ""
    return (("印发" in own and title in own) or (title.endswith("规定") and bool(re.search(r"印发.*规定", own)))
            or any(title in m.group("t", "t2", "t3") for m in _PUBLISHED.finditer(doc.text)))


def _events(doc, plans, out: Extraction) -> None:
    """Meetings with a date in the same clause; 审议通过/印发 of a plan in that sentence -> approvedAt."""
    year = doc.published.year if doc.published else next(
        (p.props["period_start"] for p in plans if "period_start" in p.props), None)
    sessions = extract_sessions(doc, out, year)  # ——2024年1月10日在…人民代表大会第三次会议上
    for date_m in base.ZH_DATE.finditer(doc.text):
        if date_m.start() in sessions:
            continue
        clause_start, clause_end = _clause(doc.text, date_m.start(), date_m.end())
        event_m = _EVENT.search(doc.text, date_m.end(), min(clause_end, date_m.end() + 40))
        if not event_m or base.ZH_DATE.search(doc.text, date_m.end(), event_m.end()):  # a nearer date is its day
            continue
        date = base.zh_date(date_m, year or _year_nearby(doc, date_m.start()))
        body = _full_body(doc, re.sub(r"^(?:举行|召开|主持|在|的)+", "", _AFTER_VERB.split(event_m.group("body"))[-1]))
        when = f"{date.year}年{date.month}月{date.day}日" if date else date_m.group()
        part = _PART.match(doc.text, event_m.end())  # 座谈会（东北片）: the part of the meeting is its name's
        label = f"{body}{event_m.group('kind')}{part.group() if part else ''}（{when}）"
        start, end = base.trim(doc.text, min(date_m.start(), clause_start), clause_end)
        event = base.mention(doc, "Event", label, start, end, NAME, date=date, date_text=date_m.group())
        event.label = label
        out.mentions.append(event)
        _event_relations(doc, event, event_m, plans, out)
        _leader(doc, event, doc.text[date_m.end():event_m.end()], date_m.end(), out)  # 王建国总理主持召开…会议: in the match


#: Verbs before a meeting's name (赴辽宁省出席振兴装备制造业座谈会): the name starts after the last of them.
_AFTER_VERB = re.compile(r"出席|参加|召开|举行|主持|赴")
_PART = re.compile(r"[（(][\u4e00-\u9fff]{2,8}[）)]")
#: A State Council leader named before the title in the clause that tells of a meeting (曾培炎副总理率…出席…座谈会).
_LEADER = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:{alternation(LEADERS)})(?:率|出席|参加|主持)")


def _leader(doc, event, between: str, offset: int, out: Extraction) -> None:
    """The leader who attends or chairs the meeting (named between its date and the end of its name, which may
    take in the leader: 王建国总理主持召开国务院常务会议) is a participant."""
    m = _LEADER.search(between)
    if m:
        s = offset + m.start("name")
        person = base.mention(doc, "Person", m.group("name"), s, s + len(m.group("name")), NAME)
        out.mentions.append(person)
        out.relations.append(Relation(event.key, "participant", person.key))


def _year_nearby(doc, pos: int) -> int | None:
    """The last year written before ``pos`` (2019年…，3月5日), else any year of the text."""
    years = re.findall(r"(20\d\d)年", doc.text[max(0, pos - 300):pos])
    return int(years[-1]) if years else base.reference_year(doc)


def _full_body(doc, body: str) -> str:
    """市政府 / 省政府 written short in a municipal or provincial text: its full name (上海市人民政府)."""
    place = base.jurisdiction(doc)
    for short, suffix in (("市政府", "市"), ("省政府", "省")):
        if body.startswith(short) and place and place.endswith(suffix):
            return place + "人民政府" + body[len(short):]
    return body


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: back to the previous 。；\\n, on to the next 。；\\n."""
    left = max(text.rfind(c, 0, start) for c in "。；\n") + 1
    rights = [i for i in (text.find(c, end) for c in "。；\n") if i >= 0]
    return left, (min(rights) if rights else len(text))


def _event_relations(doc, event, event_m, plans, out: Extraction) -> None:
    sentence = doc.text[event.span.start:event.span.end]
    for plan in plans:
        if plan.label in sentence and re.search(r"审议通过|批准|通过了|印发", sentence):
            out.relations.append(Relation(plan.key, "approvedAt", event.key))
        elif plan.label in sentence:
            out.relations.append(Relation(event.key, "about", plan.key))
    organizer = re.search(r"([\u4e00-\u9fff]{2,12}?(?:新闻办|办公室|政府|委员会|部))(?=\d{1,2}月)",
                          doc.text[event.span.start:event_m.start()])
    if organizer:
        s = event.span.start + organizer.start(1)
        agency = base.mention(doc, "Agency", organizer.group(1), s, s + len(organizer.group(1)), NAME,
                              jurisdiction=base.jurisdiction(doc))
        out.mentions.append(agency)
        out.relations.append(Relation(event.key, "organizer", agency.key))
