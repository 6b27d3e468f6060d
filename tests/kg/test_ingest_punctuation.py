"""Chinese running text written with half-width punctuation (NFKC-normalised pages, OCR) is read with full-width
punctuation (kg.linking.langdetect.full_width_punctuation, applied by kg.ingest.formats.extract): the clause,
structure and issuer rules read ，；：（）. Offsets are kept: the folded text has the same length."""
from __future__ import annotations

import pytest

from kg.ingest.formats import extract
from kg.linking.langdetect import full_width_punctuation, simplified
from kg.quantities import find_zh


@pytest.mark.parametrize("text, folded", [
    ("2020年末,全市居民人均预期寿命提高到82.25岁,孕产妇死亡率为0", "2020年末，全市居民人均预期寿命提高到82.25岁，孕产妇死亡率为0"),
    ("(一)总体要求", "（一）总体要求"),
    ("各省、自治区,国务院各部委:", "各省、自治区，国务院各部委："),
    ("1,000 piles, (a) item; see 2.52", "1,000 piles, (a) item; see 2.52"),  # no Han character next to them
    ("二○一一年五月三十日", "二〇一一年五月三十日"),  # a circle written for the numeral zero
    ("○ 工作要点", "○ 工作要点"),  # a bullet stays
])
def test_half_width_punctuation_of_chinese_text_is_made_full_width(text, folded):
    assert full_width_punctuation(text) == folded and len(folded) == len(text)


def test_a_source_file_is_read_with_full_width_chinese_punctuation(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某市方案\n一、总体目标\n到2025年,全市新建充电桩2万个;(二)保障措施\n", encoding="utf-8")
    assert extract(path).text == "某市方案\n一、总体目标\n到2025年，全市新建充电桩2万个；（二）保障措施\n"


def test_a_source_file_in_traditional_script_is_read_in_simplified_script(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("江門市人民政府辦公室關於印發公共交通一體化發展行動方案的通知\n江府辦函〔2015〕123號\n", encoding="utf-8")
    text = extract(path).text
    assert text == "江门市人民政府办公室关于印发公共交通一体化发展行动方案的通知\n江府办函〔2015〕123号\n"
    assert len(text) == len(path.read_text(encoding="utf-8"))  # offsets hold


def test_a_simplified_text_with_a_few_traditional_forms_is_left_as_written():
    text = "上海市推进新型基础设施建设行动方案（乾隆年间的著作）"
    assert simplified(text) == text


def test_a_rate_in_per_mille_is_a_quantity():
    found = find_zh("婴儿死亡率和5岁以下儿童死亡率分别为0.63‰和2.52‰")
    assert [(str(q.value), q.unit) for _, _, q, _ in found] == [("0.63", "‰"), ("2.52", "‰")]


@pytest.mark.parametrize("q", ["Which office issued Yangzhong's health development plan?",
                               "Which government body issued the implementation plan?", "《规划》是由哪个机关印发的?",
                               "Which ministry is named first among the issuers of the measures?",
                               "《行动方案》是由哪些单位联合印发的?"])
def test_a_question_asking_which_body_issued_a_document_asks_for_its_issuer_not_its_date(q):
    from kg.answer.issued import ISSUER_CUE

    assert ISSUER_CUE.search(q.lower())  # "Which office issued …" was answered with the date of issue


def test_the_small_full_stop_some_sites_number_items_with_is_read_as_a_full_stop():
    from kg.linking.langdetect import full_width_punctuation

    assert full_width_punctuation("20﹒构建工业互联网安全管理体系") == "20．构建工业互联网安全管理体系"


@pytest.mark.parametrize("text, read", [
    ("河南省政府辦公廳近日印發(fā)《河南省鄉(xiāng)村建設(shè)行動實施方案》", "河南省政府辦公廳近日印發《河南省鄉村建設行動實施方案》"),
    ("经常参加体育锻炼人数（shù）比例达到42%", "经常参加体育锻炼人数比例达到42%"),
    ("行动方案(2021-2025年)", "行动方案(2021-2025年)"),  # no reading: a period
    ("农(nong)村, Beijing (běi) x", "农(nong)村, Beijing (běi) x"),  # no tone mark; no character before it
])
def test_a_sites_pinyin_readings_after_characters_are_not_read_as_text(text, read):
    from kg.linking.langdetect import without_readings

    assert without_readings(text) == read


def test_a_source_file_is_read_without_pinyin_readings(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("河南省政府辦公廳近日印發(fā)《河南省鄉(xiāng)村建設(shè)行動實施方案》\n", encoding="utf-8")
    assert extract(path).text == "河南省政府办公厅近日印发《河南省乡村建设行动实施方案》\n"
