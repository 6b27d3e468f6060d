"""``nikg eval-extract``: P/R/F1 per class and relation against the curated seeds and gold files."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from kg.extract.commands import evaluate
from kg.settings import Settings

import handmade  # tests/kg/handmade.py (pytest puts this folder on sys.path)

GOLD = {
    "document": "beijing_plan", "split": "test",
    "entities": [
        {"id": "a1", "kind": "Agency", "label": "市发展改革委", "quote": "市发展改革委"},
        {"id": "a2", "kind": "Agency", "label": "市通信管理局", "quote": "市通信管理局"},
        {"id": "t1", "kind": "Target", "label": "新建电动汽车充电桩5万个", "quote": "新建电动汽车充电桩5万个",
         "props": {"value": 50000, "unit": "charging pile", "comparator": "Exactly", "deadline": "2022-12-31"}},
        {"id": "t2", "kind": "Target", "label": "新建5G基站3万个以上", "quote": "新建5G基站3万个以上",
         "props": {"value": 30000, "unit": "5G base station", "comparator": "MoreThan", "deadline": "2022-12-31"}},
        {"id": "e1", "kind": "Event", "label": "新闻发布会", "quote": "新闻发布会", "props": {"date": "2020-05-20"}},
        {"id": "p1", "kind": "Person", "label": "张立", "quote": "张立"},
        {"id": "po1", "kind": "Post", "label": "市发展改革委主任", "quote": "市发展改革委主任"},
        {"id": "ac1", "kind": "Action", "label": "建设新型网络基础设施", "quote": "（一）建设新型网络基础设施"}],
    "relations": [{"subject": "ac1", "predicate": "leadAgency", "object": "a2"},
                  {"subject": "p1", "predicate": "holdsPost", "object": "po1"},
                  {"subject": "po1", "predicate": "affiliation", "object": "a1"}],
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    gold, sources = tmp_path_factory.mktemp("gold"), tmp_path_factory.mktemp("texts")
    (gold / "beijing_plan.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    shutil.copy(handmade.TEXTS / "beijing_plan.txt", sources / "beijing_plan.txt")  # no sidecar: title = first line
    return evaluate(handmade.extract, Settings(), gold, sources)


def test_eval_extract_scores_each_class_of_a_gold_file(scores):
    test = scores["test"]
    assert test["documents"] == ["beijing_plan"]
    assert test["classes"]["Agency"] == {"tp": 2, "fp": 1, "fn": 0, "precision": 0.667, "recall": 1.0, "f1": 0.8}
    # the 5G target has the gold value and unit but AtLeast, not MoreThan: it does not count
    assert test["classes"]["Target"] == {"tp": 1, "fp": 2, "fn": 1, "precision": 0.333, "recall": 0.5, "f1": 0.4}
    for kind in ("Event", "Person", "Post", "Action"):
        assert test["classes"][kind]["f1"] == 1.0, kind
    assert test["classes"]["ActionPlan"]["fp"] == 1 and test["classes"]["ActionPlan"]["f1"] == 0.0


def test_eval_extract_scores_relations_when_both_ends_match(scores):
    rel = scores["test"]["relations"]
    assert rel["leadAgency"]["tp"] == 1 and rel["leadAgency"]["f1"] == 1.0
    assert rel["person→post→agency"]["tp"] == 1 and rel["person→post→agency"]["f1"] == 1.0
    assert rel["event→date"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert rel["responsibleAgency"] == {"tp": 0, "fp": 2, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_eval_extract_on_the_seeds_uses_the_curated_graph_as_gold(scores):
    seeds = scores["seeds"]
    assert seeds["documents"] == ["000_16386def272757a0", "004_5322b9490e033bff"]
    # the hand-made Shanghai target says 99999 where the text says 10万: not a match; the agency is
    assert seeds["classes"]["Target"]["tp"] == 0 and seeds["classes"]["Target"]["fp"] == 1
    assert seeds["classes"]["Agency"]["tp"] == 1 and seeds["classes"]["Agency"]["fp"] == 0
    assert seeds["classes"]["Task"]["fn"] == 54 and seeds["classes"]["Task"]["recall"] == 0.0
    assert "Document" not in seeds["classes"]  # the curated layer has no Document entities to compare with


def test_eval_extract_gold_quote_not_in_the_text_names_the_file(tmp_path):
    bad = dict(GOLD, entities=[{"id": "x", "kind": "Agency", "label": "无", "quote": "不在文中的机构"}])
    (tmp_path / "beijing_plan.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "texts").mkdir()
    shutil.copy(handmade.TEXTS / "beijing_plan.txt", tmp_path / "texts" / "beijing_plan.txt")
    from kg.errors import SourceError

    with pytest.raises(SourceError, match="beijing_plan.json: entity x quote '不在文中的机构' is not in beijing_plan.txt"):
        evaluate(handmade.extract, Settings(), tmp_path, tmp_path / "texts", seeds=False)


def test_eval_extract_command_is_registered():
    out = subprocess.run([sys.executable, "-m", "kg.cli", "eval-extract", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "--gold DIR" in out.stdout and "curated layer off" in out.stdout


def test_eval_extract_gold_quotes_are_read_as_the_text_is(tmp_path):
    """An annotator copies from the file, (一)總體要求 in traditional script; the text is read with full-width brackets
    in simplified script, and the quote and label are read the same way (same length, so the span is the same)."""
    from kg.documents import load_document
    from kg.extract.gold import read_gold_file

    text = "國務院辦公廳關於印發行動方案的通知\n(一)總體要求。\n省發展改革委負責推進。\n"
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    gold = {"document": "plan", "entities": [
        {"id": "s1", "kind": "Action", "label": "總體要求", "quote": "(一)總體要求。"},
        {"id": "a1", "kind": "Agency", "label": "省發展改革委", "quote": "省發展改革委"}]}
    (tmp_path / "plan.json.gold").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    doc = load_document(tmp_path / "plan.txt")
    read = read_gold_file(tmp_path / "plan.json.gold", doc)
    action, agency = read.entities
    assert (action.label, action.quotes) == ("总体要求", ["（一）总体要求。"])
    assert doc.text[action.spans[0].start:action.spans[0].end] == "（一）总体要求。"
    assert agency.label == "省发展改革委" and doc.text[agency.spans[0].start:agency.spans[0].end] == "省发展改革委"


def test_eval_extract_misses_lists_what_was_not_paired(tmp_path):
    (tmp_path / "beijing_plan.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "texts").mkdir()
    shutil.copy(handmade.TEXTS / "beijing_plan.txt", tmp_path / "texts" / "beijing_plan.txt")
    out = evaluate(handmade.extract, Settings(), tmp_path, tmp_path / "texts", seeds=False, show_misses=True)
    misses = out["test"]["misses"]["beijing_plan"]
    assert misses["missed"] == ["Target: 新建5G基站3万个以上"]  # extracted with AtLeast where the gold says MoreThan
    assert {"Target: 新建5G基站3万个以上", "Target: 没有单位的数", "Agency: 市经济和信息化局"} <= set(misses["extra"])
    assert misses["relations missed"] == []
    assert any(r.endswith("-responsibleAgency-> Agency:市发展改革委") for r in misses["relations extra"])
    assert "misses" not in evaluate(handmade.extract, Settings(), tmp_path, tmp_path / "texts", seeds=False)["test"]


GOAL_TEXT = """东海市关于推进农业机械化发展的实施方案
一、总体要求
（一）主要目标。到2025年，全市农作物耕种收综合机械化率达到75%。
二、重点任务
（二）推进农机装备升级。加快老旧农机报废更新。
"""
GOAL_GOLD = {
    "document": "farm", "split": "test",
    "entities": [
        {"id": "a1", "kind": "Action", "label": "重点任务", "quote": "二、重点任务"},
        {"id": "k1", "kind": "Task", "label": "主要目标", "quote": "（一）主要目标。"},
        {"id": "k2", "kind": "Task", "label": "推进农机装备升级", "quote": "（二）推进农机装备升级。"},
        {"id": "t1", "kind": "Target", "label": "全市农作物耕种收综合机械化率达到75%", "quote": "全市农作物耕种收综合机械化率达到75%",
         "props": {"value": 75, "unit": "%", "comparator": "AtLeast", "deadline": "2025-12-31"}}],
    "relations": [{"subject": "k1", "predicate": "hasTarget", "object": "t1"},
                  {"subject": "a1", "predicate": "hasTask", "object": "k2"}],
}


def test_eval_extract_relations_match_a_plans_items_whatever_their_class(tmp_path):
    """The rules read （一）主要目标 as a Goal where this gold says Task: the class table counts the miss, the target
    under it is attached right."""
    from kg.extract import extract_document

    (tmp_path / "farm.json").write_text(json.dumps(GOAL_GOLD, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "farm.txt").write_text(GOAL_TEXT, encoding="utf-8")
    out = evaluate(lambda doc, passages: extract_document(doc, passages, tagger="rules"), Settings(), tmp_path,
                   tmp_path, seeds=False)["test"]
    assert out["classes"]["Task"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "f1": 0.667}
    assert out["classes"]["Goal"]["fp"] == 1
    assert out["relations"]["target→task"]["tp"] == 1 and out["relations"]["target→task"]["f1"] == 1.0
    assert out["relations"]["task→action"]["tp"] == 1


def test_eval_extract_gold_folder_without_gold_files_names_the_folder(tmp_path):
    from kg.errors import SourceError

    with pytest.raises(SourceError, match=f"gold folder {tmp_path / 'none'} holds no gold files"):
        evaluate(handmade.extract, Settings(), tmp_path / "none", None, seeds=False)
