"""kg.extract.heads: heads of a people's government named by title alone (our own report texts)."""
from kg.extract import extract_document
from tests.kg.extract.conftest import make_doc

REPORT = """长沙县2023年政府工作报告
——2023年1月10日在长沙县第十八届人民代表大会第二次会议上
县长 陈永高
各位代表：现在，我代表县人民政府向大会报告工作。县委副书记、县长杨韶辉出席。实行县长负责制，县长办公会研究。
"""
NAMED = """某区2024年政府工作报告
汉滨区人民政府代区长 向诗兵
封丘县人民政府县长 王振海
副市长覃伟中讲话。
"""


def _held(text: str) -> dict[str, list[tuple[str, str]]]:
    ext = extract_document(*make_doc(text))
    by_key = ext.by_key()
    body = {r.subject: by_key[r.object].label for r in ext.relations if r.predicate == "affiliation"}
    out: dict[str, list[tuple[str, str]]] = {}
    for r in ext.relations:
        if r.predicate == "holdsPost":
            out.setdefault(by_key[r.subject].label, []).append((by_key[r.object].label, body.get(r.object)))
    return out


def test_heads_a_signature_line_names_the_head_of_the_reports_own_government():
    held = _held(REPORT)
    assert held["陈永高"] == [("县长", "长沙县人民政府")]  # the report's title names the county


def test_heads_a_chain_of_posts_gives_the_head_to_the_government_not_the_party_committee():
    assert sorted(_held(REPORT)["杨韶辉"]) == [("县委副书记", "县委"), ("县长", "长沙县人民政府")]


def test_heads_words_after_a_title_are_no_names_and_no_bodies():
    ext = extract_document(*make_doc(REPORT))
    labels = {m.label for m in ext.mentions if m.kind in ("Person", "Agency")}
    assert not {"负责制", "办公会", "县长办"} & labels
    assert not [name for name in labels if name.startswith("县长")]


def test_heads_acting_titles_and_spaced_names_with_their_government():
    held = _held(NAMED)
    assert held["向诗兵"] == [("汉滨区人民政府代区长", "汉滨区人民政府")]
    assert held["王振海"] == [("封丘县人民政府县长", "封丘县人民政府")]
    assert held["覃伟中"] == [("副市长", "市人民政府")]


def test_heads_a_title_in_traditional_script_is_read_simplified():
    held = _held("嘉兴市2025年政府工作报告\n市長 李 軍\n")
    assert held["李軍"] == [("市长", "嘉兴市人民政府")]  # the name as written, set with a space


def test_heads_words_after_a_title_in_running_text_are_no_person():
    held = _held("某县2024年政府工作报告\n由县长任组长，县长亲自部署，区长挂帅，县长签批后实施。\n")
    assert held == {}


def test_heads_a_congress_and_a_river_chiefs_office_are_still_bodies():
    from kg.extract.agencies import agency_names

    assert [n for n, _, _ in agency_names("，全国人民代表大会常务委员会负责")] == ["全国人民代表大会常务委员会"]
    assert [n for n, _, _ in agency_names("，县河长办负责")] == ["县河长办"]


def test_heads_the_government_a_head_reports_on_behalf_of_is_the_heads():
    held = _held("某县第十八届人民代表大会第五次会议开幕\n县委副书记、县长杨韶辉代表隆回县人民政府向大会作政府工作报告。\n")
    assert sorted(held["杨韶辉"]) == [("县委副书记", "县委"), ("县长", "隆回县人民政府")]


def test_heads_a_title_set_out_with_spaces_heads_the_government_of_the_congress_the_heading_names():
    report = ("2024年政府工作报告\n\n  ——2024年1月10日在临江市东岭区第十届\n\n  人民代表大会第三次会议上\n\n  区 长 王 明\n\n"
              "  各位代表：现在，我代表区人民政府向大会作工作报告。全区 长期坚持稳中求进。\n")
    assert _held(report) == {"王明": [("区长", "东岭区人民政府")]}  # not 区 长期 in running text
