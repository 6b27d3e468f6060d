"""kg.extract.targets on a measures text (our own): counted words (场, 张, 家次, 斤), bounds (突破, 低于, 至少 before the
verb), goals for a whole that name a parameter (担保规模, 新增贷款), and the thresholds of a grant, which are no targets."""
from tests.kg.extract.conftest import targets_by_phrase

TEXT = """某省关于促进消费和稳定增长的若干措施
一、扩大消费
开展促消费活动5000场以上，面向游客免费发放100万张以上旅游惠民券，组织不少于2万家次企业参展。
到2025年新建20个多元融合的体育综合体，每个县至少建成1所托育机构。全年粮食产量820亿斤以上。
二、金融支持
每年政府性融资担保规模超过1000亿元，支持新增小微企业贷款2000亿元以上，平均担保费率低于1%，金融业增加值突破1500亿元。
单户贷款最高500万元。水资源费省级部分按80%收取。
三、奖励措施
对建设面积2000平方米以上的自建海外仓，给予最高200万元的一次性建设资金支持。
通过旅游专列一次性组织游客300人以上来本市，停留1日以上，每住宿1天奖励旅行社0.5万元。
发放1000万元体育消费券，经评估认定为重大赛事的项目分别给予不少于500万元、300万元奖励。
全市每年开发800个基层服务岗位用于招录高校毕业生，对在岗人员给予生活补贴，每人每月2800元。
"""


def _bounds(found: dict, phrase: str) -> tuple:
    m = found[phrase]
    return m.kind, m.props["value"], m.props["unit"], m.props["comparator"]


def test_targets_counted_words_keep_their_bounds():
    found = targets_by_phrase(TEXT)
    assert _bounds(found, "5000场以上") == ("Target", 5000, "场", "AtLeast")
    assert _bounds(found, "100万张以上")[1:] == (1_000_000, "惠民券", "AtLeast")
    assert _bounds(found, "不少于2万家次")[1:] == (20000, "企业", "AtLeast")
    assert _bounds(found, "820亿斤以上")[1:] == (82_000_000_000, "斤", "AtLeast")


def test_targets_bounds_from_the_words_around_the_number():
    found = targets_by_phrase(TEXT)
    assert _bounds(found, "20个")[3] == "Exactly"  # 20个多元融合的…: 多 is a word's, no bound
    assert _bounds(found, "1所")[3] == "AtLeast"  # 至少建成1所
    assert _bounds(found, "突破1500亿元")[3] == "MoreThan"
    assert _bounds(found, "低于1%")[3] == "AtMost"


def test_targets_goals_for_a_whole_name_parameters_but_per_case_rules_do_not():
    found = targets_by_phrase(TEXT)
    assert _bounds(found, "超过1000亿元") == ("Target", 100_000_000_000, "CNY", "MoreThan")  # 担保规模
    assert _bounds(found, "2000亿元以上")[0] == "Target"  # 新增…贷款
    assert "500万元" not in found  # 单户贷款最高500万元: a ceiling per borrower
    assert "80%" not in found  # 按80%收取: a rate applied


def test_targets_thresholds_of_a_grant_are_not_targets():
    found = targets_by_phrase(TEXT)
    assert "2000平方米以上" not in found  # 对…2000平方米以上的…，给予
    assert "300人以上" not in found  # the grant comes three clauses later
    assert "1000万元" in found  # its grant belongs to a new case (…的项目)
    assert "800个" in found  # …，对在岗人员给予: a new case


MORE = """某省稳增长若干措施
一、金融
对新增贷款给予不超过贷款利率35%的贴息，每年贴息贷款总规模最高2000亿元。推动发放创业担保贷款60亿元以上。
重点支持单户担保金额500万元以下的小微企业，支农支小担保业务占比逐步达到80%以上。
激励市县新开工一批百亿元级、80亿元级重大项目。落实对月销售额10万元以下的增值税小规模纳税人免征增值税政策。
二、服务
打造15分钟就医圈，推动形成5-10分钟托育服务圈。乡镇建立至少一所托育机构，每年培训千名以上文艺骨干。
完成背街小巷改造2304条。出台稳增长20条。
"""


def test_targets_sums_for_a_whole_and_their_ceilings():
    found = targets_by_phrase(MORE)
    assert _bounds(found, "2000亿元") == ("Target", 200_000_000_000, "CNY", "AtMost")  # 总规模最高: a ceiling
    assert _bounds(found, "60亿元以上")[0] == "Target"  # billions at least: no single case gets that
    assert _bounds(found, "80%以上")[0] == "Target"  # 逐步: a goal, though 单户 opened the sentence
    assert "80亿元" not in found  # 80亿元级项目: a class of projects
    assert "10万元以下" not in found  # …以下的…小规模纳税人: a class of taxpayers


def test_targets_service_circles_and_numerals_without_digits():
    found = targets_by_phrase(MORE)
    assert _bounds(found, "15分钟") == ("Target", 15, "min", "AtMost")
    assert _bounds(found, "10分钟")[1:] == (10, "min", "AtMost")  # 5-10分钟: within 10 minutes
    assert _bounds(found, "至少一所")[1:] == (1, "机构", "AtLeast")
    assert _bounds(found, "千名以上")[1:] == (1000, "人", "AtLeast")  # 名 counts people
    assert _bounds(found, "2304条")[1] == 2304  # lanes counted
    assert "20条" not in found  # 稳增长20条: the text's own measures
