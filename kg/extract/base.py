"""Helpers every extractor shares: making mentions, cleaning labels, dates, the document's jurisdiction.

Keys are ``Kind/normalised label`` (see :func:`make_key`); two mentions with the same key are the same
entity of the document, and :func:`kg.extract.merge` folds their spans together.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from ..names import normalize  # noqa: F401 (re-exported for extractors)
from ..quantities import chinese_integer
from .model import Extraction, Mention, Relation, Span  # noqa: F401 (Span re-exported for extractors)

#: Numbering at the start of a label: 一、 （一） (1) 1. 1、 ① 第一条 一是 and quotes left open.
_NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)"
    r"|[①-⑳]|第[一二三四五六七八九十百\d]+[条章节部分]|[一二三四五六七八九十]+是)\s*"
)
#: Punctuation a label never ends with (and never starts with, for the opening ones).
_TRAIL = "。，；：、,.;:！？!? \u3000\n\t"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CN_NUMERAL = "〇零一二两三四五六七八九十"


#: The score an assessment gives a heading (一体化政务服务平台建设（3分）): no part of its name.
_SCORE = re.compile(r"[（(]\d+(?:\.\d+)?分[）)]$")


def clean_label(text: str, max_chars: int = 30) -> str:
    """``text`` without numbering, surrounding blanks, trailing punctuation and an assessment's score (（3分）), cut to
    ``max_chars`` (zh)."""
    text = _SCORE.sub("", _NUMBERING.sub("", text.strip()).strip(_TRAIL)).strip(_TRAIL)
    if _CJK.search(text):
        text = re.sub(r"\s*\n\s*", "", text)
    limit = max_chars if _CJK.search(text) else max_chars * 4
    if len(text) > limit:
        text = text[:limit].rstrip(_TRAIL + "“《（(")
    return text


def make_key(kind: str, label: str) -> str:
    """``Kind/label`` with the label normalised (width, case, punctuation folded)."""
    return f"{kind}/{normalize(label) or label.strip()}"


def mention(doc, kind: str, label: str, start: int, end: int, extractor: str, **props) -> Mention:
    """A :class:`Mention` of ``doc`` (label cleaned, key made from kind and label, ``None`` props dropped)."""
    label = clean_label(label, 60) if kind in ("Agency", "Person", "Post", "Place", "ActionPlan") else clean_label(label)
    if kind == "Person" and _CJK.search(label):
        label = re.sub(r"[\s\u3000]+", "", label)  # 张　明 set with a typographic space is 张明
    return Mention(kind=kind, label=label, span=Span(start, end), lang=doc.language, key=make_key(kind, label),
                   extractor=extractor, props={k: v for k, v in props.items() if v is not None})


def extraction(doc, mentions: Iterable[Mention] = (), relations: Iterable[Relation] = ()) -> Extraction:
    return Extraction(document=doc.id, mentions=list(mentions), relations=list(relations))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` shrunk so that ``text[start:end]`` has no surrounding blanks or trailing punctuation."""
    while start < end and (text[start].isspace() or text[start] in "，。；、"):
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


# ---- dates -------------------------------------------------------------------------------------------

def number(text: str) -> int:
    """An integer written in digits or Chinese numerals (二〇二〇, 十二)."""
    return int(text) if text.isdigit() else chinese_integer(text)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


#: 2020年5月7日 / 二〇二〇年五月七日 / 5月7日 (year optional).
ZH_DATE = re.compile(rf"(?:(?P<y>\d{{4}}|[{_CN_NUMERAL}]{{4}})年)?(?P<m>\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}})月"
                     rf"(?P<d>\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}})[日号]")


def zh_date(m: re.Match, default_year: int | None) -> dt.date | None:
    """The date of a :data:`ZH_DATE` match; a date without a year takes ``default_year`` (or is None)."""
    year = number(m.group("y")) if m.group("y") else default_year
    if year is None:
        return None
    return safe_date(year, number(m.group("m")), number(m.group("d")))


#: 到2025年 / 到2022年底 / 2019年12月底前 / 2022年6月 / 2025年前 — a deadline (year, optional month).
ZH_DEADLINE = re.compile(r"(?:到|至|截至|在|于)?(?P<y>(?:19|20)\d\d)年(?:(?P<m>\d{1,2})月)?(?:底|末)?(?:前|以前|之前)?")


def deadline(year: int, month: int | None = None) -> dt.date:
    """The last day of the year or month a deadline names (到2025年 -> 2025-12-31; 2022年6月 -> 2022-06-30)."""
    return month_end(year, month) if month else dt.date(year, 12, 31)


def reference_year(doc, text: str | None = None) -> int | None:
    """The year that relative dates (5月7日) are read in: doc.published, else a plan period, else a year written."""
    if doc.published:
        return doc.published.year
    text = doc.text if text is None else text
    period = re.search(r"[（(](20\d\d)\s*[-—–－~～至到]\s*20\d\d年?[）)]", text)
    if period:
        return int(period.group(1))
    year = re.search(r"(20\d\d)年", text)
    return int(year.group(1)) if year else None


# ---- jurisdiction ------------------------------------------------------------------------------------

#: Document-number prefixes (文号) of bodies whose jurisdiction is the whole country.
NATIONAL_PREFIXES = ("国发", "国办发", "国函", "国办函", "中发", "中办发")
#: Province-level abbreviations used in 文号 (沪府发 -> 上海市).
PROVINCE_ABBR = {"沪": "上海市", "京": "北京市", "津": "天津市", "渝": "重庆市", "粤": "广东省", "川": "四川省",
                 "苏": "江苏省", "浙": "浙江省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
                 "闽": "福建省", "皖": "安徽省", "冀": "河北省", "晋": "山西省", "陕": "陕西省", "辽": "辽宁省",
                 "吉": "吉林省", "黑": "黑龙江省", "赣": "江西省", "桂": "广西壮族自治区", "琼": "海南省",
                 "贵": "贵州省", "黔": "贵州省", "云": "云南省", "滇": "云南省", "甘": "甘肃省", "青": "青海省",
                 "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区", "藏": "西藏自治区", "蒙": "内蒙古自治区"}
_PLACE_CHARS = r"(?:(?![由在和与及将的等为对经会议全本各])[\u4e00-\u9fff])"
_REGION = re.compile(rf"((?:(?!代表){_PLACE_CHARS}){{2,3}}?(?:省|自治区|市))(?:人民政府|政府|委员会|发展改革委|新闻)")  # not 刘建国代表市…
_TITLE_REGION = re.compile(rf"\s*(?:(?:19|20)\d\d年度?)?({_PLACE_CHARS}{{2,3}}?(?:省|自治区|市))")  # 2023年西川市…
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")


def jurisdiction(doc) -> str | None:
    """Where the document's bodies sit: "国家" for 国发/国务院 texts, else the province or city it names first."""
    head = f"{doc.title}\n{doc.text[:600]}"
    number_ = re.search(r"([\u4e00-\u9fff]{1,4})〔\d{4}〕", head)
    if number_:
        prefix = number_.group(1)
        if prefix.startswith(NATIONAL_PREFIXES):
            return "国家"
        if prefix[0] in PROVINCE_ABBR:
            return PROVINCE_ABBR[prefix[0]]
    if re.match(r"\s*(?:国务院|中共中央|国家)", doc.title or "") or re.search(r"国务院(?:办公厅)?关于", head):
        return "国家"
    region = _TITLE_REGION.match(doc.title or "") or _REGION.search(head)
    if region:
        return region.group(1)
    for city in _MUNICIPALITIES:
        if city in head:
            return city + "市"
    return None
