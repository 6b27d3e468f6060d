"""kg.extract.speakers: the speaker list of a press conference's programme, name before posts, one person a line."""
from kg.extract.speakers import extract_speakers
from tests.kg.extract.conftest import make_doc, related

TEXT = """国务院新闻办举行西川省专场新闻发布会

发布人：
周立新 西川省委副书记、省政府省长
陈明远 西川省委常委、秘书长，省政府常务副省长
主持人：
林海燕 国务院新闻办新闻局局长、新闻发言人
周立新介绍，西川省去年地区生产总值增长5.8%。
"""


def test_speakers_each_line_gives_a_person_and_the_posts_after_the_name():
    out = extract_speakers(*make_doc(TEXT))
    people = {m.label for m in out.mentions if m.kind == "Person"}
    assert people == {"周立新", "陈明远", "林海燕"}  # 周立新介绍: running text, no speaker line
    assert related(out, "holdsPost", "Person/陈明远") == sorted(["西川省委常委", "秘书长", "省政府常务副省长"])
    assert related(out, "holdsPost", "Person/林海燕") == sorted(["国务院新闻办新闻局局长", "新闻发言人"])
    assert related(out, "affiliation", "Post/西川省委常委") == ["西川省委"]


def test_speakers_a_text_without_a_programme_has_none():
    text = "西川省人民政府新闻办公室举行新闻发布会。\n发布会上，周立新 介绍有关情况。\n"
    assert extract_speakers(*make_doc(text)).mentions == []
