"""/ask names a Chinese-only document from an English question: by the title's words through the bilingual
dictionary, else by the encoder's similarity of the question's subject words to the titles (kg.answer.issued);
and the year a goal is due by, read off the passages; on two texts written for the tests (``ask_texts/health_plan``,
``farm_plan``), built for real with their search index."""
from __future__ import annotations

from kg.answer.issued import _subject
HEALTH = "https://w3id.org/nikg/id/document/health_plan"


def test_issued_a_title_the_dictionary_misses_is_named_by_the_encoder(two_plans):
    q = "When was the Linjiang plan for medical care and wellbeing in the 14th five-year period issued?"
    glossary = two_plans.crosslingual.glossary
    assert two_plans.issued.named(q, glossary) == []  # 卫生健康发展规划: no word of it rendered
    assert two_plans.issued.named(q, glossary, None, two_plans.search.similarities) == [HEALTH]
    result = two_plans.ask(q)
    assert result.answer == "“临江县“十四五”卫生健康发展规划” was issued on 1 March 2022."
    assert [s.value for s in result.facts] == ["2022-03-01"]


def test_issued_a_subject_no_title_has_is_null(two_plans):
    for q in ("When was the Linjiang plan on coal mining issued?", "Which body issued the county's plan on doctors and public wellness?"):
        result = two_plans.ask(q)
        assert result.answer is None and result.facts == [], (q, result.answer)


def test_issued_subject_words_leave_the_question_frame_out():
    assert _subject("Which government body issued Shanxi's implementation plan on raising incomes?") == \
        "Shanxi's raising incomes"
    assert _subject("When was it issued?") == "When was it issued?"  # nothing left: the question as it is


def test_read_by_which_year_a_goal_without_a_number_is_due(two_plans):
    zh = two_plans.ask("临江县力争在哪一年创建省级健康促进示范县？")
    assert zh.answer == "到2024年（原文：“力争到2024年创建省级健康促进示范县”）" and zh.kind == "when"
    assert [s.value for s in zh.facts] == ["2024-12-31"]
    en = two_plans.ask("By which year should Linjiang create a health promotion demonstration county?")
    assert en.answer.startswith("by 2024 (read from the text") and en.kind == "when"
    assert two_plans.ask("临江县哪一年召开健康大会？").answer is None  # no year is stated for it


def test_ask_which_document_a_plan_was_made_by(two_plans):
    result = two_plans.ask("临江县的卫生健康规划是根据哪份文件制定的？请给出文号。")
    assert result.answer == ("《临江县“十四五”卫生健康发展规划》是根据《东海省人民政府关于推进健康东海建设的实施意见》"
                             "（东政发〔2031〕5号）制定的。")
    assert [s.value for s in result.facts] == ["东政发〔2031〕5号"]
    assert two_plans.ask("北京的卫生健康规划是根据哪份文件制定的？请给出文号。").answer is None  # no Beijing text
    assert two_plans.ask("示范县农业机械化推进方案是根据哪份文件制定的？").answer is None  # it cites none


def test_issued_a_question_naming_another_place_in_pinyin_names_no_document(two_plans):
    glossary = two_plans.crosslingual.glossary
    q = "When was the Linjiang plan for medical care and wellbeing in the 14th five-year period issued?"
    assert two_plans.issued.named(q.replace("Linjiang", "Jiangshan"), glossary, None, two_plans.search.similarities) == []
    assert two_plans.ask(q.replace("Linjiang", "Jiangshan")).answer is None  # 临江县 is Linjiang, not Jiangshan


def test_pinyin_words_are_the_capitalised_chinese_names():
    from kg.names import pinyin_words

    assert pinyin_words("Which office issued Changshan County's measures for Suzhou in Anhui?") == ["changshan", "suzhou", "anhui"]
    assert pinyin_words("When was the State Council plan on Action issued?") == []
