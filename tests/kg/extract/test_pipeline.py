"""kg.extract.extract_document on the bundled seeds: every record well formed, key facts found."""
import datetime as dt
from pathlib import Path

import pytest

from kg.documents import load_document
from kg.extract import extract_document, merge
from kg.extract.model import Extraction, Mention, Span
from kg.passages import segment

SOURCES = Path(__file__).resolve().parents[3] / "kg" / "sources"


@pytest.fixture(scope="module")
def seeds():
    out = {}
    for path in sorted(SOURCES.glob("*.txt")):
        doc = load_document(path)
        out[doc.language] = (doc, extract_document(doc, segment(doc)))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_records_are_well_formed(seeds, lang):
    doc, out = seeds[lang]
    keys = [m.key for m in out.mentions]
    assert len(keys) == len(set(keys))
    for m in out.mentions:
        for span in m.all_spans():
            assert 0 <= span.start < span.end <= len(doc.text), m
        assert not any(k.startswith("_") for k in m.props), m
    for r in out.relations:
        assert r.subject in keys and r.object in keys, r


def test_chinese_seed_key_facts(seeds):
    doc, out = seeds["zh"]
    by_key = out.by_key()
    labels = {(m.kind, m.label) for m in out.mentions}
    assert ("Person", "马春雷") in labels and ("Post", "市发展改革委主任") in labels
    assert sum(1 for m in out.mentions if m.kind == "Action") == 4
    assert sum(1 for m in out.mentions if m.kind == "Task") >= 25
    pile = next(m for m in out.mentions if m.kind == "Target" and m.props["quantity_text"] == "10万个")
    assert (pile.props["value"], pile.props["unit"]) == (100000, "充电桩")
    holders = [r.subject for r in out.relations if r.predicate == "hasTarget" and r.object == pile.key]
    assert [by_key[h].label for h in holders] == ["新建10万个电动汽车智能充电桩"]
    events = sorted(m.props["date"] for m in out.mentions if m.kind == "Event")
    assert events == [dt.date(2020, 4, 27), dt.date(2020, 5, 7)]


def test_merge_joins_mentions_with_one_key():
    a = Mention("Agency", "市财政局", Span(0, 4), "zh", "Agency/市财政局", "x", {"jurisdiction": "东海市"})
    b = Mention("Agency", "市财政局", Span(10, 14), "zh", "Agency/市财政局", "y", {})
    out = merge("d", [Extraction("d", [a]), Extraction("d", [b])])
    assert len(out.mentions) == 1 and out.mentions[0].all_spans() == [Span(0, 4), Span(10, 14)]


def test_rules_only_path_finds_the_seed_people_and_posts(seeds):
    doc, with_tagger = seeds["zh"]
    rules = extract_document(doc, segment(doc), tagger="rules")
    people = {m.label for m in rules.mentions if m.kind == "Person"}
    assert people == {"马春雷", "裘文进", "张建明", "周岚", "蔡军", "吴晓华"}
    assert people == {m.label for m in with_tagger.mentions if m.kind == "Person"}
    assert {m.label for m in rules.mentions if m.kind == "Post"} == \
        {m.label for m in with_tagger.mentions if m.kind == "Post"}


def test_targets_hang_off_the_goal_or_task_that_states_them(doc_factory):
    text = ("东海省推进智慧农业行动方案\n\n一、总体要求\n（一）发展目标。到2025年，全省农业数字化率达到60%。\n"
            "二、重点任务\n（一）推广智能农机装备。到2025年安装终端超过2万台。（省农业农村厅、省工业和信息化厅等负责。"
            "列第一位者为牵头单位）\n")
    doc, passages = doc_factory(text)
    out = extract_document(doc, passages, tagger="rules")
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    by_text = {m.props["quantity_text"]: m.key for m in out.mentions if m.kind == "Target"}
    assert ("Goal/发展目标", "hasTarget", by_text["60%"]) in rels
    assert ("Task/推广智能农机装备", "hasTarget", by_text["超过2万台"]) in rels
    assert ("Task/推广智能农机装备", "leadAgency", "Agency/省农业农村厅") in rels
    assert ("Task/推广智能农机装备", "responsibleAgency", "Agency/省工业和信息化厅") in rels
    terminals = out.by_key()[by_text["超过2万台"]]
    assert (terminals.props["value"], terminals.props["comparator"], terminals.props["unit"]) == (20000, "MoreThan", "终端")
    assert out.by_key()["Agency/省农业农村厅"].props["jurisdiction"] == "东海省"
