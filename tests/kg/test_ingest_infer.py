"""Title, language and date of issue inferred from the text when a document has no sidecar value."""
import datetime as dt

import pytest

from kg.ingest import infer
from kg.names import cjk_share


@pytest.mark.parametrize("text, expected", [
    ("关于印发行动方案的通知\n\n到2025年底前完成。\n\n北京市人民政府\n2020年5月7日\n", dt.date(2020, 5, 7)),
    ("（2019年3月1日印发）\n\n正文。\n\n市政府办公厅\n二〇二〇年十二月三十一日\n", dt.date(2020, 12, 31)),  # the sign-off wins
    ("会议于2021年3月4日召开，5月7日发布。", dt.date(2021, 3, 4)),  # else the first full date
    ("二○二一年一月十日", dt.date(2021, 1, 10)),
    ("Published 2021-03-04 by the office.", dt.date(2021, 3, 4)),
    ("Issued on 7 May 2020.", dt.date(2020, 5, 7)),
    ("On Sept. 17, 2020 the plan was adopted.", dt.date(2020, 9, 17)),
    ("到2025年，建成5G基站1万个。", None),  # a year is not a date of issue
    ("2020年13月45日", None),  # not a real date
])
def test_date_of_issue_is_read_from_the_text(text, expected):
    assert infer.issued(text) == expected


def test_language_follows_the_share_of_chinese_characters():
    assert cjk_share("上海 Shanghai") == pytest.approx(2 / 10)
    assert cjk_share("2020") == 0.0
    assert infer.language("上海市发展改革委 (NDRC) 发布通知。", "a.txt") == "zh"
    assert infer.language("The Shanghai plan (上海方案) was issued by the NDRC in May.", "a.txt") == "en"


def test_title_is_the_declared_one_else_the_first_lines_cut_to_length():
    assert infer.title("\n\n  第一行  \n\n第二行", None) == "第一行"
    assert infer.title("Harbour Plan\nfor the years to come\n", None) == "Harbour Plan"
    assert infer.title("正文", " 页面标题 ") == "页面标题"
    long = infer.title("长" * 500, None)
    assert len(long) == infer.TITLE_MAX and long.endswith("…")


@pytest.mark.parametrize("text", [
    "市政府关于加快建设\n城市数据中心的实施意见\n市府发〔2021〕7号\n各区政府：\n正文。",
    "市政府关于加快建设\n城市数据中心的实施意见\n各区政府：\n正文。",
    "市政府关于加快建设城市数据中心的实施意见\n一、总体要求\n正文。",
    "市政府关于加快建设\n城市数据中心的实施意见\n2021年3月1日\n正文。",
])
def test_a_chinese_title_set_on_two_lines_is_joined_up_to_its_document_type(text):
    assert infer.title(text) == "市政府关于加快建设城市数据中心的实施意见"
