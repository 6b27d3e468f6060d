"""Segmentation: offsets round-trip, repair of broken lines, both languages."""

import pytest

from kg.documents import load_documents
from kg.passages import passage_iri, repair, segment
from kg.settings import BUNDLED_SOURCES

DOCS = {d.id: d for d in load_documents(BUNDLED_SOURCES)}
ZH, EN = DOCS["000_16386def272757a0"], DOCS["004_5322b9490e033bff"]


@pytest.mark.parametrize("doc", [ZH, EN], ids=["zh", "en"])
def test_offsets_round_trip_on_both_documents(doc):
    passages = segment(doc)
    assert len(passages) > 30
    for p in passages:
        raw = doc.text[p.start:p.end]
        assert raw.strip() == raw and raw, p.iri
        assert repair(raw) == p.text
    # passages cover every non-blank character of the document, in order, without overlap
    covered = "".join(doc.text[p.start:p.end] for p in passages)
    assert "".join(covered.split()) == "".join(doc.text.split())
    assert all(a.end <= b.start for a, b in zip(passages, passages[1:]))


def test_broken_yiwangtongban_is_repaired_with_offsets_kept():
    (p,) = [p for p in segment(ZH) if "一网通办" in p.text]
    assert p.text == "建设政务服务“一网通办”和社会治理“一网统管”基础支撑平台，探索建设数字孪生城市。"
    assert ZH.text[p.start:p.end] == "建设政务服务“一网\n\n通办”和社会治理“一网统管”基础支撑平台，探索建设数字孪生城市。"
    # the break did not split the paragraph: the passage sits in the same paragraph as its heading's prose
    same_paragraph = [q.text for q in segment(ZH) if q.paragraph == p.paragraph]
    assert same_paragraph[0] == "3、“新平台”建设行动。"


def test_chinese_sentences_end_at_full_stops():
    texts = [p.text for p in segment(ZH)]
    assert "已实现全市16个区5G网络连续覆盖。" in texts
    assert "一、上海新型基础设施建设现状" in texts  # a heading is a passage of its own


def test_english_sentences_keep_mid_sentence_periods():
    texts = [p.text for p in segment(EN)]
    assert "On May 7, a press conference was held in Shanghai." in texts
    # "cloud. platform;" is one sentence in the source (a lower-case word follows the period)
    assert any("to the cloud. platform; accelerate" in t for t in texts)
    # a stray ". ." is kept with its sentence, not made a passage of its own
    assert all(any(ch.isalnum() for ch in t) for t in texts)


def test_passage_iris_are_stable_and_unique():
    first, second = segment(ZH), segment(ZH)
    assert [p.iri for p in first] == [p.iri for p in second]
    assert len({p.iri for p in first}) == len(first)
    assert first[0].iri == passage_iri(ZH.id, 1, 1) == "https://w3id.org/nikg/id/passage/000_16386def272757a0/p001s01"


def test_repair_joins_latin_words_with_a_space():
    assert repair("smart\n\ncharging piles") == "smart charging piles"
    assert repair("一网\n\n通办") == "一网通办"


def test_previous_in_paragraph_is_the_sentence_before_and_none_for_the_first():
    from kg.passages import previous_in_paragraph, passage_iri

    assert previous_in_paragraph(passage_iri("doc", 3, 12)) == passage_iri("doc", 3, 11)
    assert previous_in_paragraph(passage_iri("doc", 3, 1)) is None
    assert previous_in_paragraph("https://example.org/not-a-passage") is None
