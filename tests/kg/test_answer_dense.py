"""kg.answer.dense: English questions about numbers only a Chinese text states, read off the clause the real
encoder finds closest, on a real build and search index of a plan written for the tests (ask_texts/fitness_plan.txt)."""
from decimal import Decimal

import pytest

from kg.answer.dense import counted_noun
from kg.answer.question import classify
from tests.kg.conftest import value


@pytest.fixture(scope="module")
def fitness(fitness_build, answerer_of):
    return answerer_of(fitness_build, search=True)


def _read(answer):
    """The value read and its unit, when the encoder's reader answered."""
    assert answer.answer and "read from the text" in answer.answer, answer.answer
    fact = answer.facts[0]
    assert fact.kind == "Reading" and fact.evidence  # cites the passage it read
    return fact.value, fact.unit


def test_dense_reads_a_ratio_the_dictionary_renders_only_in_part(fitness):
    area = fitness.ask("What per-capita sports ground area does Xiling's fitness plan target for 2035?")
    assert _read(area) == (Decimal("2.8"), "m2") and "2.8 m2" in area.answer
    instructors = fitness.ask("How many social sports instructors per thousand people does Xiling aim for?")
    assert _read(instructors)[0] == Decimal("2.5")  # not the 1,000 of 每千人: a denominator is no answer


def test_dense_reads_a_share_and_a_count_in_chinese_numerals(fitness):
    assert _read(fitness.ask("What share of Xiling's residents should exercise regularly?")) == (Decimal(45), "%")
    assert _read(fitness.ask("How many main tasks does Xiling's fitness plan list?"))[0] == Decimal(8)  # 八大任务


def test_dense_reads_the_whole_not_its_part_and_a_change_as_a_percentage(fitness):
    whole = fitness.ask("How much sports industry value added did Xiling achieve in 2034?")
    assert _read(whole) == (Decimal(12_000_000_000), "CNY") and "12 billion yuan" in whole.answer  # not 其中…45亿元
    assert _read(fitness.ask("By what percentage did Xiling's sports industry value added grow in 2034?")) == (
        Decimal("8.5"), "%")
    assert fitness.ask("What sports industry value added does Xiling target for 2035?").answer is None  # 2034's


def test_dense_reads_a_count_in_the_unit_asked(fitness):
    bases = fitness.ask("How many mu of forestry industry bases will Xiling build by 2035?")  # the dictionary's
    assert value(bases) == Decimal(3_000_000) and "3 million mu" in bases.answer  # fact, in mu as asked
    assert _dense(fitness, "How many mu of forestry industry bases will Xiling build by 2035?") == Decimal(3_000_000)
    assert fitness.ask("How many hectares of forestry industry bases will Xiling build by 2035?").answer is None


def test_dense_is_null_when_the_clause_writes_nothing_asked_but_the_place(fitness):
    assert fitness.ask("How much were Xiling's total retail sales of consumer goods in 2034?").answer is None
    assert fitness.ask("What sports industry value added does China reach in 2034?").answer is None  # a city's text


def test_dense_is_null_when_the_text_does_not_state_what_is_asked(fitness):
    assert fitness.ask("How many hospitals will Xiling build?").answer is None  # no clause writes 医院
    # per kWh: the clause must write a ratio (290克标煤/千瓦时 is not read as a quantity; 950千瓦时 is per person)
    assert fitness.ask("What ceiling does Xiling put on average coal use per kWh of thermal power?").answer is None
    assert fitness.ask("What per-capita sports ground area does Xiling target for 2040?").answer is None  # 2035
    assert fitness.ask("What per-capita sports ground area does Gulou's fitness plan target?").answer is None  # no 鼓楼


def _dense(fitness, q: str):
    """The encoder's reader alone (the graph's facts answer some of these first)."""
    from kg.answer.reader import in_paragraph

    read = fitness.dense.answer(classify(q), fitness.search, classify(q).lang, lambda ev: True,
                                lambda hits: in_paragraph(fitness.search, hits, fitness.scope.titles))
    return read[1][0].value if read else None


def test_dense_reads_chinese_counting_questions_by_the_thing_they_count(fitness):
    assert _dense(fitness, "西岭市全民健身实施计划提出几大任务？") == Decimal(8)  # 八大任务
    assert _dense(fitness, "到2035年西岭市要新建多少个体育公园？") == Decimal(12)  # not 目前…已建成…8个: what is
    assert _dense(fitness, "西岭市要新建多少个体育馆？") is None  # 体育公园 is written, 体育馆 is not
    assert _dense(fitness, "2034年西岭市体育用品制造增加值完成多少亿元？") == Decimal(4_500_000_000)  # the part asked
    assert _dense(fitness, "西岭市有哪些主要任务？") is None  # no number asked


def test_dense_is_null_when_a_chinese_question_qualifies_what_the_text_states_otherwise(fitness):
    assert _dense(fitness, "西岭市城乡居民国民体质合格率要达到多少？") == Decimal(93)
    assert _dense(fitness, "西岭市青少年国民体质合格率要达到多少？") is None  # 城乡居民's, not 青少年's
    assert fitness.ask("西岭市青少年国民体质合格率要达到多少？").answer is None


def test_a_chinese_count_in_a_measure_word_is_never_a_share_or_a_sum():
    from kg.answer.dense import counts_in

    assert counts_in(classify("济宁到2025年劳动年龄人口平均受教育年限要达到几年?"))
    assert counts_in(classify("十四五期间新改扩建普通中小学校多少所?"))
    assert not counts_in(classify("平顶山全域旅游发展三年行动计划的期限到哪一年为止?"))
    assert not counts_in(classify("How many schools will Jining build?"))


def test_dense_needs_the_encoders_similarities(fitness):
    from kg.answer.dense import DenseReader

    class NoSearch:  # a searcher without the encoder's similarities: nothing to compare with
        def search(self, q, k=10):
            raise AssertionError("not searched")

    dense = DenseReader(fitness.reader, fitness.scope)
    english = classify("What per-capita sports ground area does Xiling's plan target?")
    assert dense.answer(english, NoSearch(), "en", lambda ev: True, lambda hits: hits) is None


@pytest.mark.parametrize("question, noun", [
    ("How many new 'little giant' specialized firms does Shanghai's plan aim to cultivate?", "firms"),
    ("How many smart vending machines will be installed?", "machines"),
    ("How many people does the plan train?", "people"),
    ("How many tasks fall under the first goal?", "tasks"),
])
def test_counted_noun_is_the_first_plural_after_how_many(question, noun):
    assert counted_noun(question) == noun


def test_a_frequency_is_no_count():
    """每季度汇总一次: how often something is done, never how many (of tasks, of anything)."""
    from kg.answer.dense import _values

    question = classify("How many tasks does the county's work report list?")
    assert _values(question, "每季度汇总一次工作进展", "每季度汇总一次工作进展并向县政府报告", frozenset({"工作"}), None) == {}
    listed = _values(question, "共分解工作任务12项", "共分解工作任务12项", frozenset({"工作"}), None)
    assert [value for value, *_ in listed] == [Decimal(12)]
