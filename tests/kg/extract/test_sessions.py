"""kg.extract.sessions: the congress session a government work report was delivered at, with its day, from the report's
heading, also when a line break cuts the session's name (our own report texts)."""
from tests.kg.extract.conftest import extracted_rules

REPORT = """2024年政府工作报告

  ——2024年1月10日在临江市东岭区第十届

  人民代表大会第三次会议上

  区长 王明

各位代表：现在，我代表区人民政府向大会作工作报告。2月5日召开全区经济工作会议。
"""
SHORT = """2024年政府工作报告
——2024年2月21日在区十五届人大四次会议上
"""


def _events(text: str) -> dict[str, str]:
    return {m.label: m.props.get("date") for m in extracted_rules(text).mentions if m.kind == "Event"}


def test_sessions_a_heading_cut_by_a_line_break_is_one_session_with_its_day():
    events = _events(REPORT)
    session = "临江市东岭区第十届人民代表大会第三次会议（2024年1月10日）"
    assert str(events[session]) == "2024-01-10"
    assert not [label for label in events if label != session and "人民代表大会" in label]  # no second, cut name
    assert "全区经济工作会议（2024年2月5日）" in events  # other meetings are read as before


def test_sessions_the_short_name_of_a_session_is_read():
    assert str(_events(SHORT)["区十五届人大四次会议（2024年2月21日）"]) == "2024-02-21"
