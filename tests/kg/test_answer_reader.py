"""kg.answer.reader: numbers and dates no graph fact states, read off the question's search passages, on a real
build and the real search index of a notice written for the tests (ask_texts/care_notice.txt); and the holder of a joint
meeting's post (ask_texts/care_meeting.txt: 召集人, 副召集人)."""
from decimal import Decimal
from pathlib import Path

import pytest

from kg.answer import Answerer
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.store import current_build, open_store

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def care_build(build_texts):
    settings = build_texts("care", TEXTS.glob("care_notice.*"))
    return settings, current_build(settings.data_dir)


@pytest.fixture(scope="module")
def care(care_build, answerer_of):
    return answerer_of(care_build[0], search=True)


def _reader_on(text: str, title: str = ""):
    """A Reader with the real tokenizer and the real CC-CEDICT renderings of ``text``'s words, and one search hit
    holding ``text``."""
    from kg.answer.bilingual import _grams, renderings
    from kg.answer.reader import Reader
    from kg.segment import jieba_tokenizer

    glossary = renderings(_grams(text))
    hit = {"passage": "https://w3id.org/nikg/id/passage/d/p002s02", "text": text, "before": "", "title": title}
    return Reader(jieba_tokenizer([]), lambda: glossary), hit


def _value(answer):
    return answer.facts[0].value if answer.answer and answer.facts else None


def test_reader_answers_a_ratio_a_count_and_money_no_target_states(care):
    ratio = care.ask("医保基金按不低于服务金额的多少比例提前预付给养老机构？")
    assert _value(ratio) == Decimal(20) and ratio.facts[0].unit == "%"
    assert "原文" in ratio.answer and ratio.facts[0].evidence  # quotes the passage it read
    assert _value(care.ask("2030年全省共发生养老服务投诉多少次？")) == Decimal(120)  # not the 40 of the next clause
    money = care.ask("试点机构应有多少启动资金？")
    assert _value(money) == Decimal(500000) and money.facts[0].unit == "CNY"


def test_reader_answers_a_deadline_of_the_clause_before(care):
    when = care.ask("各试点县什么时候前完成养老服务设施摸底？")
    assert when.kind == "when" and when.facts and when.facts[0].value == "2032-06-30"
    deadline = care.ask("各试点县完成养老服务设施摸底的截止时间")  # 截止时间 asks a date, and is no term of it
    assert deadline.kind == "when" and deadline.facts and deadline.facts[0].value == "2032-06-30"


def test_reader_reads_the_day_of_the_act_asked_not_another_date_of_the_sentence(care):
    adopted = care.ask("某省养老机构管理条例是哪天审议通过的？")
    assert adopted.facts and adopted.facts[0].value == "2032-02-20"
    effective = care.ask("某省养老机构管理条例自什么时候起施行？")
    assert not effective.facts or effective.facts[0].value == "2032-05-01"  # never the day it was adopted


def test_reader_answers_an_english_question_whose_word_forms_differ_from_the_dictionary(care):
    revised = care.ask("What is the revised total number of pilot beds?")  # revised: 调整 "revision"
    assert _value(revised) == Decimal(3000)
    assert care.ask("How many hours do the pilot beds get?").answer is None  # hours: no number counts hours


def test_reader_answers_the_new_value_of_a_change_unless_the_old_one_is_asked(care):
    assert _value(care.ask("调整后养老试点县一共有多少个？")) == Decimal(12)  # 将8个…调整增加为12个
    assert _value(care.ask("调整前养老试点县有多少个？")) == Decimal(8)


def test_reader_is_null_when_the_year_or_the_unit_contradicts_the_text(care):
    assert care.ask("2031年全省共发生养老服务投诉多少次？").answer is None  # the text states 2030
    assert care.ask("医保基金提前预付给养老机构多少亿元？").answer is None  # money asked, a percentage stated
    assert care.ask("How many nursing homes were closed?").answer is None  # nothing counted so


def test_reader_needs_search_passages(care, care_build):
    assert care.ask("医保基金按不低于服务金额的多少比例提前预付给养老机构？", k=0).answer is not None  # it searches
    store = open_store(care_build[1])
    catalogue = Catalogue.from_store(store)
    bare = Answerer(store, catalogue, Linker(catalogue))  # no search: nothing to read
    assert bare.ask("医保基金按不低于服务金额的多少比例提前预付给养老机构？", k=0).answer is None


@pytest.fixture(scope="module")
def meeting_build(build_texts):
    settings = build_texts("meeting", TEXTS.glob("care_meeting.*"))
    return settings, current_build(settings.data_dir)


@pytest.fixture(scope="module")
def meeting(meeting_build, answerer_of):
    return answerer_of(meeting_build[0], search=True)


def test_ask_where_a_body_is_set_is_read_and_is_no_question_of_responsibility(meeting):
    where = meeting.ask("省养老服务工作联席会议办公室设在哪个部门？")
    assert where.facts and where.facts[0].value == "省民政厅" and where.answer.startswith("设在省民政厅")
    assert meeting.ask("省残疾人工作委员会办公室设在哪个部门？").answer is None  # a body the text does not name


def test_ask_convener_of_a_joint_meeting_is_the_holder_of_that_post(meeting):
    answerer = meeting
    assert answerer.ask("省养老服务工作联席会议召集人是谁？", k=0).answer == "省养老服务工作联席会议召集人是李明华。"
    assert answerer.ask("省养老服务工作联席会议副召集人是谁？", k=0).answer == "省养老服务工作联席会议副召集人是王建设。"


def test_english_question_names_a_post_of_a_chinese_only_joint_meeting(meeting):
    """kg/answer/roles_en.py: deputy convener -> 副召集人; the joint meeting by the dictionary words of its name."""
    answer = meeting.ask("Who is the deputy convener of the provincial elderly care joint meeting?", k=0)
    assert answer.answer == "The deputy convener (副召集人) of 省养老服务工作联席会议 is Wang Jianshe (王建设)."  # pinyin
    assert meeting.ask("Who is the convener of the elderly care joint meeting?", k=0).facts[0].labels["zh"] == "李明华"
    assert meeting.ask("Who is the mayor of the elderly care joint meeting?", k=0).answer is None  # no such post
    assert meeting.ask("Who is the convener of the flood control headquarters?", k=0).answer is None  # no such body


def test_reader_names_the_body_a_clause_states_and_not_one_the_question_names(care):
    """kg/answer/bodies.py: 哪个单位是…的主管单位 / …由哪个单位承担, answered from the clause that says it."""
    competent = care.ask("哪个单位是全省养老服务试点工作的主管单位？")
    assert competent.facts and competent.facts[0].value == "省民政厅"  # not 各市民政局 (本市), a weaker clause
    asked_last = care.ask("全省养老服务试点工作的主管单位是哪个？")  # 单位是哪个: the body asked at the end
    assert asked_last.facts and asked_last.facts[0].value == "省民政厅"
    assert competent.answer.startswith("省民政厅（原文：")
    daily = care.ask("试点机构日常监测工作由哪个单位承担？")
    assert daily.facts and daily.facts[0].value == "省养老服务指导中心"  # an institution no agency suffix names
    framed = care.ask("开展养老服务试点的通知中，试点机构日常监测工作由哪个单位承担？")  # the title names the document
    assert framed.facts and framed.facts[0].value == "省养老服务指导中心"


def test_reader_names_no_body_for_a_question_the_clauses_do_not_cover(care):
    assert care.ask("哪个单位是全省殡葬服务工作的主管单位？").answer is None  # 殡葬: no clause says it
    assert care.ask("哪个单位承担养老机构消防检查工作？").answer is None


def test_members_of_a_joint_meeting_hold_one_membership_each_in_the_build(meeting_build):
    """kg/extract/memberships.py through a real build: two 成员 of one roster are two org:Membership posts."""
    rows = open_store(meeting_build[1]).query("""PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?post ?m WHERE { ?post org:member ?m ; skos:prefLabel "省养老服务工作联席会议成员"@zh }""")
    pairs = {(str(r["post"].value), str(r["m"].value)) for r in rows}
    assert len(pairs) == 2 and len({p for p, _ in pairs}) == 2 and len({m for _, m in pairs}) == 2


def test_reader_counts_households_and_quotes_the_sentence_whose_clause_holds_the_value(care):
    homes = care.ask("试点县困难老年人家庭有多少户？")
    assert _value(homes) == Decimal(2400)
    assert "（原文：“试点县困难老年人家庭，经过摸底，共2400户”）" in homes.answer  # the sentence, not its first clause


def test_ask_where_an_office_set_up_under_a_body_is_set(meeting):
    where = meeting.ask("省养老服务工作联席会议秘书处设在哪个部门？")  # 秘书处设在…: the body it is under is said before
    assert where.facts and where.facts[0].value == "省卫生健康委"


@pytest.fixture(scope="module")
def decree(build_texts, answerer_of):
    return answerer_of(build_texts("decree", [*TEXTS.glob("water_decree.*"), *TEXTS.glob("water_reply.*"),
                                                      *TEXTS.glob("water_praise.*")]), search=True)


def test_ask_when_a_regulation_takes_effect_is_not_misled_by_its_titles_implementing(decree):
    """The bracket of earlier versions names 《…实施细则》 (its 实施 is no act) and dates them: the date read is the
    one the clause of 施行 states."""
    answer = decree.ask("海岛供水条例实施细则什么时候施行？")
    assert _value(answer) == "2033-03-01" and "起施行" in answer.answer  # not the day it was adopted, the same sentence


def test_ask_a_rate_reads_a_percentage(decree):
    """处理率, 普及率: a rate asks for a percentage, not a count (效率, 汇率, 率先: none)."""
    answer = decree.ask("2031年全省海岛自来水普及率达到多少？")  # a reply's figure: no fact, read off the passage
    assert _value(answer) == Decimal("86.5") and answer.facts[0].unit == "%"


def test_english_answer_gives_a_chinese_only_post_its_machine_label_and_the_name_in_pinyin(decree):
    """总理 has only a Chinese label and a machine-made English one (CC-CEDICT); the signer's name is read in pinyin;
    the Chinese follows each, so nothing is passed off as the text's own English."""
    answer = decree.ask("What is Wang Jianguo's post?", k=0)
    assert answer.answer == "Wang Jianguo (王建国) is Premier (总理)."
    assert decree.ask("王建国是什么职务？", k=0).answer == "王建国任总理。"


def test_a_question_naming_an_agency_is_answered_from_a_national_text_that_writes_its_name(decree):
    """国务院 is an entity of the decree only (its issuer); the praise notice writes it (经国务院同意) without making it one:
    a question naming it may still be answered from the notice (kg/answer/scope.py)."""
    assert _value(decree.ask("国务院第九次大督查表扬了多少项典型经验做法？")) == Decimal(12)


def test_a_regulation_is_named_without_the_states_name_its_title_opens_with(decree):
    """中华人民共和国海岛供水条例实施细则 is cited as 海岛供水条例实施细则 (kg/answer/issued.py)."""
    answer = decree.ask("海岛供水条例实施细则的文号是什么？", k=0)
    assert answer.answer == "《中华人民共和国海岛供水条例实施细则》的文号是国令第988号。"


def test_a_subsidys_standard_asks_for_money_not_a_count(decree):
    """补贴标准是多少 asks money (每户每月200元), not the 12项 of the policies stated beside it."""
    answer = decree.ask("海岛渔村家庭用水补贴标准是多少？")
    assert _value(answer) == Decimal(200) and answer.facts[0].unit == "CNY"
    limit = decree.ask("用水困难家庭运水费用补助限额是多少？")  # 限额: money, not the 6项 beside it
    assert _value(limit) == Decimal(3000) and limit.facts[0].unit == "CNY"



def test_reader_counts_what_the_sentence_before_in_the_paragraph_names(care):
    """The clause with the value (总投资相应调整约为1.6亿元) does not name the project; the sentence before it does."""
    revised = care.ask("What is the revised total investment of the Qingshan nursing home?")
    assert _value(revised) == Decimal(160000000) and "1.6亿元" in revised.answer
    assert _value(care.ask("青山养老院调整后的总投资是多少？")) == Decimal(160000000)
    assert care.ask("What is the revised total investment of the Shenzhen airport?").answer is None


def test_what_is_the_date_of_asks_a_date(care):
    from kg.answer.question import classify

    assert classify("What is the date of the ministry's opinion?").kind == "when"
    assert classify("What is the date of the notice?").kind == "when"


@pytest.fixture(scope="module")
def census(build_texts, answerer_of):
    return answerer_of(build_texts("census", TEXTS.glob("census_group.*")))


def test_a_state_council_body_is_named_without_state_council_in_a_question(census):
    """kg/linking/lexicon.py: 第一次全国海岛供水普查领导小组 names 国务院第一次全国海岛供水普查领导小组 (lookup only)."""
    full = census.ask("国务院第一次全国海岛供水普查领导小组组长是谁？", k=0)
    assert full.answer == "国务院第一次全国海岛供水普查领导小组组长是周海明。"
    assert census.ask("第一次全国海岛供水普查领导小组组长是谁？", k=0).answer == full.answer
    assert census.ask("海岛供水普查领导小组组长是谁？", k=0).answer == full.answer  # the tail of one body's name
    assert census.ask("领导小组组长是谁？", k=0).answer is None  # too short a tail (6 characters at least)


@pytest.fixture(scope="module")
def holidays(build_texts, answerer_of):
    return answerer_of(build_texts("holidays", TEXTS.glob("holiday_notice.*")), search=True)


def test_reader_counts_days_off_of_the_year_the_title_names(holidays):
    """共7天: days counted (几天); the year is in the title only; the list's lead sentence names every holiday, so
    a line before the one asked is no rival."""
    spring = holidays.ask("2033年春节放假几天？")
    assert _value(spring) == Decimal(7) and "春节" in spring.answer
    assert _value(holidays.ask("2033年国庆节放假多少天？")) == Decimal(8)
    assert _value(holidays.ask("2033年清明节放假几天？")) == Decimal(3)
    assert holidays.ask("2034年春节放假几天？").answer is None  # a year no text of it states


def test_reader_counts_the_words_of_the_documents_title():
    """The question names the plan (助餐服务行动方案); the clause does not: its title counts as the sentence before."""
    from kg.answer.question import classify

    reader, hit = _reader_on("具体指标：到2034年，新建社区食堂300个，配备助餐员1200名。", "某省关于印发老年助餐服务提升行动方案的通知")
    question = classify("助餐服务行动方案提出到2034年新建多少个社区食堂？")
    read = reader.answer(question, [hit], "zh", lambda evidence: True)
    assert read is not None and read[0] == "300个（原文：“新建社区食堂300个”）"
    assert reader.answer(question, [dict(hit, title="")], "zh", lambda evidence: True) is None


def test_which_asks_the_holders_of_a_post_named(census):
    """副组长有哪些: every holder of the post, not the leader (组长) and not the members."""
    deputies = census.ask("第一次全国海岛供水普查领导小组副组长有哪些？", k=0)
    assert deputies.kind == "which" and {f.labels["zh"] for f in deputies.facts} == {"吴清泉", "孙明远"}
    assert deputies.answer.startswith("国务院第一次全国海岛供水普查领导小组副组长是") and "周海明" not in deputies.answer
    assert census.ask("第一次全国海岛供水普查领导小组有哪些副主任？", k=0).answer is None  # no such post


def test_english_question_names_the_holders_of_a_plural_post(census):
    """deputy leaders: the plural of a title; the holders listed as English does."""
    answer = census.ask("Who are the deputy leaders of the first national island water supply census leading group?", k=0)
    assert {f.labels["zh"] for f in answer.facts} == {"吴清泉", "孙明远"}
    assert answer.answer.startswith("The deputy leaders (副组长) of 国务院第一次全国海岛供水普查领导小组 are ")
    assert " and " in answer.answer and ", " not in answer.answer.split(" are ")[1]  # two names: A and B


def test_english_how_many_days_counts_the_days_a_chinese_text_states(holidays):
    """how many days: the measure word 天 (共7天), not a rendering of "day"; "off" of "days off" is no term."""
    assert _value(holidays.ask("How many days off for the 2033 Spring Festival?")) == Decimal(7)
    assert holidays.ask("How many days off for the 2034 Spring Festival?").answer is None


def test_a_posts_question_framed_by_the_roster_names_the_post_outside_it_too(census):
    """领导小组副组长吴清泉是什么职务: the group is the frame; his post outside it (水利部部长) is asked too, after the
    group's; a body he holds no post in gets no answer."""
    answer = census.ask("第一次全国海岛供水普查领导小组副组长吴清泉是什么职务？", k=0).answer
    assert answer == "吴清泉任国务院第一次全国海岛供水普查领导小组副组长、水利部部长。"
    assert census.ask("吴清泉担任自然资源部什么职务？", k=0).answer is None


def test_english_how_many_schools_counts_the_measure_word_of_schools():
    """how many … schools: 所 (建设20所示范护理学校和60个示范专业: 20, not the 60 of the majors beside it)."""
    from kg.answer.question import classify

    reader, hit = _reader_on("到2033年，建设20所示范护理学校和60个示范专业。")
    schools = reader.answer(classify("How many model nursing schools will be built by 2033?"), [hit], "en", lambda ev: True)
    assert schools is not None and schools[1][0].value == Decimal(20)
    majors = classify("How many model nursing majors will be built by 2033?")  # no measure word: 20所 and 60个 both fit
    assert reader.answer(majors, [hit], "en", lambda ev: True) is None


def test_english_how_much_of_asks_a_share():
    """how much of the service amount: a percentage (20%), not the money of the next clause (50万元)."""
    from kg.answer.question import classify

    reader, hit = _reader_on("医保基金按不低于服务金额的20%提前预付给养老机构，单个机构预付资金不超过50万元。")
    share = reader.answer(classify("How much of the service amount does the insurance fund pay in advance?"), [hit], "en",
                          lambda ev: True)
    assert share is not None and share[1][0].value == Decimal(20) and share[0].startswith("20%")


def test_english_question_naming_the_state_council_still_finds_the_chinese_only_post(census):
    """"the State Council's … leading group": 国务院 may link as a body, yet the post is the group's."""
    answer = census.ask("Who is the leader of the State Council's first national island water supply census leading group?",
                        k=0)
    assert answer.facts and answer.facts[0].labels["zh"] == "周海明"


def test_english_who_leads_a_body_names_the_one_at_its_top(census):
    """who leads / heads: the group's 组长 (not a 副组长), whichever title the top post has."""
    answer = census.ask("Who leads the first national island water supply census leading group after the adjustment?", k=0)
    assert answer.answer == "The head (组长) of 国务院第一次全国海岛供水普查领导小组 is Zhou Haiming (周海明)."
    assert census.ask("Who heads the flood control headquarters?", k=0).answer is None  # no such body
