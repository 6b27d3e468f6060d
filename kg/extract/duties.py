"""Responsibility stated in running text: a clause whose subject is an agency, or a list of them, and whose
verb assigns work — ``各省级人民政府要认真研究…``, ``海关总署要继续做好牵头工作``, ``国家卫生健康委要会同相关部门…``,
``国家中医药局负责组织实施…``, ``国务院办公厅将于2020年4月底前组织…``, ``各地区各有关部门要…``.

Rules (:func:`duties`):

- the clause starts a line or follows ，。；： (after an item's numbering, and after 请: 请财政部落实… asks a duty); its subject runs up to the first duty verb (:data:`_VERB`:
  要/将/应/应当/须/必须/负责/牵头/会同/对…负总责/于 or 在 a date, or an act of office — 推行/印发/建立/组织/完成/出台/
  制定/指导/统筹/落实/发布/编制 — after the agencies, ``A、B等部门`` included);
- every item of the subject (split at 、, and at 和/及/与 when both sides are agencies) must be an agency
  (国务院A行政部门、B行政部门: B shares the 国务院 of the first):
  a ministry-like name (:func:`kg.extract.agencies.is_agency_name`), a name with a jurisdiction prefix, or a
  collective body (:data:`COLLECTIVE`: 各地区各有关部门, 国务院有关部门, 各省、自治区、直辖市人民政府 …);
  a clause with any other subject (试点地区要…, 企业要…, 我们要…) assigns nothing;
- also subjects: a bare 有关部门 (政府部门, 行政部门, 地方政府) right before a modal verb (对无证经营，有关部门应当…), sectors listed before 等
  (``市场监管、发展改革…等市场监管领域有关部门要…`` is one body, 市场监管领域有关部门), and a subject followed by a
  circumstance whose duty verb opens the next clause (``县级以上地方人民政府根据…，统筹制定…``,
  ``A、B在职责范围内，分别负责…``, ``A作为…主体，要…``) or follows it in the clause (``A依照职业标准牵头组织开发…``);
- the subject leads when the verb is 牵头 or 会同 (also 要会同/将会同), when its duty is to lead (要发挥牵头作用,
  要做好牵头工作; not 要建立省级政府办公厅牵头的机制), or when a later clause of its sentence opens with 会同
  (…，会同各有关部门共同推进); the agencies named after 会同 take part.

Labelled lists (:func:`labelled`), in a parenthesis or on a line of their own: ``责任单位：A、B``, ``负责部门：A、B``,
``牵头单位：A；配合单位：B、C`` (those under 牵头 lead).

Each statement is ``(span, [(name, start, end)], number of leads)`` like the parenthesised lists of
:mod:`kg.extract.agencies`, which attaches it to the task, measure or part whose scope holds it.
"""
from __future__ import annotations

import re

from .model import Span
from .names import strip_context

#: Bodies named collectively that a text holds responsible (各地区各有关部门要…).
COLLECTIVE = re.compile(r"各地(?:区)?、?各(?:有关)?部门(?:(?:、|和)各?(?:有关)?单位)?|各有关部门(?:和单位)?|国务院(?:各)?有关部门|(?:国务院)?各部门(?!门)|各级人民政府|地方各级人民政府"
                         r"|各省(?:、自治区、直辖市|（区、市）)?(?:级)?(?:人民)?政府|各省级人民政府"
                         r"|县级以上(?:地方)?(?:各级)?人民政府|各成员单位|各级政府(?:部门)?|(?:地方)?各级[\u4e00-\u9fff]{2,6}(?:部门|机关)"
                         r"|各?(?:有关)?省（[区市、]{1,4}）(?:人民政府|和部委|[\u4e00-\u9fff]{0,6}主管部门)|中央财政"
                         r"|各地(?![区方])|(?:各|相关|有关)省份|(?:各)?试点(?:地区|城市)")
#: A bare 有关部门 is a subject only right before a modal verb (对无证经营，有关部门应当依法查处).
BARE = re.compile(r"(?:有关|相关|政府|行政|金融管理|[\u4e00-\u9fff]{2}主管)部门|地方政府"
                   r"|[\u4e00-\u9fff]{2,8}(?:部门|机关)|主管单位|主办单位")  # 民政部门要…, 行政执法机关应当…
#: Words of a clause, not of a body's name (我们将督促有关部门做好…: the subject is 我们).
_NOT_BARE = re.compile(r"[我你他将督促的在对由把向]")
#: A role in a task (牵头部门要加强协调), not a body; a verb before a body (指导各地医保部门做好…): the body is its object.
_NO_SUBJECT = re.compile(r"(?:牵头|责任|配合|协办|主办|承办|参与|成员|联系|实施)(?:单位|部门)$|(?:指导|督促|要求|推动|引导|鼓励|支持)")
#: An adverbial between a subject and its duty verb (机构编制部门按程序做好…, 财政部依法做好…): not part of the subject.
_ADVERBIAL = re.compile(r"(?:依法(?:依规)?|按程序|按规定|按要求|及时|切实|都|正在)$")
_MODAL = re.compile(r"(?:依法(?:依规)?|按程序|按规定|按要求|及时|切实|都)?(?:要|应当|应|须|必须|负责|做好)")
#: 市场监管、发展改革、…、统计等市场监管领域有关部门: sectors listed before 等 name one body, the words after it.
_SECTORS = re.compile(r"(?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8}(?:等(?P<name>[\u4e00-\u9fff]{0,8}(?:有关|相关)部门)"
                      r"|等部门|部门)|[\u4e00-\u9fff]{2,6}和[\u4e00-\u9fff]{2,6}部门")
#: A time before the subject of a duty (2019年6月底前各省份要…, 每年2月底前…): not part of it.
_WHEN = re.compile(r"(?:(?:(?:19|20)\d\d年|每年)(?:\d{1,2}月)?(?:底|末|初)?(?:前|起|以前|之前)?)?")
#: A duty to lead (海关总署要继续做好牵头工作, 市场监管总局要发挥牵头作用), not a body that leads inside the object
#: (要建立省级政府办公厅牵头的工作机制).
_LEADS = re.compile(r"(?:[^，。；]{0,4}(?:发挥|做好|履行|承担|负起))[^，。；]{0,4}牵头(?:作用|工作|职责|责任)")
#: 县级以上地方人民政府根据…，统筹制定…: the subject, then a circumstance, then (after ，) the duty verb.
_CIRCUMSTANCE = re.compile(r"根据|结合|按照|依照|依据|围绕|作为|在(?=[^，。；]{1,12}内)|在(?=[^，。；]{1,20}时$)")
#: A body named to a role (国务院办公厅是全国政务新媒体工作的主管单位, 试点城市政府是试点责任主体, A为…牵头单位).
_NAMED_TO = r"(?:是|为)(?=[^，。；]{0,30}?(?:主管|牵头|责任)(?:单位|部门|主体))"
#: A verb that gives the subject a duty (a reply's 拟: what a body intends to do next).
_VERB = re.compile(r"(?:要|将|拟|应当|应(?!急)|必须|须|负责|牵头|会同|对[^，。；]{1,30}负总责|" + _NAMED_TO
                   + r"|(?:等(?:有关|相关)?(?:部门|单位))?(?:[于在](?=\d{4}年)|推行|印发|建立|组织|完成|出台|制定|研究制定|指导|统筹|做好|监督|"
                   r"落实|设立|发布|编制|按职责))(?!的)")
#: The numbering of an item opening a clause (（三）, 三、, 3.).
#: An item's number: （三）, 三、, 3. / 3、, a decimal section number (6.2.1 财政部会同…), an article's (第四条).
NUMBERING = re.compile(r"(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}(?:[.．]\d{1,2})+[ \u3000]*"
                       r"|第[一二三四五六七八九十百\d]{1,4}条[ \u3000]*"
                       r"|\d{1,2}[.、．](?!\d))?")
_ADVERB = re.compile(r"(?:分别|共同|各自)?")
#: 与B、C等单位一起 / 与B共同 right after the duty verb: bodies that share the duty (no lead).
_TOGETHER = re.compile(r"与(?P<list>[^，。；]{2,80}?)(?:等(?:有关)?(?:部门|单位))?(?:一起|共同)")
#: A clause: after a line start or ，。；： up to the next of them.
_CLAUSE = re.compile(r"(?:(?<=[，。；：\n])|^)[^，。；：\n]{3,200}", re.M)


def duties(text: str, is_agency) -> list[tuple[Span, list[tuple[str, int, int]], int]]:
    """Running-text responsibility statements of ``text``; ``is_agency(word)`` tells an agency name."""
    found = []
    for clause in _CLAUSE.finditer(text):
        start = NUMBERING.match(text, clause.start()).end()  # （三）西藏自治区人民政府要…: the subject follows
        start += text.startswith("请", start)  # 请财政部落实…: a request is a duty
        for verb in _VERB.finditer(text, start, clause.end()):
            names = _subject(text, start, verb.start(), is_agency) or _subject_with_circumstance(
                text, start, verb.start(), is_agency)
            if names is None:
                continue
            with_at = _with_at(text, verb, clause.end())
            lead = (verb.group() == "牵头" or with_at >= 0 or bool(_LEADS.match(text, verb.end(), clause.end()))
                    or bool(re.match(_NAMED_TO + r"[^，。；]{0,30}?牵头", text[verb.start():clause.end()])))
            more = _with(text, with_at + 2, _clause_end(text, with_at), is_agency) if with_at >= 0 else []
            together = _TOGETHER.match(text, verb.end(), clause.end())  # A将与B、C等单位一起…: B and C share it
            more += _with(text, together.start("list"), together.end("list"), is_agency) if together else []
            found.append((Span(clause.start(), clause.end()), names + more, len(names) if lead else 0))
            break
        else:
            names = _circumstance_subject(text, clause, is_agency)
            if names:
                found.append((Span(clause.start(), clause.end()), names, 0))
    return found


def _clause_end(text: str, pos: int) -> int:
    m = re.compile(r"[，。；：\n]").search(text, pos)
    return m.start() if m else len(text)


def _with_at(text: str, verb: re.Match, clause_end: int) -> int:
    """Where 会同 follows the duty verb (A要会同B…), or opens a later clause of its sentence with no subject of
    its own (A要发挥牵头作用，加强统筹，会同B共同推进…); else -1."""
    if text.startswith("会同", verb.end()) or text.find("会同", verb.start(), verb.end() + 2) >= 0:
        return text.find("会同", verb.start(), verb.end() + 2)
    stop = text.find("。", clause_end)
    later = re.compile(r"，(会同)").search(text, clause_end, stop if stop >= 0 else len(text))
    return later.start(1) if later else -1


def _circumstance_subject(text: str, clause: re.Match, is_agency) -> list[tuple[str, int, int]] | None:
    """The agencies of a clause ``A根据/结合…`` whose duty verb opens the next clause (，统筹制定…)."""
    prep = _CIRCUMSTANCE.search(text, clause.start(), clause.end())
    adverb = _ADVERB.match(text, clause.end() + 1).end()  # 在职责范围内，分别负责
    if not prep or not text.startswith("，", clause.end()) or not _VERB.match(text, adverb):
        return None
    return _subject(text, clause.start(), prep.start(), is_agency)


def _subject_with_circumstance(text: str, start: int, end: int, is_agency) -> list[tuple[str, int, int]] | None:
    """The agencies of ``A依照/根据…`` before the verb of the same clause (A依照职业标准牵头组织开发…)."""
    prep = _CIRCUMSTANCE.search(text, start + 2, end)
    return _subject(text, start, prep.start(), is_agency) if prep else None


def _with(text: str, start: int, end: int, is_agency) -> list[tuple[str, int, int]]:
    """The agencies listed right after 会同 (A、B等部门…): each item's longest leading agency name."""
    out, pos = [], start
    for item in text[start:end].split("、"):
        name = next((item[:k] for k in range(min(len(item), 24), 1, -1) if _agency(item[:k], is_agency)), None)
        if name is None:
            break
        out.append((name, pos, pos + len(name)))
        if len(name) < len(item):
            break
        pos += len(item) + 1
    return out


#: The label of a list of agencies by their role.
LABEL = re.compile(r"(?P<role>牵头|责任|主责|负责|配合|参与|协同|协办)(?:考核|落实)?(?:单位|部门)[：:]")  # 牵头考核单位：
_LABELLED = re.compile(r"(?:牵头|责任|主责|负责)(?:考核|落实)?(?:单位|部门)[：:][^\n）)]*")


def labelled(text: str, list_names) -> list[tuple[Span, list[tuple[str, int, int]], int]]:
    """责任单位：A、B / 牵头单位：A；配合单位：B、C statements; ``list_names(text, start, end)`` reads a list."""
    found = []
    for m in _LABELLED.finditer(text):
        leads, others = [], []
        labels = list(LABEL.finditer(text, m.start(), m.end()))
        for i, lab in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else m.end()
            (leads if lab.group("role") == "牵头" else others).extend(list_names(text, lab.end(), end))
        if leads or others:
            found.append((Span(m.start(), m.end()), leads + others, len(leads)))
    return found


def _subject(text: str, start: int, end: int, is_agency) -> list[tuple[str, int, int]] | None:
    """The agencies of ``text[start:end]`` when all of it is a list of agencies, else None."""
    start = _WHEN.match(text, start, end).end()
    adverbial = _ADVERBIAL.search(text, start, end)
    end = adverbial.start() if adverbial else end
    if end - start < 2 or _NO_SUBJECT.match(text[start:end]):
        return None
    if COLLECTIVE.fullmatch(text, start, end) or (BARE.fullmatch(text, start, end) and _MODAL.match(text, end)
                                                    and not _NOT_BARE.search(text, start, end)):
        return [(text[start:end], start, end)]
    sectors = _SECTORS.fullmatch(text, start, end)
    if sectors and sectors.group("name"):  # …等市场监管领域有关部门: the body after 等
        return [(sectors.group("name"), sectors.start("name"), end)]
    words = re.split(r"[、和]", re.sub(r"(?:等)?部门$", "", text[start:end]))
    if sectors and not any(is_agency(w) for w in words):  # 财政、发展改革…等部门 / 财政和医保部门: sectors, one body
        return [(text[start:end], start, end)]
    return _names(text, start, end, is_agency) or None


def _names(text: str, start: int, end: int, is_agency) -> list[tuple[str, int, int]]:
    """Items of ``text[start:end]`` split at 、 (and 和/及/与 between two agencies); [] when one is no agency."""
    out, pos = [], start
    for piece in re.split(r"(、)", text[start:end]):
        if piece == "、":
            pos += 1
            continue
        items = _split_and(piece, is_agency)
        if items is None:
            return []
        for name, offset in items:
            out.append((name, pos + offset, pos + offset + len(name)))
        pos += len(piece)
    return _shared_prefix(out)


def _shared_prefix(names: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """国务院A行政部门、B行政部门: the later items share the first one's 国务院 (国务院B行政部门)."""
    if not names or not names[0][0].startswith("国务院") or not names[0][0].endswith("行政部门"):
        return names
    return [names[0]] + [("国务院" + n if n.endswith("行政部门") and not n.startswith("国务院") else n, s, e)
                         for n, s, e in names[1:]]


def _split_and(piece: str, is_agency) -> list[tuple[str, int]] | None:
    """[(name, offset)]: two agencies joined by 和/及/与 (not 工业和信息化部, whose 工业 is none), or one."""
    for m in re.finditer(r"[和及与]", piece):
        a, b = piece[:m.start()], piece[m.end():]
        if len(a) >= 2 and len(b) >= 2 and _agency(a, is_agency) and _agency(b, is_agency):
            return [(a, 0), (b, m.end())]
    return [(piece, 0)] if _agency(piece, is_agency) else None


def _agency(word: str, is_agency) -> bool:
    """A collective body or an agency name with no linking word in it (建立由农业农村部, 经财政部 are none)."""
    return bool(COLLECTIVE.fullmatch(word)) or (is_agency(word) and not re.search(r"[由的在将是了对为把从]", word)
                                                and strip_context(word)[1] == 0)
