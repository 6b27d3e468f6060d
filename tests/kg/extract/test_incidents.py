"""Incidents a text recounts (kg/extract/incidents.py) and their tolls (not targets), on a circular written for
the tests in the style of accident and disaster reports."""
import datetime as dt

from tests.kg.extract.conftest import extracted_rules, targets_by_phrase

CIRCULAR = """某省人民政府办公厅关于两起事故调查处理情况的通报
2031年，全省安全生产形势总体稳定。2031年4月2日，甲市东风化工厂发生重大爆炸事故，造成12人死亡。6月9日，乙县大桥施工工地坍塌事故造成5人死亡、8人重伤，直接经济损失约3000万元。10月10日至12日，丙市连续发生2起火灾事故。
进入2031年12月下旬，又相继发生了丁市“12·28”较大道路交通事故。
甲市东风化工厂“4·2”事故的直接责任人被移交司法机关。其他9名相关责任人员受到了党纪政纪处分。
2031年8月5日至8日，省长率省有关部门负责同志赴甲市考察。
1999年9月3日某县发生5.1级地震后，又相继发生了2月8日某市5.6级、7月1日某湖4.8级地震。
一、加强安全管理。到2033年，全省重大事故起数下降20%以上。
"""


def _events():
    ext = extracted_rules(CIRCULAR)
    return {m.label: m for m in ext.mentions if m.kind == "Event"}


def test_dated_incidents_and_their_names_are_one_event_each():
    events = _events()
    blast = events["甲市东风化工厂“4·2”事故"]  # the clause's incident, named later by its month and day
    assert blast.props["date"] == dt.date(2031, 4, 2) and len(blast.all_spans()) == 2
    assert events["乙县大桥施工工地坍塌事故"].props["date"] == dt.date(2031, 6, 9)  # year from the text before
    assert events["丁市“12·28”较大道路交通事故"].props["date"] == dt.date(2031, 12, 28)  # a name alone
    assert not any("2起" in label or "连续" in label for label in events)  # a count of incidents is no incident


def test_a_dated_visit_is_an_event():
    assert _events()["省长率省有关部门负责同志赴甲市考察"].props["date"] == dt.date(2031, 8, 5)


def test_earthquakes_in_a_list_are_dated_forward():
    events = _events()
    assert events["某县5.1级地震"].props["date"] == dt.date(1999, 9, 3)
    assert events["某市5.6级地震"].props["date"] == dt.date(2000, 2, 8)  # after 1999年9月3日: the next year
    assert events["某湖4.8级地震"].props["date"] == dt.date(2000, 7, 1)


def test_tolls_and_sanctions_are_not_targets():
    found = targets_by_phrase(CIRCULAR)
    assert not {"12人", "5人", "8人", "约3000万元", "9名"} & set(found)
    assert found["20%以上"].kind == "Target"  # a goal of the same text still is one
