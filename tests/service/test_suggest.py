"""GET /entities/suggest: autocomplete in Chinese, English and pinyin on the real app and build."""
from __future__ import annotations


def suggest(client, **params):
    r = client.get("/entities/suggest", params=params)
    assert r.status_code == 200, r.text
    return r.json()["results"]


def test_suggest_chinese_prefix_of_a_label(client):
    results = suggest(client, prefix="新网")
    assert results[0]["label"] == "新网络" and results[0]["matched_by"] == "label"
    assert results[0]["types"] == ["Action"] and results[0]["id"].startswith("https://w3id.org/nikg/id/")


def test_suggest_pinyin_finds_xinjijian(client):
    for prefix in ("xinjijian", "xinji", "XinJi"):
        top = suggest(client, prefix=prefix)[0]
        assert top["matched"] == "新基建" and top["matched_by"] == "pinyin"
        assert top["label"] == top["labels"]["zh"] != "新基建"  # the main label, not the alias that matched


def test_suggest_alias_shows_the_main_label(client):
    top = suggest(client, prefix="发展改革")[0]
    assert top["matched_by"] == "alias" and top["matched"].startswith("发展改革")
    assert top["label"] == "上海市发展和改革委员会"
    en = suggest(client, prefix="SDR", lang="zh")[0]
    assert en["matched"] == "SDRC" and en["label"] == "上海市发展和改革委员会"
    assert suggest(client, prefix="SDR")[0]["label"] == "Shanghai Municipal Development and Reform Commission"


def test_suggest_english_prefix_and_full_width_input(client):
    top = suggest(client, prefix="Ma Chun")[0]
    assert top["labels"] == {"zh": "马春雷", "en": "Ma Chunlei"} and top["label"] == "Ma Chunlei"
    assert suggest(client, prefix="ＳＤＲＣ")[0]["matched"] == "SDRC"


def test_suggest_best_first_with_type_filter_and_limit(client):
    results = suggest(client, prefix="上海", limit=20)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True) and len(results) <= 20
    agencies = suggest(client, prefix="上海", type="Agency", limit=50)
    assert agencies and all(r["types"] == ["Agency"] for r in agencies)
    assert len(suggest(client, prefix="上海", limit=2)) == 2
    full_iri = suggest(client, prefix="上海", type="https://w3id.org/nikg/ontology#Agency", limit=50)
    assert full_iri == agencies


def test_suggest_no_match_is_empty(client):
    assert suggest(client, prefix="qqqqzz") == []


def test_suggest_bad_input_is_a_clear_4xx(client):
    blank = client.get("/entities/suggest", params={"prefix": "  "})
    assert blank.status_code == 422 and "prefix is blank" in blank.json()["detail"]
    missing = client.get("/entities/suggest")
    assert missing.status_code == 422 and "prefix" in missing.json()["detail"]
    bad_type = client.get("/entities/suggest", params={"prefix": "上海", "type": "Spaceship"})
    assert bad_type.status_code == 400 and "unknown type 'Spaceship'" in bad_type.json()["detail"]
    assert "Agency" in bad_type.json()["detail"]
    bad_lang = client.get("/entities/suggest", params={"prefix": "上海", "lang": "fr"})
    assert bad_lang.status_code == 422 and "lang" in bad_lang.json()["detail"]
    bad_limit = client.get("/entities/suggest", params={"prefix": "上海", "limit": 0})
    assert bad_limit.status_code == 422 and "limit" in bad_limit.json()["detail"]


def test_suggest_has_cors(client):
    r = client.get("/entities/suggest", params={"prefix": "新"}, headers={"Origin": "http://example.org"})
    assert r.headers["access-control-allow-origin"] in ("*", "http://example.org")
