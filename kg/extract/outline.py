"""The numbered outline of a policy text: 一、 / （一） / 1. 1、 / （1） / ① / 第X章 第X条 / 一是 at a line start.

:func:`outline` returns a tree of :class:`Node` (heading span, body span, children); inline enumerations
inside a body (一是…二是…, 主要包括：…；…；) are read by :func:`enumerations`. :mod:`kg.extract.structure`
decides what each node is (Action, Task, Goal, ...).

What closes a document is no item's body: the signature block (the issuer on a line of its own, then the
date) ends every open item, and a list of one-paragraph items (三十、对…。（国务院办公厅负责）) followed by
unnumbered paragraphs leaves those paragraphs to the list's parent (the document's closing text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUM = "一二三四五六七八九十"
#: (rank, pattern) of numbering at a line start; a smaller rank is a higher level.
_LEVELS = [
    (0, re.compile(rf"第[{_NUM}百\d]+[章部](?:分)?\s*")),
    (1, re.compile(rf"[{_NUM}]+[、．.]\s*")),
    (2, re.compile(rf"[（(][{_NUM}]+[）)]\s*")),
    (2.5, re.compile(rf"[{_NUM}]+是(?=[\u4e00-\u9fff“])")),
    (3, re.compile(rf"第[{_NUM}百\d]+条\s*|\d{{1,2}}[、．.](?!\d)\s*|\d{{1,2}}[．.](?=(?:19|20)\d\d年)")),  # 23.2023年…
    (4, re.compile(r"[（(]\d{1,2}[）)]\s*")),
    (5, re.compile(r"[①-⑳]\s*")),
]
#: Decimal numbering (the chapters of an emergency plan: 1 总则, 1.1 编制目的及依据, 2.1.3 成员单位职责): levels of
#: their own in a text that numbers both chapters and sections so (:data:`_DECIMAL_TEXT`).
_DECIMAL = [
    (1, re.compile(r"\d{1,2}[ \t\u3000]+(?=[\u4e00-\u9fff])")),
    (2, re.compile(r"\d{1,2}\.\d{1,2}(?![.\d])[ \t\u3000]*(?=[\u4e00-\u9fff（(“])")),
    (2.2, re.compile(r"\d{1,2}\.\d{1,2}\.\d{1,2}(?![.\d])[ \t\u3000]*(?=[\u4e00-\u9fff（(“])")),
]
_DECIMAL_TEXT = re.compile(r"^[ \t\u3000]*1[ \t\u3000]+[\u4e00-\u9fff][^\n]*\n(?:[^\n]*\n){0,40}?[ \t\u3000]*1\.1[ \t\u3000]*[\u4e00-\u9fff]",
                           re.M)
#: A rule set of articles (第一条 … 第二十九条, in chapters): an article's （一）… and 1. … items are its content (款 and
#: 项 of one rule), no items of their own; chapters, sections (第X节) and articles are the outline.
_ARTICLE_TEXT = re.compile(r"^[ \t\u3000]*第[一二三四五六七八九十百\d]+条[\s\S]*?^[ \t\u3000]*第[二三四五六七八九十百\d]+条", re.M)
_ARTICLES = [(0, _LEVELS[0][1]), (1, re.compile(r"第[一二三四五六七八九十\d]+节\s*")),
             (3, re.compile(r"第[一二三四五六七八九十百\d]+条\s*"))]
#: A table of contents (目  录 and the headings it lists): no node; it ends where its first heading is set again.
_CONTENTS = re.compile(r"^[ \t\u3000]*目[ \t\u3000]*录[ \t\u3000]*\n(?P<first>[^\n]+)\n", re.M)



#: Where a heading ends: the first 。！？ or ：, or the line end.
_HEADING_END = re.compile(r"[。！？：:]|$", re.M)
#: A section title is short or ends with its keyword: a long heading holding 成效 or 政策措施 inside
#: (对…成效明显的省（区、市）) is an item, no section (:func:`is_section_title`).
SECTION_TITLE_MAX = 20
#: A responsibility parenthesis closing a heading line (（一）加强水源地保护（水利部、生态环境部负责）): not the label.
_DUTY_PAREN = re.compile(r"[（(][^（）()\n]{2,240}?(?:负责|牵头|参与|配合)[^（）()\n]{0,40}[）)]\s*$")
#: Inline enumeration markers inside a body: 一是 二是 …, （1）（2）…, ①②….
_INLINE = re.compile(rf"(?<![\u4e00-\u9fff])[{_NUM}]+是|(?<=[。；，：])[{_NUM}]+是|[（(]\d{{1,2}}[）)]|[①-⑳]")
#: A list introduced by a colon: 主要包括：a；b；c。 (the intro must say 包括/任务/工作/举措/措施).
_LIST_INTRO = re.compile(r"(?:包括|任务|工作|举措|措施|内容)(?:有|是|为)?[：:]")
#: Words that start a new task inside a clause list (split "建设X，打造Y" in two; not 带动/支持, which qualify).
TASK_VERBS = ("建设", "打造", "探索", "推动", "构建", "拓展", "培育", "完善", "加快", "推进", "开展", "争取", "布局",
              "新建", "建成", "部署", "实施", "建立", "健全", "提升", "加强", "强化", "优化", "深化", "鼓励", "引导",
              "支持建设", "规模化")
#: A clause that starts with one of these is a circumstance of the next clause, not a task of its own.
PREPOSITIONS = ("围绕", "立足", "聚焦", "按照", "依托", "通过", "结合", "针对", "面向", "对标", "根据", "在", "为", "以")


def is_section_title(heading: str, pattern: re.Pattern) -> bool:
    """True when ``pattern`` (保障措施, 发展目标, 现状 ...) names the section of ``heading``: a short heading holding
    it, or a longer one ending with it (提出了符合城市定位的具体行动目标)."""
    found = list(pattern.finditer(heading))
    return bool(found) and (len(heading) <= SECTION_TITLE_MAX or found[-1].end() == len(heading))


#: A lead-in that lists criteria, not tasks: 符合下列要求的社会团体予以保留, 对存在下列问题的社会团体要进行整改,
#: 应具备以下条件： (the items are conditions a case meets; their numbers are thresholds, not targets).
_CRITERIA = re.compile(r"(?:下列|以下|如下)(?:几项|各项)?(?:要求|条件|情形|问题|标准|内容|事项)")


def lists_criteria(text: str, node: "Node") -> bool:
    """True when ``node``'s heading, or its lead-in before its first item, introduces a list of criteria."""
    return bool(_CRITERIA.search(text, node.start, node.children[0].start if node.children else node.heading_end))


def criteria_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the criteria lists of ``text`` (from the first item to the end of the node that lists them)."""
    found, stack = [], list(outline(text))
    while stack:
        node = stack.pop()
        if node.children and lists_criteria(text, node):
            found.append((node.children[0].start, node.end))
        else:
            stack.extend(node.children)
    return found


def is_duty_paren(text: str) -> bool:
    """True when ``text`` is only a responsibility parenthesis (（水利部、生态环境部负责）)."""
    m = _DUTY_PAREN.search(text.strip())
    return bool(m) and m.start() == 0


@dataclass
class Node:
    rank: float
    number: str
    start: int  # numbering start
    heading_end: int  # end of the heading text
    end: int  # end of the whole item (body included)
    heading: str
    children: list["Node"] = field(default_factory=list)

    @property
    def height(self) -> int:
        return 1 + max((c.height for c in self.children), default=-1)


def _contents(text: str) -> list[tuple[int, int]]:
    """The span of a table of contents: from 目录 to the line that sets its first entry again."""
    m = _CONTENTS.search(text)
    again = m and re.compile(rf"^[ \t\u3000]*{re.escape(m.group('first').strip())}[ \t\u3000]*$", re.M).search(text, m.end())
    return [(m.start(), again.start())] if again else []


def _line_node(text: str, start: int, end: int, levels=_LEVELS) -> Node | None:
    for rank, pattern in levels:
        m = pattern.match(text, start, end)
        if m and m.end() < end:
            h = _HEADING_END.search(text, m.end(), end)
            h_end = h.start() if h else end
            if h_end - m.end() > 60:  # a long first sentence: its first clause is the heading
                comma = text.find("，", m.end(), h_end)
                h_end = comma if comma > 0 else m.end() + 60
            duty = _DUTY_PAREN.search(text, m.end(), h_end)
            h_end = duty.start() if duty and duty.start() > m.end() else h_end
            return Node(rank, m.group().strip(), start, h_end, end, text[m.end():h_end].strip())
    return None


#: The signature block: the issuer alone on a line (国务院办公厅), the date alone on the next.
_SIGNATURE = re.compile(r"^[ \t\u3000]*(?:[\u4e00-\u9fff、]{2,40}(?:人民政府|政府|办公厅|办公室|委员会|国务院|部|委|局|厅)|国务院)"
                        r"[ \t\u3000]*\n[ \t\u3000]*(?:\d{4}|[〇零一二三四五六七八九]{4})年[^\n]{1,8}日[ \t\u3000]*$", re.M)


#: An attachment that is a form or a specimen (附件 / 应急救援专用号牌式样和车辆涂装样图): its numbered parts describe
#: the form (号牌编码规则, 号牌规格尺寸), no work of the text; it runs to the next 附件 line or the end.
_FORM = re.compile(r"^[ \t\u3000]*附件\s*\d*[ \t\u3000]*\n[ \t\u3000]*[^\n]{2,60}(?:式样|样式|样图|样表|格式|图样|示意图)"
                   r"[ \t\u3000]*$", re.M)


#: The line that opens an attachment or lists them (附件 / 附件2 / 附件：重点任务分工表): no item runs on past it.
_ATTACHMENT_LINE = re.compile(r"^[ \t\u3000]*附件[ \t\u3000]*\d{0,2}[ \t\u3000]*(?:[:：][^\n。]{0,60})?$")


def _forms(text: str) -> list[tuple[int, int]]:
    """Spans of the attachments that are forms (:data:`_FORM`)."""
    spans = []
    for m in _FORM.finditer(text):
        after = re.compile(r"^[ \t\u3000]*附件", re.M).search(text, m.end())
        spans.append((m.start(), after.start() if after else len(text)))
    return spans


def outline(text: str, breaks: tuple[int, ...] = ()) -> list[Node]:
    """The top-level nodes of ``text``; each node's body runs to the next node of the same or a higher level
    (or to a signature block, to a line at one of ``breaks`` — where the text of an issued plan starts — or to an
    attachment that is a form: no node is read inside it)."""
    roots: list[Node] = []
    stack: list[Node] = []
    signatures = {m.start() for m in _SIGNATURE.finditer(text)} | {b + 1 for b in breaks}
    skipped = _forms(text) + _contents(text)
    levels = _DECIMAL + _LEVELS if _DECIMAL_TEXT.search(text) else _ARTICLES if _ARTICLE_TEXT.search(text) else _LEVELS
    for line in re.finditer(r"[^\n]+", text):
        if line.start() in signatures or any(s <= line.start() < e for s, e in skipped) \
                or _ATTACHMENT_LINE.match(line.group()):
            stack.clear()  # the issuer and date, or an attachment's line, close every item; a form holds none
            continue
        s = line.start() + len(line.group()) - len(line.group().lstrip(" \t\u3000"))
        node = _line_node(text, s, line.end(), levels)
        if node is None:
            if stack:
                for open_node in stack:
                    open_node.end = line.end()
            continue
        while stack and stack[-1].rank >= node.rank:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        for open_node in stack:
            open_node.end = line.end()
        stack.append(node)
    for region in sorted({sum(b < n.start for b in breaks) for n in roots}):  # each issued plan's text ends its own
        _leave_closing_text(text, [n for n in roots if sum(b < n.start for b in breaks) == region])
    return roots


def _leave_closing_text(text: str, nodes: list[Node], top: bool = True) -> bool:
    """In a list of at least three one-paragraph items (or of items numbered on from an earlier list), the last
    item ends with its paragraph too: what follows
    it belongs to the list's parent (the closing text of 三十、… in a notice of thirty measures). When that list
    is the last part's, the text after it closes the document, not that part (…（二十七）…。 各地区、各部门要…).
    True when the last item was ended so."""
    one_line = ["\n" not in text[n.start:n.end].strip() for n in nodes]
    continued = bool(nodes) and not re.fullmatch(r"[（(]?第?[一1][）)、．.是]?(?:条|章|部分?)?", nodes[0].number)  # （三十） after （二十九）
    left = (len(nodes) >= 3 or continued) and all(one_line[:-1]) and not one_line[-1] and not nodes[-1].children
    if left:
        last = nodes[-1]
        last.end = text.find("\n", last.start, last.end)
    for n in nodes:
        if _leave_closing_text(text, n.children, top=False) and top and n is nodes[-1]:
            n.end = n.children[-1].end
    return left


def _split_clauses(text: str, start: int, end: int, by_comma: bool) -> list[tuple[int, int]]:
    """Clause spans of ``text[start:end]`` split at ；。 and, with ``by_comma``, at ， before a task verb."""
    pieces, pos = [], start
    for m in re.finditer(r"[；;。]", text[start:end]):
        pieces.append((pos, start + m.start()))
        pos = start + m.end()
    pieces.append((pos, end))
    if not by_comma:
        return [p for p in pieces if p[1] - p[0] > 1]
    out = []
    for s, e in pieces:
        cut = s
        for m in re.finditer("，", text[s:e]):
            nxt = text[s + m.end():e]
            before = text[cut:s + m.start()]
            if nxt.startswith(TASK_VERBS) and not re.match(r"[^，]*?\d", nxt) and not before.startswith(PREPOSITIONS):
                out.append((cut, s + m.start()))
                cut = s + m.end()
        out.append((cut, e))
    return [p for p in out if p[1] - p[0] > 1]


#: A lead-in to a list of shortcomings, difficulties or causes (存在一些问题：, 主要困难是：): the items are findings.
_PROBLEMS = re.compile(r"(?:问题|不足|困难|原因|差距|短板)(?:是|有|主要有|主要是)?[：:][ \t\u3000]*$")


def enumerations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Enumerated items of a body: 一是…二是…, （1）…（2）…, or a 主要包括：a；b；c list (clause spans)."""
    markers = list(_INLINE.finditer(text, start, end))
    if markers and _PROBLEMS.search(text, max(start, markers[0].start() - 12), markers[0].start()):
        return []  # 也存在一些问题：一是…二是…: shortcomings found, no items of work
    if len(markers) >= 2:
        bounds = [m.start() for m in markers] + [end]
        return [(bounds[i], bounds[i + 1]) for i in range(len(markers))]
    intro = _LIST_INTRO.search(text, start, end)
    if intro and not _CRITERIA.search(text, max(start, intro.start() - 6), intro.end()):  # 审核以下内容：a；b (aspects)
        return _split_clauses(text, intro.end(), end, by_comma=True)
    return []


def colon_list(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """Items of the first ``…：a，b，c。`` list in the body and where that list ends (goal/principle lists)."""
    colon = re.compile(r"[：:]").search(text, start, end)
    if not colon:
        return [], start
    stop = text.find("。", colon.end(), end)
    stop = end if stop < 0 else stop
    items = [(s, e) for s, e in _split_items(text, colon.end(), stop)]
    return (items if len(items) >= 2 else []), stop + 1


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in re.finditer(r"[，；;,]", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [p for p in out if p[1] - p[0] > 1]
