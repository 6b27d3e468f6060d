"""Hand-made extractions (records as an extractor would produce them) for tests of the graph layer.

``extract(doc, passages)`` returns, for the Beijing-style text written for the tests
(``scope_texts/beijing_plan.txt``) and for the Chinese seed, the records spelled out below; every
span is found in the document's text, so evidence and quotes are real.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from kg.extract.model import Extraction, Mention, Relation, Span

TEXTS = Path(__file__).parent / "scope_texts"
ZH_SEED = "000_16386def272757a0"
VERSION = "handmade-1"


def _span(text: str, phrase: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    return Span(at, at + len(phrase))


def _m(doc, kind: str, label: str, key: str, phrase: str | None = None, nth: int = 0, more=(), **props) -> Mention:
    spans = [_span(doc.text, p, n) for p, n in more]
    return Mention(kind, label, _span(doc.text, phrase or label, nth), doc.language, key, f"test.{kind.lower()}",
                   props, spans)


def beijing(doc) -> Extraction:
    end = dt.date(2022, 12, 31)
    ms = [
        _m(doc, "ActionPlan", "北京市推进新型基础设施建设行动方案（2020-2022年）", "plan", period_start=2020, period_end=2022),
        _m(doc, "Event", "新闻发布会", "event", date=dt.date(2020, 5, 20), date_text="5月20日"),
        _m(doc, "Agency", "市发展改革委", "ndrc", more=[("市发展改革委", 1), ("发改委", 0)],
           full_name="北京市发展和改革委员会", jurisdiction="北京"),
        _m(doc, "Agency", "市通信管理局", "comms", full_name="北京市通信管理局", jurisdiction="北京"),
        _m(doc, "Agency", "市经济和信息化局", "econ", full_name="北京市经济和信息化局", jurisdiction="北京"),
        _m(doc, "Person", "张立", "zhang"),
        _m(doc, "Post", "市发展改革委主任", "post"),
        _m(doc, "Action", "建设新型网络基础设施", "action", number="（一）"),
        _m(doc, "Target", "新建5G基站3万个以上", "t-5g", "全市新建5G基站3万个以上", value=30000.0, unit="5G base station",
           comparator="AtLeast", deadline=end, quantity_text="3万个以上"),
        _m(doc, "Target", "新建电动汽车充电桩5万个", "t-piles", value=50000.0, unit="charging pile",
           comparator="Exactly", deadline=end, quantity_text="5万个"),
        _m(doc, "Target", "没有单位的数", "t-bad", "3万个", value=30000.0),  # no unit: dropped
    ]
    rel = [("plan", "hasAction", "action"), ("action", "leadAgency", "comms"), ("action", "responsibleAgency", "ndrc"),
           ("action", "responsibleAgency", "econ"), ("zhang", "holdsPost", "post"), ("post", "affiliation", "ndrc"),
           ("zhang", "affiliation", "ndrc"), ("plan", "hasTarget", "t-5g"), ("plan", "hasTarget", "t-piles")]
    return Extraction(doc.id, ms, [Relation(*r) for r in rel])


def shanghai(doc) -> Extraction:
    ms = [
        _m(doc, "Target", "新建10万个电动汽车智能充电桩", "t-piles", value=99999.0, unit="charging pile",
           comparator="Exactly", deadline=dt.date(2022, 12, 31), quantity_text="10万个"),
        _m(doc, "Agency", "市发展改革委", "ndrc", jurisdiction="上海"),
    ]
    return Extraction(doc.id, ms, [])


def extract(doc, passages) -> Extraction:
    if doc.id == "beijing_plan":
        return beijing(doc)
    if doc.id == ZH_SEED:
        return shanghai(doc)
    return Extraction(doc.id)
