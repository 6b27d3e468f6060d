"""Question answering on the real build: numbers from the graph's facts, null when nothing supports one."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.answer import Answerer, classify
from kg.answer.evaluate import DEV, TEST, evaluate_answers, load_questions
from kg.answer.phrasing import number_en, number_zh
from kg.catalogue import Catalogue
from kg.namespaces import ID


@pytest.fixture(scope="module")
def answerer(store, linker):
    return Answerer(store, Catalogue.from_store(store), linker)


def passage_text(store, iri: str) -> str:
    rows = list(store.query(f"SELECT ?t WHERE {{ <{iri}> <https://w3id.org/nikg/ontology#text> ?t }}"))
    return rows[0]["t"].value


def test_answer_charging_piles_in_english_cites_the_passage(answerer, store):
    result = answerer.ask("How many charging piles will Shanghai build?")
    assert result.lang == "en"
    assert result.answer == "Shanghai will build 100,000 new smart charging piles for electric vehicles (10万个)."
    fact = result.facts[0]
    assert fact.iri == str(ID["target/charging-piles"]) and fact.value == Decimal(100000)
    assert fact.evidence and any("10万个" in passage_text(store, p) for p in fact.evidence)


def test_answer_in_chinese_by_default_for_a_chinese_question(answerer):
    result = answerer.ask("上海将新建多少个充电桩？")
    assert result.lang == "zh"
    assert result.answer == "上海将新建10万个电动汽车智能充电桩。"


def test_answer_a_place_written_in_one_of_the_facts_documents(answerer):
    """The fact is evidenced in the Chinese text and in the English report, which writes Shanghai, not 上海市: the place
    is written in one of its documents, which is enough (a place no document writes gives no answer)."""
    assert answerer.ask("上海市到2022年要新建多少个充电桩？").facts[0].value == Decimal(100000)
    assert answerer.ask("浦口区到2022年要新建多少个充电桩？").answer is None


def test_answer_in_the_requested_language(answerer):
    result = answerer.ask("第一批重大项目预计总投资多少？", lang="en")
    assert result.lang == "en" and result.facts[0].value == Decimal(270_000_000_000)
    assert "270 billion yuan" in result.answer and "约2700亿元" in result.answer


@pytest.mark.parametrize("q", ["How many hospitals will Shanghai build?", "上海将新建多少家医院？",
                               "How much will the charging piles cost?", "What is Shanghai's GDP?", "你好"])
def test_answer_is_null_when_nothing_supports_it(answerer, q):
    result = answerer.ask(q)
    assert result.answer is None and result.facts == []


def test_answer_tells_apart_facts_quoted_in_one_sentence(answerer):
    assert answerer.ask("市大数据平台汇集了多少条数据？").facts[0].value == Decimal(34_000_000_000)
    assert answerer.ask("市大数据平台的数据来自多少个单位？").facts[0].value == Decimal(200)
    assert answerer.ask("How many enterprises will be driven onto the cloud?").facts[0].value == Decimal(150_000)
    assert answerer.ask("How many small and medium-sized enterprises have moved to the cloud?").facts[0].value == 60_000


def test_answer_credits_what_the_quotes_sentence_says_around_it(answerer):
    """未来三年 is written before the quote (未来三年实施的第一批48个重大项目和工程包，预计总投资约2700亿元): the sentence
    holding a fact's quote is its context, so the question is answered; five years or Beijing still are not."""
    assert answerer.ask("未来三年上海新基建总投资多少").facts[0].value == Decimal(270_000_000_000)
    assert answerer.ask("未来五年上海新基建总投资多少").answer is None
    assert answerer.ask("未来三年北京新基建总投资多少").answer is None
    english = "How much is the total investment of Shanghai's new infrastructure over the next three years?"
    assert answerer.ask(english).facts[0].value == Decimal(270_000_000_000)  # "over": a function word, no term
    assert answerer.ask(english.replace("three", "five")).answer is None


@pytest.mark.parametrize("q,kind,tense", [("How many charging piles will Shanghai build?", "count", "future"),
                                          ("第一批重大项目预计总投资多少？", "amount", None),
                                          ("将部署多少社会治理神经元感知节点？", "count", "future"),
                                          ("When was the press conference held?", "when", None),
                                          ("谁出席了发布会？", "who", "past")])
def test_question_kind_and_tense(q, kind, tense):
    question = classify(q)
    assert (question.kind, question.tense) == (kind, tense)


def test_numbers_are_written_for_each_language():
    assert number_en(Decimal(100000)) == "100,000" and number_en(Decimal(270_000_000_000)) == "270 billion"
    assert number_en(Decimal(4_545_000_000)) == "4.545 billion"  # 45.45亿元, not "4545 million"
    assert number_zh(Decimal(100000)) == "10万" and number_zh(Decimal(270_000_000_000)) == "2700亿"


def test_question_set_has_30_factual_questions_per_language_and_unanswerable_ones():
    rows = load_questions()
    for lang in ("zh", "en"):
        assert sum(r["lang"] == lang and r["answer"] is not None for r in rows) >= 30
        assert sum(r["lang"] == lang and r["answer"] is None for r in rows) >= 10
    assert sum(r["answer"] is not None for r in rows) >= 30


# Measured level after extraction joined the curated layer: zh 30/30, en 29/30 ("How many pieces of
# data has the big data platform accumulated?" now ties the 34 billion records with the 200 units and
# is answered null, not wrongly). A floor at the measured level, not the goal.
FLOORS = {"zh": 1.0, "en": 29 / 30}


def test_factual_questions_are_answered_with_the_graph_number_at_the_measured_level(answerer):
    report = evaluate_answers(answerer)
    wrong = [q for q in report["questions"] if not q["right"]]
    for lang in ("zh", "en"):
        assert report[lang]["accuracy"] >= FLOORS[lang] - 1e-9, wrong
        assert report[lang]["null_share"] >= 0.9, wrong
    assert all(q["got"] is None for q in wrong if q["answer"] is not None), wrong  # a miss is a null, never a wrong number


# The seed-only part of an external question set written by people who never saw the answerer: dev (tuned
# on) and the frozen test half (never tuned on; measured once after the intents and refusals of issue 11:
# zh 6/7, en 10/11 factual, every unanswerable one null; before them zh 3/7, en 8/11). Floors at the
# measured level, not the goal (0.90 / 0.95).
HALVES = {DEV: {"zh": (8, 1.0), "en": (4, 1.0)}, TEST: {"zh": (6, 1.0), "en": (10, 1.0)}}


@pytest.mark.parametrize("path", [DEV, TEST], ids=["dev", "frozen-test"])
def test_external_halves_hold_the_measured_level(answerer, path):
    report = evaluate_answers(answerer, path)
    wrong = [q for q in report["questions"] if not q["right"]]
    for lang, (factual_right, null_share) in HALVES[path].items():
        assert report[lang]["factual_correct"] >= factual_right, wrong
        assert report[lang]["null_share"] >= null_share - 1e-9, wrong
    assert report["all"]["factual"] == {DEV: 12, TEST: 18}[path] and report["all"]["unanswerable"] == {DEV: 8, TEST: 11}[path]


def test_eval_qa_prints_the_main_set_and_both_halves(built):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kg.cli", "eval-qa", "--data-dir", str(built.data_dir)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line and not line.startswith(" ")]
    assert rows[0] == ["set", "lang", "exact", "null"]
    assert [r[0] for r in rows[1:]] == ["questions.jsonl"] * 3 + ["ask_dev.jsonl"] * 3 + ["ask_test.jsonl"] * 3
    assert rows[7][:2] == ["ask_test.jsonl", "zh"] and int(rows[7][2].split("/")[0]) >= 6 and rows[7][3] == "5/5"


def test_eval_qa_rejects_a_missing_question_file(built, tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kg.cli", "eval-qa", "--data-dir", str(built.data_dir),
                           "--questions", str(tmp_path / "nope.jsonl")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 2 and "nope.jsonl not found" in done.stderr and "leave out --questions" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("q,value,text", [
    ("When was the press conference held?", "2020-05-07", "The Shanghai Municipal Government press conference was held on 7 May 2020."),
    ("行动方案是什么时候审议通过的？", "2020-04-27", "《上海市推进新型基础设施建设行动方案》于2020年4月27日经上海市人民政府常务会议审议通过。"),
])
def test_answer_when_from_event_dates(answerer, q, value, text):
    result = answerer.ask(q)
    assert result.answer == text and result.facts[0].value == value and result.facts[0].evidence


def test_answer_who_holds_a_post_tells_director_from_deputy(answerer):
    assert answerer.ask("市发展改革委主任是谁？").answer == "市发展改革委主任是马春雷。"
    assert answerer.ask("市发展改革委副主任是谁？").answer == "市发展改革委副主任是裘文进。"
    assert answerer.ask("Who is the director of the Shanghai NDRC?").facts[0].iri == str(ID["person/ma-chunlei"])
    assert answerer.ask("Who is the director of the Commission of Commerce?").answer is None  # only a deputy is named


def test_answer_who_attended_lists_every_participant_with_posts(answerer):
    result = answerer.ask("谁出席了发布会？")
    assert len(result.facts) == 6 and "市发展改革委副主任裘文进" in result.answer
    assert answerer.ask("Who is the mayor of Shanghai?").answer is None


def test_answer_which_tasks_of_an_action_in_text_order(answerer):
    result = answerer.ask("新终端包括哪些任务？")
    assert result.kind == "which" and len(result.facts) == 10
    assert result.answer.startswith("新终端的建设任务（10项）：规模化部署千万级社会治理神经元感知节点；新建10万个电动汽车智能充电桩；")
    assert all(f.evidence for f in result.facts)


def test_answer_which_measures_says_declared_and_named_counts(answerer):
    result = answerer.ask("What are the safeguard measures?")
    assert result.answer.startswith("The safeguard measures of the plan (8 declared, 6 named in the texts): ")
    assert answerer.ask("Which districts have 5G?").answer is None


def test_answer_which_agency_for_the_action_plan_is_no_list_of_its_actions(answerer):
    """"action plan" names the plan, and a question asking for a department asks for no list: the plan's four
    actions were the answer to both; the texts name no body responsible for the plan."""
    for q in ("Which department is responsible for the action plan?", "Which agency leads the New Network action?",
              "行动方案由哪个部门负责？"):
        assert answerer.ask(q).answer is None, q
    assert len(answerer.ask("What are the actions of the plan?").facts) == 4
    assert answerer.ask("行动方案有哪些行动？").answer == "方案的建设行动（4项）：新设施；新网络；新平台；新终端。"


def test_question_set_with_a_bad_line_is_rejected_naming_the_line(tmp_path):
    from kg.errors import NikgError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"lang": "zh", "q": "几个？", "answer": null}\n{"lang": "zh"}\nnot json\n', encoding="utf-8")
    with pytest.raises(NikgError, match=r"bad.jsonl line 2: needs the keys lang, q and answer"):
        load_questions(bad)


@pytest.mark.parametrize("unit, size", [("万亿元", 10**12), ("亿千瓦时", 10**8), ("万台", 10**4), ("%", 1), (None, 1)])
def test_eval_scales_an_answer_written_with_a_magnitude(unit, size):
    from kg.answer.evaluate import _magnitude

    assert _magnitude(unit) == size  # 1.8 with 万亿元 is 1.8 trillion yuan, not 18,000 (万 read first)


def test_eval_takes_a_list_of_agencies_named_in_any_order():
    from types import SimpleNamespace

    from kg.answer.evaluate import _right_text

    answer = SimpleNamespace(facts=[SimpleNamespace(value="区财政局; 区发改委")])
    row = {"kind": "which-agency"}
    assert _right_text("区发改委、区财政局", row, answer, [])
    assert not _right_text("区发改委、区商务局", row, answer, [])
    assert _right_text("区财政局", row, answer, [])  # the first one named
