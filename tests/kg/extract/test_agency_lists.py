"""kg.extract.agencies: responsibility lists with 等部门, 会同, people's organisations; tagged ministries."""
from kg.extract.agencies import assignments, is_agency_name

TEXT = """国务院办公厅关于推进青少年科普工作的意见
国办发〔2021〕3号

（一）建设科普基地。依托高校建设一批青少年科普基地。（教育部、科技部、财政部等部门按职责分工负责）
（二）开展科普活动。组织科普进校园活动。（中国科协、共青团中央、全国妇联、新华社负责）
（三）完善评价机制。由教育部会同科技部、中国科协负责，制定评价办法。
（四）加强经费保障。（财政部、住房城乡建设部会同有关部门负责）
"""


def _lists(doc_factory):
    doc, _ = doc_factory(TEXT)
    return [[k.split("/", 1)[1] for k in a.agencies] for a in assignments(doc)]


def test_agency_lists_ending_in_deng_bumen_keep_their_last_agency(doc_factory):
    assert ["教育部", "科技部", "财政部"] in _lists(doc_factory)


def test_agency_lists_read_peoples_organisations(doc_factory):
    assert ["中国科协", "共青团中央", "全国妇联", "新华社"] in _lists(doc_factory)


def test_agency_hui_tong_splits_two_agencies_and_the_first_leads(doc_factory):
    doc, _ = doc_factory(TEXT)
    found = {tuple(k.split("/", 1)[1] for k in a.agencies): a for a in assignments(doc)}
    third = found[("教育部", "科技部", "中国科协")]
    assert third.leads == ("Agency/教育部",)
    assert ("财政部", "住房城乡建设部") in found
    assert not any("会同" in name for names in found for name in names)


def test_agency_names_without_prefix_are_ministries_only():
    assert is_agency_name("生态环境部") and is_agency_name("市场监管总局") and is_agency_name("国家统计局")
    assert not is_agency_name("工作部署") and not is_agency_name("各有关部门") and not is_agency_name("部")
