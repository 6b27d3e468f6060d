"""kg.quantities: Chinese and English quantity phrases to numbers in base units."""
from decimal import Decimal

import pytest

from kg.quantities import ABOUT, AT_LEAST, AT_MOST, EXACTLY, MORE_THAN, chinese_integer, find_zh, parse_quantity, same_bound


@pytest.mark.parametrize("phrase, value, comparator, unit", [
    ("10万个", 100000, EXACTLY, None),
    ("2700亿元", 270000000000, EXACTLY, "CNY"),
    ("约2700亿元", 270000000000, ABOUT, "CNY"),
    ("6万多家", 60000, AT_LEAST, None),
    ("100家以上", 100, AT_LEAST, None),
    ("超过12万个", 120000, MORE_THAN, None),
    ("200多个单位", 200, AT_LEAST, None),
    ("千万级", 10**7, ABOUT, None),
    ("百万级", 10**6, ABOUT, None),
    ("340亿条", 34000000000, EXACTLY, None),
    ("35条", 35, EXACTLY, None),
    ("15万企业", 150000, EXACTLY, None),
    ("16个区", 16, EXACTLY, None),
    ("4大", 4, EXACTLY, None),
    ("3千万", 30000000, EXACTLY, None),
    ("1.5万", 15000, EXACTLY, None),
    ("三千万亿", 3 * 10**15, EXACTLY, None),
    ("一亿二千万", 120000000, EXACTLY, None),
    ("两百余所", 200, AT_LEAST, None),
    ("近50个", 50, ABOUT, None),
    ("5000万元左右", 50000000, ABOUT, "CNY"),
    ("82.25岁", Decimal("82.25"), EXACTLY, "岁"),  # an age: the Chinese noun, as the unit convention says
    ("2.52‰", Decimal("2.52"), EXACTLY, "‰"),
])
def test_chinese_phrases_are_normalised(phrase, value, comparator, unit):
    q = parse_quantity(phrase)
    assert (q.value, q.comparator, q.unit) == (Decimal(value), comparator, unit)
    assert q.text == phrase


@pytest.mark.parametrize("phrase, value, comparator, unit", [
    ("100,000", 100000, EXACTLY, None),
    ("more than 60,000", 60000, MORE_THAN, None),
    ("more than 120,000 racks", 120000, MORE_THAN, None),
    ("about 270 billion yuan", 270000000000, ABOUT, "CNY"),
    ("270 billion yuan", 270000000000, EXACTLY, "CNY"),
    ("34 billion pieces", 34000000000, EXACTLY, None),
    ("tens of millions", 10**7, ABOUT, None),
    ("million-scale", 10**6, ABOUT, None),
    ("more than 100", 100, MORE_THAN, None),
    ("2.5 million", 2500000, EXACTLY, None),
])
def test_english_phrases_are_normalised(phrase, value, comparator, unit):
    q = parse_quantity(phrase, "en")
    assert (q.value, q.comparator, q.unit) == (Decimal(value), comparator, unit)


def test_the_two_texts_agree_on_the_charging_pile_target():
    assert parse_quantity("10万个", "zh").value == parse_quantity("100,000", "en").value == 100000


def test_values_are_plain_integers_when_integral():
    assert str(parse_quantity("1.5万").value) == "15000"
    assert str(parse_quantity("2.5").value) == "2.5"


@pytest.mark.parametrize("numeral, value", [
    ("三", 3), ("十", 10), ("十五", 15), ("二十", 20), ("两百", 200), ("一千零一", 1001),
    ("万", 10000), ("十万", 100000), ("一千万", 10**7), ("一亿二千万", 120000000), ("二〇二〇", 2020),
])
def test_chinese_numerals(numeral, value):
    assert chinese_integer(numeral) == value


def test_a_phrase_without_a_number_is_rejected_with_examples():
    with pytest.raises(ValueError, match=r"no quantity in '新网络'.*10万个"):
        parse_quantity("新网络")


def test_a_non_numeral_is_rejected():
    with pytest.raises(ValueError, match="is not a Chinese numeral"):
        chinese_integer("新")


@pytest.mark.parametrize("phrase, value, comparator, unit", [
    ("10亿千瓦", 10**9, "Exactly", "kW"),
    ("1.2万千瓦", 12000, "Exactly", "kW"),
    ("70%", 70, "Exactly", "%"),
    ("百分之七十", 70, "Exactly", "%"),
    ("50公里", 50, "Exactly", "km"),
    ("3平方公里", 3, "Exactly", "km2"),
    ("超过12万个", 120000, "MoreThan", None),
    ("不超过5%", 5, "AtMost", "%"),
    ("100家以上", 100, "AtLeast", None),
    ("3000万元以内", 30000000, "AtMost", "CNY"),
    ("突破1500亿元", 150_000_000_000, "MoreThan", "CNY"),
    ("超1000万元", 10_000_000, "MoreThan", "CNY"),
    ("低于1%", 1, "AtMost", "%"),
    ("100万张以上", 1_000_000, "AtLeast", None),  # 以上 after any classifier: 张, 套, 场, 家次
    ("5万套以上", 50000, "AtLeast", None),
    ("300场左右", 300, "About", None),
    ("2万家次以上", 20000, "AtLeast", None),
    ("820亿斤以上", 82_000_000_000, "AtLeast", "斤"),
])
def test_chinese_comparators_follow_the_convention_and_units(phrase, value, comparator, unit):
    q = parse_quantity(phrase)
    assert (q.value, q.comparator, q.unit) == (Decimal(value), comparator, unit)


@pytest.mark.parametrize("phrase, value, comparator, unit", [
    ("more than 60,000", 60000, "MoreThan", None),
    ("at least 3", 3, "AtLeast", None),
    ("up to 5 km", 5, "AtMost", "km"),
    ("70%", 70, "Exactly", "%"),
    ("10 GW", 10, "Exactly", "GW"),
])
def test_english_comparators_follow_the_convention(phrase, value, comparator, unit):
    q = parse_quantity(phrase, "en")
    assert (q.value, q.comparator, q.unit) == (Decimal(value), comparator, unit)


def test_more_than_is_strict_and_never_folded_into_at_least():
    assert parse_quantity("超过12万个").comparator == MORE_THAN == parse_quantity("多于3个").comparator
    assert parse_quantity("3万个以上").comparator == AT_LEAST == parse_quantity("不少于3个").comparator


@pytest.mark.parametrize("phrase, value", [("第一批48个", 48), ("第3批120家", 120)])
def test_ordinals_are_not_quantities(phrase, value):
    assert parse_quantity(phrase).value == Decimal(value)


def test_an_ordinal_alone_is_no_quantity():
    with pytest.raises(ValueError, match="no quantity in '第十二'"):
        parse_quantity("第十二")


def test_same_bound_accepts_a_loose_translation_of_a_lower_bound_only():
    # 100家以上 (AtLeast) and "more than 100" (MoreThan) bound the value from below: the same fact
    assert same_bound(parse_quantity("100家以上").comparator, parse_quantity("more than 100", "en").comparator)
    assert same_bound(parse_quantity("200多个单位").comparator, parse_quantity("more than 200", "en").comparator)
    assert not same_bound(AT_LEAST, ABOUT) and not same_bound(MORE_THAN, AT_MOST) and not same_bound(EXACTLY, AT_LEAST)
    assert same_bound(EXACTLY, EXACTLY) and same_bound(AT_MOST, AT_MOST)


def test_find_zh_reads_no_count_in_a_batch_of():
    assert find_zh("形成一批可复制、可推广的示范模式") == []  # 一批: "a number of"
    assert [q.value for _, _, q, _ in find_zh("分两批实施，最多不超过六批")] == [2, 6]


def test_find_zh_reads_no_count_in_set_phrases_with_one():
    assert find_zh("织密一张网，打好一场硬仗，建立一套制度") == []
    assert [q.value for _, _, q, _ in find_zh("举办3场活动")] == [3]
