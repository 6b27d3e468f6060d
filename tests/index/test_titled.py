"""index.titled: a query naming its document by title is ranked within that document (and its translations)."""
from index.titled import TitledQueries

DOCS = ["d1", "d1", "d1", "d2", "d2"]
TEXTS = ["国务院关于促进某某区\n高水平发展的若干意见", "国发〔2030〕3号", "新设企业直接赋予最高信用等级。",
         "国务院办公厅关于某项工作的通知", "新设企业按规定评定信用等级。"]


def test_titled_query_is_split_into_its_document_and_the_rest():
    titled = TitledQueries(DOCS, TEXTS)
    rest, within = titled.split("国务院关于促进某某区高水平发展的若干意见里新设企业信用等级怎么定")
    assert rest == "新设企业信用等级怎么定"  # the title set on two lines still matches
    assert within.tolist() == [True, True, True, False, False]


def test_query_without_a_known_title_is_searched_whole():
    titled = TitledQueries(DOCS, TEXTS)
    for q in ("国务院关于别的事项的若干意见里信用等级怎么定", "新设企业信用等级怎么定", "意见里"):
        rest, within = titled.split(q)
        assert rest == q and within is None


def test_search_within_the_titled_plan_finds_its_passage_in_either_language(search_index):
    q = "上海市推进新型基础设施建设行动方案（2020-2022年）里充电桩要建多少个"
    zh = search_index.search(q, k=3, lang="zh")
    assert "充电桩" in zh[0].text and not zh[0].text.startswith("上海市人民政府新闻发布会")
    en = search_index.search(q, k=3, lang="en")  # the English report of the same conference: a translation
    assert en and all(h.lang == "en" for h in en) and any("charging" in h.text.lower() for h in en)
    assert len({h.document for h in search_index.search(q, k=10)}) <= 2
