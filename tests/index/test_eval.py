"""Retrieval quality measured on the evaluation sets (the same numbers `nikg eval` prints).

Floors hold the MEASURED levels (not the issue's targets) so that a regression fails the suite:

* old main set (the ranker was tuned on it): hybrid same-language 0.933 / 1.0, cross-language 0.933 / 1.0;
* held-out set: same 0.542 / 0.917, cross 0.750 / 0.958 (R@1 / R@5);
* frozen test half of the external set, seed-only questions (never tuned on): same-language 0.792 / 0.896
  (48 questions), cross-language 0.740 / 0.900 (50); its clean subset (no answer passage shared with dev)
  same 0.722 / 0.833 (18), cross 0.571 / 0.857 (21). Before query-term translation (index/translate.py):
  cross 0.700 / 0.900, clean subset same 0.778 / 0.833 (one question lost its first place). Before this
  round's ranker: same 0.625 / 0.812, cross 0.600 / 0.840; clean subset same 0.556 / 0.833, cross 0.476 / 0.857.
"""
from __future__ import annotations

import hashlib

import pytest

from index.evaluate import DEV, EVAL_SET, HELDOUT, TEST, TEST_CLEAN, evaluate, load_questions, load_subset
from kg.names import has_cjk

MARGIN = 0.03
FROZEN_TEST_SHA256 = "04e071cccbde901ed2a656630e57eded1ef9d24b464c2bf0bac7211df14c3444"


def _rows(index, questions):
    return {(r["setting"], r["mode"]): r for r in evaluate(index, questions)}


@pytest.fixture(scope="module")
def rows(search_index):
    return _rows(search_index, load_questions())


@pytest.fixture(scope="module")
def test_rows(search_index):
    return _rows(search_index, load_questions(TEST))


def test_the_evaluation_set_is_bilingual_paraphrased_and_answerable(search_index):
    questions = load_questions()
    assert len(questions) >= 60
    assert sum(q.lang == "zh" for q in questions) == sum(q.lang == "en" for q in questions)
    assert all(has_cjk(q.question) == (q.lang == "zh") for q in questions)
    assert sum(q.paraphrased for q in questions) >= 45
    texts = {lang: [d.text for d in search_index.docs if d.lang == lang] for lang in ("zh", "en")}
    for q in questions:  # every answer is a real span of exactly one passage in each language
        for lang in ("zh", "en"):
            assert all(sum(a in t for t in texts[lang]) == 1 for a in q.answers[lang]), (q.id, lang)


@pytest.mark.parametrize("setting,r1,r5", [("same-language", 0.933, 1.0), ("cross-language", 0.933, 1.0)])
def test_hybrid_holds_its_measured_level_on_the_main_set(rows, setting, r1, r5):
    hybrid = rows[(setting, "hybrid (default)")]
    assert hybrid["recall@1"] >= r1 - MARGIN
    assert hybrid["recall@5"] >= r5 - MARGIN


@pytest.mark.parametrize("setting", ["same-language", "cross-language"])
def test_hybrid_beats_each_single_mode(rows, setting):
    hybrid = rows[(setting, "hybrid (default)")]
    for mode in ("dense", "keyword"):
        assert hybrid["mrr"] > rows[(setting, mode)]["mrr"]
    assert hybrid["mrr"] >= rows[(setting, "hybrid: RRF d+k")]["mrr"]


def test_keyword_alone_cannot_cross_languages(rows):
    assert rows[("cross-language", "keyword")]["recall@5"] < 0.3  # why alignment and dense are needed


def test_the_heldout_set_is_bilingual_new_and_answerable(search_index):
    held, main = load_questions(HELDOUT), load_questions()
    assert len(held) >= 20 and sum(q.lang == "zh" for q in held) == sum(q.lang == "en" for q in held)
    assert not {q.question for q in held} & {q.question for q in main}
    texts = {lang: [d.text for d in search_index.docs if d.lang == lang] for lang in ("zh", "en")}
    for q in held:
        for lang in ("zh", "en"):
            assert all(sum(a in t for t in texts[lang]) == 1 for a in q.answers[lang]), (q.id, lang)


def test_heldout_numbers_hold_their_measured_levels(search_index):
    """Held-out hybrid (never used to choose a setting): same-language 0.542 / 0.917, cross-language 0.750 / 0.958."""
    rows = _rows(search_index, load_questions(HELDOUT))
    assert rows[("same-language", "hybrid (default)")]["recall@5"] >= 0.917 - MARGIN
    assert rows[("cross-language", "hybrid (default)")]["recall@5"] >= 0.958 - MARGIN
    assert rows[("same-language", "hybrid (default)")]["recall@1"] >= 0.542 - MARGIN
    assert rows[("cross-language", "hybrid (default)")]["recall@1"] >= 0.750 - MARGIN


def test_the_frozen_test_half_is_unchanged_and_apart_from_dev(search_index):
    assert hashlib.sha256(TEST.read_bytes()).hexdigest() == FROZEN_TEST_SHA256
    dev, test = load_questions(DEV), load_questions(TEST)
    assert len(dev) >= 50 and len(test) >= 50
    assert not {q.id for q in dev} & {q.id for q in test}
    assert load_subset(TEST_CLEAN) <= {q.id for q in test}
    texts = {lang: [d.text for d in search_index.docs if d.lang == lang] for lang in ("zh", "en")}
    for q in dev + test:  # every quote is verbatim in a passage of the bundled corpus
        for lang, quotes in q.answers.items():
            assert all(any(a in t for t in texts[lang]) for a in quotes), (q.id, lang)


@pytest.mark.parametrize("setting,r1,r5", [("same-language", 0.792, 0.896), ("cross-language", 0.740, 0.900)])
def test_frozen_test_half_holds_its_measured_level(test_rows, setting, r1, r5):
    hybrid = test_rows[(setting, "hybrid (default)")]
    assert hybrid["recall@1"] >= r1 - MARGIN, hybrid["missed"]
    assert hybrid["recall@5"] >= r5 - MARGIN, hybrid["missed"]


@pytest.mark.parametrize("setting,r1,r5", [("same-language", 0.722, 0.833), ("cross-language", 0.571, 0.857)])
def test_clean_test_subset_holds_its_measured_level(search_index, setting, r1, r5):
    clean = load_subset(TEST_CLEAN)
    rows = _rows(search_index, [q for q in load_questions(TEST) if q.id in clean])
    hybrid = rows[(setting, "hybrid (default)")]
    assert hybrid["recall@1"] >= r1 - MARGIN, hybrid["missed"]
    assert hybrid["recall@5"] >= r5 - MARGIN, hybrid["missed"]


@pytest.mark.parametrize("setting", ["same-language", "cross-language"])
def test_each_kept_change_does_not_lower_the_frozen_half(test_rows, setting):
    """Pinyin, heading demotion, the keyword-#1 bonus and query-term translation were chosen on dev; the
    frozen half confirms each."""
    default = test_rows[(setting, "hybrid (default)")]
    for ablation in ("hybrid: no pinyin", "hybrid: no heading", "hybrid: no kw #1", "hybrid: no transl."):
        assert default["mrr"] >= test_rows[(setting, ablation)]["mrr"], ablation


def test_nikg_eval_prints_the_dev_and_test_halves_and_the_clean_subset(built, build):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "NIKG_DATA_DIR": str(built.data_dir), "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-m", "kg.cli", "eval", "--questions", str(DEV), "--questions", str(TEST)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert f"== {DEV}: 53 questions (26 zh, 27 en)" in out and f"== {TEST}: 53 questions (27 zh, 26 en)" in out
    assert "-- subset (23 questions listed in the subset file)" in out
    assert out.count("same-language   hybrid (default)") == 3 and out.count("cross-language  keyword") == 3


def test_nikg_eval_leaves_out_questions_whose_documents_are_not_built(built, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    extra = tmp_path / "multi.jsonl"
    extra.write_text(TEST.read_text(encoding="utf-8").splitlines()[0] + "\n" + '{"id": "x1", "lang": "zh", '
                     '"question": "农机购置补贴", "answers": {"zh": ["农机购置补贴"], "en": []}, '
                     '"documents": ["gwy_agrimech_2018"]}\n', encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "NIKG_DATA_DIR": str(built.data_dir), "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-m", "kg.cli", "eval", "--questions", str(extra)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1 questions" in done.stdout and "1 left out (their documents are not in this build)" in done.stdout
