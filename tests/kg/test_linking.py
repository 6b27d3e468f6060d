"""Entity linking on the real build: jieba-segmented Chinese, English n-grams, aliases, overlaps, scores."""
from __future__ import annotations

import pytest

from kg.linking import DEFAULT_THRESHOLD, detect_language
from kg.linking.evaluate import evaluate_linking, load_gold
from kg.namespaces import ID

NDRC = str(ID["agency/shanghai-ndrc"])
SHANGHAI = frozenset({"000_16386def272757a0"})  # the Shanghai press release: relative names link inside it
PILES = str(ID["facility/ev-smart-charging-piles"])


def ids(mentions) -> list[str]:
    return [m.iri.removeprefix(str(ID)) for m in mentions]


def test_linking_finds_mentions_inside_unsegmented_chinese(linker):
    text = "市政府副秘书长、市发展改革委主任马春雷介绍了情况"
    found = ids(linker.link(text, "zh", documents=SHANGHAI))
    assert found == ["agency/shanghai-municipal-government", "agency/shanghai-ndrc", "person/ma-chunlei"]


def test_linking_relative_agency_names_stay_in_their_document(linker):
    text = "市政府副秘书长、市发展改革委主任马春雷介绍了情况"
    assert ids(linker.link(text, "zh")) == ["person/ma-chunlei"]  # a text of no known document
    assert ids(linker.link(text, "zh", documents=frozenset({"beijing-plan"}))) == ["person/ma-chunlei"]
    assert linker.link("发改委发布通知", "zh", documents=SHANGHAI) == []  # not an alias any more
    assert linker.link("行动方案", "zh") == [] and linker.link("the press conference", "en") == []


@pytest.mark.parametrize("text,lang", [("发展改革委发布通知", "zh"), ("市发展改革委发布通知", "zh"),
                                       ("上海市发展改革委发布通知", "zh"), ("The Shanghai NDRC said so.", "en"),
                                       ("the Municipal Development and Reform Commission said", "en")])
def test_linking_aliases_and_abbreviations_resolve_to_one_agency(linker, text, lang):
    mentions = linker.link(text, lang, documents=SHANGHAI)
    assert [m.iri for m in mentions] == [NDRC]
    assert mentions[0].label == ("上海市发展和改革委员会" if lang == "zh" else "Shanghai Municipal Development and Reform Commission")
    assert mentions[0].type == "Agency"


def test_linking_overlapping_candidates_resolve_to_the_longest(linker):
    mentions = linker.link("新建10万个电动汽车智能充电桩", "zh")
    assert [(m.surface, m.iri) for m in mentions] == [("电动汽车智能充电桩", PILES)]


def test_linking_offsets_index_the_given_text_even_with_full_width_and_curly_quotes(linker):
    text = "In Jing’an, the ＳＤＲＣ and Yangpu District build smart charging piles."
    mentions = linker.link(text, documents=SHANGHAI)
    assert all(text[m.start:m.end] == m.surface for m in mentions)
    assert ids(mentions) == ["place/jingan", "agency/shanghai-ndrc", "place/yangpu", "facility/ev-smart-charging-piles"]


def test_linking_english_is_case_insensitive_on_word_boundaries_only(linker):
    assert ids(linker.link("SHANGHAI and jiading", "en")) == ["place/shanghai", "place/jiading"]
    assert linker.link("Shanghainese Jiadingxyz", "en") == []


def test_linking_acronyms_must_keep_their_case(linker):
    assert ids(linker.link("SDRC", "en", documents=SHANGHAI)) == ["agency/shanghai-ndrc"]
    assert linker.link("sdrc", "en", documents=SHANGHAI) == []


def test_linking_does_not_link_posts_or_tasks_as_wholes(linker):
    types = {m.type for m in linker.link("市发展改革委副主任裘文进表示要新建10万个电动汽车智能充电桩", "zh", documents=SHANGHAI)}
    assert types == {"Agency", "Person", "Facility"}


def test_linking_threshold_trades_precision_for_recall(linker):
    text = "发展改革委、市发展改革委和充电桩、电动汽车智能充电桩"
    loose, default, strict = (linker.link(text, "zh", t, SHANGHAI) for t in (0.0, DEFAULT_THRESHOLD, 1.0))
    assert all(0.0 <= m.score <= 1.0 for m in loose)
    assert len(loose) >= len(default) > len(strict) >= 1
    assert all(m.score == 1.0 for m in strict)  # preferred labels only
    assert [m.surface for m in strict] == ["电动汽车智能充电桩"]


def test_linking_returns_labels_in_the_requested_language(linker):
    assert [m.label for m in linker.link("马春雷", "en")] == ["Ma Chunlei"]
    assert [m.label for m in linker.link("Ma Chunlei", "zh")] == ["马春雷"]


@pytest.mark.parametrize("text,lang", [("新建充电桩", "zh"), ("5G网络", "zh"), ("build 5G networks", "en"),
                                       ("新基建 means new infrastructure", "en"), ("2020-2022", "en")])
def test_detect_language_by_script(text, lang):
    assert detect_language(text) == lang


def test_linking_gold_annotations_are_consistent_and_cover_both_languages():
    rows = load_gold()
    for lang in ("zh", "en"):
        assert sum(len(r["mentions"]) for r in rows if r["lang"] == lang) >= 100
    assert all(r["text"][m["start"]:m["end"]] == m["surface"] for r in rows for m in r["mentions"])


def test_linking_f1_meets_the_target_in_each_language(linker):
    scores = evaluate_linking(linker)
    for lang in ("zh", "en"):
        assert scores[lang].f1 >= 0.9, (lang, scores[lang].as_dict(), scores[lang].errors)
        assert scores[lang].precision >= 0.9 and scores[lang].recall >= 0.85


def test_chinese_names_are_the_lexicons_without_making_it(linker):
    """The start-up tables' tokenizer (kg.tables_answerer) takes the Chinese names without the linker's lexicon."""
    from kg.linking.lexicon import chinese_names

    words = chinese_names(linker.lexicon.catalogue)
    assert words == linker.lexicon.zh_words() and "上海市发展和改革委员会" in words
