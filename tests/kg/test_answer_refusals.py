"""/ask refuses (answer null) when the question's year, unit, counted thing, place or organisation
contradicts the matching fact; on the real bundled build and on a small text with due years written
for the tests (``ask_texts/farm_plan.txt``), built for real."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kg.answer import Answerer
from kg.answer.contradictions import counted_fits, unit_fits
from kg.answer.facts import Fact
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.settings import Settings
from kg.store import current_build, open_store
from tests.kg.conftest import value

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def answerer(store, linker):
    return Answerer(store, Catalogue.from_store(store), linker)


@pytest.fixture(scope="module")
def farm_settings(build_texts) -> Settings:
    """A build of the farm plan alone: targets due 2023 and 2025."""
    return build_texts("farm", TEXTS.glob("farm_plan.*"))


@pytest.fixture(scope="module")
def farm(farm_settings):
    """An answerer on the farm plan's build, from its store."""
    store = open_store(current_build(farm_settings.data_dir))
    catalogue = Catalogue.from_store(store)
    return Answerer(store, catalogue, Linker(catalogue))


def test_ask_year_contradiction_is_null(farm):
    assert value(farm.ask("到2025年全县农作物耕种收综合机械化率要达到多少？", k=0)) == Decimal(80)
    assert value(farm.ask("到2023年全县农作物耕种收综合机械化率要达到多少？", k=0)) == Decimal(70)
    for q in ("到2030年全县农作物耕种收综合机械化率要达到多少？", "2024年秸秆综合利用率目标是多少？"):
        result = farm.ask(q, k=0)
        assert result.answer is None and result.facts == [], (q, result.answer)


def test_ask_year_outside_the_plan_is_null_on_the_bundled_build(answerer):
    assert value(answerer.ask("上海将新建多少个充电桩？", k=0)) == Decimal(100000)
    for q in ("到2025年上海要新建多少个充电桩？", "How many charging piles will Shanghai build by 2027?"):
        assert answerer.ask(q, k=0).answer is None, q
    # the plan runs 2020-2022: its last year is the year of a target set by one of its tasks
    for q in ("到2022年上海要新建多少个充电桩？", "How many charging piles will Shanghai build by 2022?"):
        assert value(answerer.ask(q, k=0)) == Decimal(100000), q
    # an achievement (已建机架数超过12万个) does not answer what is to be reached by a year it does not name
    for q in ("到2022年上海互联网数据中心机架数要达到多少？", "How many racks will Shanghai's data centres have by 2022?"):
        assert answerer.ask(q, k=0).answer is None, q


def test_ask_by_which_year_a_target_is_due(farm):
    result = farm.ask("秸秆综合利用率到哪一年要达到90%以上？", k=0)
    assert result.kind == "when" and result.facts[0].value == "2025-12-31" and "到2025年" in result.answer


def test_ask_unit_contradiction_is_null(answerer, farm):
    for q in ("上海新建充电桩总功率是多少千瓦？", "How many kilometres of charging piles will Shanghai build?",
              "第一批重大项目预计总投资多少美元？"):
        assert answerer.ask(q, k=0).answer is None, q
    assert farm.ask("到2025年秸秆综合利用量是多少吨？", k=0).answer is None


def test_ask_counted_thing_contradiction_is_null(answerer, farm):
    # the racks *in* data centres do not answer how many data centres
    for q in ("How many new data centers will Shanghai build by 2022?", "到2022年上海要新建多少个数据中心？"):
        result = answerer.ask(q, k=0)
        assert result.answer is None, (q, result.answer)
    assert value(answerer.ask("How many racks have been built in Internet data centres?", k=0)) == Decimal(120000)
    assert value(farm.ask("到2025年要新建多少个农机合作社？", k=0)) == Decimal(20)


def test_ask_place_contradiction_is_null(answerer):
    for q in ("深圳新基建预计总投资多少？", "How many charging piles will Beijing build?", "北京的新闻发布会是哪天召开的？"):
        assert answerer.ask(q, k=0).answer is None, q


def test_ask_organisation_contradiction_is_null(answerer):
    for q in ("发布会上谁代表市科委发言？", "马春雷担任市商务委什么职务？"):
        result = answerer.ask(q, k=0)
        assert result.answer is None and result.facts == [], (q, result.answer)


def test_unit_and_counted_checks_on_written_facts():
    racks = Fact("r", "Indicator", Decimal(120000), "rack",
                 labels={"en": "More than 120,000 racks built in Internet data centres", "zh": "互联网数据中心已建机架数超过12万个"},
                 quantity_texts={"zh": "超过12万个"})
    assert not counted_fits("How many new data centres?", racks) and counted_fits("How many data centre racks?", racks)
    assert not counted_fits("要新建多少个数据中心？", racks) and counted_fits("互联网数据中心有多少个机架？", racks)
    assert not unit_fits("How many horsepower?", racks) and unit_fits("How many neuron sensing nodes?", racks)
    assert not unit_fits("How many hours of practical teaching?", racks) and not unit_fits("要在几个工作日内办结？", racks)
    assert unit_fits("What day were the racks counted?", racks)  # a day asked is a date, not a unit


def test_counted_check_reads_past_a_bracketed_breakdown():
    kindergartens = Fact("k", "Indicator", Decimal(173), "所", labels={"zh": "幼儿园173所（81所民办）"},
                         quantity_texts={"zh": "173所"})
    assert counted_fits("修水县有多少所幼儿园？", kindergartens)
    racks = Fact("r", "Indicator", Decimal(120000), "rack", labels={"zh": "互联网数据中心已建机架数超过12万个（含在建）"},
                 quantity_texts={"zh": "超过12万个"})
    assert not counted_fits("要新建多少个数据中心？", racks) and counted_fits("互联网数据中心有多少个机架？", racks)


def test_ask_english_question_naming_a_place_no_document_spells_is_null(farm):
    """示范县 is Shifan County; Chiping (茌平) is named by no text, and no gazetteer lists it."""
    question = "What crop mechanization rate should {} reach by 2025?"
    assert value(farm.ask(question.format("Shifan County"), k=0)) == Decimal(80)
    assert farm.ask(question.format("Chiping County"), k=0).answer is None


# English questions on a Chinese-only text: CC-CEDICT renders the question's words (kg/answer/bilingual.py);
# the year and unit checks still apply, and a word no text states leaves the question unanswered.
def test_ask_english_question_on_a_chinese_only_fact_through_the_dictionary(farm):
    result = farm.ask("What crop mechanization rate should the county reach by 2025?", k=0)
    assert value(result) == Decimal(80) and "bilingual dictionary" in result.answer and "by 2025" in result.answer
    assert value(farm.ask("What straw utilization rate is targeted for 2025?", k=0)) == Decimal(90)


def test_ask_english_question_the_chinese_text_does_not_state_is_null(farm):
    for q in ("What straw burning rate is targeted for 2025?", "What crop mechanization rate should the county reach by 2030?",
              "How many tonnes of straw will be used by 2025?"):
        result = farm.ask(q, k=0)
        assert result.answer is None, (q, result.answer)


def test_dictionary_stems_join_the_english_senses_to_chinese_words():
    from kg.answer.bilingual import load_glossary, rendered, stem, stems

    assert stem("mechanization") == stem("mechanize") == stem("mechanisation") == "mechan"
    assert stem("hills") in stems("hilly")
    glossary, known = load_glossary({"秸秆", "丘陵", "甘蔗"})
    assert glossary[stem("straw")] >= {"秸秆"} and "丘陵" in rendered("hilly", glossary) and "甘蔗" in glossary["sugarcan"]
    assert stem("burning") in known and "秸秆" not in glossary.get(stem("burning"), set())


def test_dictionary_stems_are_read_once_per_process_with_the_c_stemmer(tmp_path, monkeypatch):
    """Every build used to read the whole dictionary again (7 s of a small build's 10): now once per process, and
    snowballstemmer hands the work to PyStemmer's C code (the same Snowball algorithm, about 2.3x faster)."""
    from kg import cedict
    from kg.answer.bilingual import _snowball, known_stems

    assert type(_snowball()).__module__ == "Stemmer"
    first = known_stems()
    monkeypatch.setattr(cedict, "lines", lambda: iter(()))  # a second read would find no stem at all
    assert known_stems(tmp_path) == first and len(first) > 50_000
    assert set(json.loads((tmp_path / "known_stems.json").read_text(encoding="utf-8"))) == first


def test_english_question_from_the_startup_tables_does_not_read_the_dictionary(farm_settings, monkeypatch):
    """The build saved the answerer's glossary (tables/crosslingual.json): a service started from the tables
    answers the first English question without reading CC-CEDICT (it used to take seconds)."""
    from kg import cedict
    from kg.tables import load_tables, services_from

    build = current_build(farm_settings.data_dir)
    saved = json.loads((build.path / "tables" / "crosslingual.json").read_text(encoding="utf-8"))
    assert "秸秆" in saved["glossary"]["straw"] and "burn" in saved["known"]

    def unread(*args):
        raise AssertionError("CC-CEDICT was read at question time")

    store = open_store(build)
    answerer = services_from(store, load_tables(build.path, store, len(store)))["answerer"]
    monkeypatch.setattr(cedict, "lines", unread)
    monkeypatch.setattr(cedict, "entries", unread)
    result = answerer.ask("What crop mechanization rate should the county reach by 2025?", k=0)
    assert value(result) == Decimal(80) and "bilingual dictionary" in result.answer
    assert answerer.ask("What straw burning rate is targeted for 2025?", k=0).answer is None


@pytest.fixture(scope="module")
def notice(build_texts, answerer_of):
    """An answerer on a notice with a document number (省政办发〔2031〕12号), built for real."""
    return answerer_of(build_texts("notice", TEXTS.glob("guarantee_notice.*")))


def test_ask_document_number_of_a_document_named_by_its_title(notice):
    zh = notice.ask("《省人民政府办公厅关于支持小微企业融资担保的通知》的文号是什么？", k=0)
    assert zh.answer == "《省人民政府办公厅关于支持小微企业融资担保的通知》的文号是省政办发〔2031〕12号。"
    assert zh.facts and zh.facts[0].evidence
    en = notice.ask("What is the document number of 省人民政府办公厅关于支持小微企业融资担保的通知?", k=0)
    assert en.answer and "省政办发〔2031〕12号" in en.answer  # a question mostly in Chinese is answered in Chinese
    when = notice.ask("省政办发〔2031〕12号是哪天印发的？", k=0)
    assert when.kind == "when" and when.facts[0].value == "2031-03-02"


def test_ask_which_document_a_number_is_and_a_document_named_by_part_of_its_title(notice):
    which = notice.ask("省政办发〔2031〕12号是哪个文件？", k=0)
    assert which.answer == "省政办发〔2031〕12号是《省人民政府办公厅关于支持小微企业融资担保的通知》。"
    number = notice.ask("关于支持小微企业融资担保的通知文号是多少？", k=0)  # the title without its issuer
    assert number.facts and number.facts[0].value == "省政办发〔2031〕12号"
    signed = notice.ask("《关于支持小微企业融资担保的通知》落款日期是哪天？", k=0)
    assert signed.facts and signed.facts[0].value == "2031-03-02"
    assert notice.ask("《小微企业》的文号是什么？", k=0).answer is None  # too short a part to name one title


def test_ask_document_number_named_by_english_words_of_its_chinese_title(notice):
    en = notice.ask("What is the document number of the notice on financing guarantees for small enterprises?", k=0)
    assert en.answer and "省政办发〔2031〕12号" in en.answer
    assert notice.ask("What is the document number of the plan on farm machinery?", k=0).answer is None


def test_ask_document_number_of_an_unnamed_or_unknown_document_is_null(notice):
    assert notice.ask("《国务院关于支持小微企业融资担保的通知》的文号是什么？", k=0).answer is None
    assert notice.ask("这个通知的文号是什么？", k=0).answer is None  # no document named: no guess


def test_ask_sole_responsible_agency_is_responsible_not_said_to_lead(notice):
    result = notice.ask("降低担保费率由哪个部门负责？", k=0)
    assert result.answer == "降低担保费率由省财政厅负责。"  # （省财政厅负责）: no lead is declared
    both = notice.ask("扩大担保规模由哪些部门负责？", k=0)
    assert both.answer and "牵头" not in both.answer and "省财政厅" in both.answer and "省地方金融监管局" in both.answer


def test_ask_count_named_by_the_documents_title_is_answered(notice):
    result = notice.ask("支持小微企业融资担保的先行先试选择了多少个县？", k=0)
    assert result.facts and result.facts[0].value == 6  # 小微企业, 融资担保: words of the document's title only
    assert "小微企业融资担保的通知" in result.facts[0].documents[0]
    assert notice.ask("支持大型企业技术改造的先行先试选择了多少个县？", k=0).answer is None  # another document's topic


def test_ask_size_question_without_money_words_may_be_answered_in_money(notice):
    result = notice.ask("到2033年全省普惠金融服务规模要达到多少？", k=0)  # 规模: a size, here stated in yuan
    assert value(result) == Decimal(50_000_000_000)
    assert result.answer.count("500亿元") == 1  # the label states the amount already: said once


def test_ask_a_share_is_never_answered_with_a_count(farm):
    assert farm.ask("到2025年全县新建农机合作社占比多少？", k=0).answer is None  # 20个: a count, not a share
