"""kg.extract.grids: the targets and baselines of an indicator table (cells between " | ", as kg/ingest writes them)."""
import datetime as dt

from tests.kg.extract.conftest import extracted_rules, make_doc

from kg.extract.grids import extract_grids, indicator_rows

TABLE = """西岭区养老服务发展规划（2023-2027年）
到2027年，基本建成居家社区机构相协调的养老服务体系。
表1 主要指标
类别 | 序号 | 指标名称 | 单位 | 2022年 | 2027年 |
服务 指标 | 1 | 养老机构护理型床位占比 | % | 48 | ≥60 |
2 | 社区养老服务设施覆盖率 | % | 90 | 100 | |
3 | 每千名老年人拥有养老床位数 | 张 | 31 | 35左右 | |
4 | 养老护理员持证上岗人数 | 万人 | 0.8 | 1.5 | |
5 | 老年人意外伤害保险参保率 | % | — | 达到市定水平 | |
一、主要任务
"""


def _by_label(text: str, published=dt.date(2023, 3, 1)):
    doc, passages = make_doc(text, published=published)
    return {m.label: m for m in extract_grids(doc, passages).mentions}, doc


def test_grids_reads_each_row_as_target_with_unit_comparator_and_deadline():
    found, doc = _by_label(TABLE)
    share = found["养老机构护理型床位占比≥60%"]
    assert share.kind == "Target" and share.props["value"] == 60.0 and share.props["unit"] == "%"
    assert share.props["comparator"] == "AtLeast" and share.props["deadline"] == dt.date(2027, 12, 31)
    assert doc.text[share.span.start:share.span.end] == "服务 指标 | 1 | 养老机构护理型床位占比 | % | 48 | ≥60 |"
    beds = found["每千名老年人拥有养老床位数35左右张"]
    assert (beds.props["value"], beds.props["unit"], beds.props["comparator"]) == (35.0, "张", "About")
    carers = found["养老护理员持证上岗人数1.5万人"]  # the unit's magnitude read into the value
    assert (carers.props["value"], carers.props["unit"]) == (15000.0, "人")


def test_grids_reads_a_column_up_to_the_documents_year_as_indicator():
    found, _ = _by_label(TABLE)
    base = found["2022年养老机构护理型床位占比48%"]
    assert base.kind == "Indicator" and base.props["value"] == 48.0 and "deadline" not in base.props
    assert found["2022年社区养老服务设施覆盖率90%"].kind == "Indicator"


def test_grids_skips_cells_that_are_no_number():
    found, _ = _by_label(TABLE)
    assert not [label for label in found if "意外伤害" in label]  # — and 达到市定水平 state no value
    assert len(found) == 8  # rows 1-4, both years


def test_grids_needs_a_header_naming_the_indicator_and_a_year():
    rows = "项目 | 内容 |\n1 | 建设养老机构 | 3 |\n"
    doc, passages = make_doc("西岭区通知\n" + rows)
    assert indicator_rows(doc.text) == [] and extract_grids(doc, passages).mentions == []


def test_targets_leave_table_rows_to_grids():
    ext = extracted_rules(TABLE)
    targets = sorted(m.label for m in ext.mentions if m.kind == "Target")
    assert targets == ["养老护理员持证上岗人数1.5万人", "养老机构护理型床位占比≥60%", "每千名老年人拥有养老床位数35左右张",
                       "社区养老服务设施覆盖率100%"]


def test_grids_reads_tables_as_the_docx_and_html_readers_write_them(tmp_path):
    """kg/ingest writes a .docx table's rows with blank lines between them, an HTML table (trafilatura) with a
    leading | and a |---| line: both are one table."""
    import docx

    from kg.documents import load_document

    d = docx.Document()
    d.add_paragraph("南川区养老服务发展规划（2023-2027年）")
    rows = [("序号", "指标名称", "单位", "2022年", "2027年"), ("1", "养老机构护理型床位占比", "%", "48", "≥60"),
            ("2", "人均预期寿命", "岁", "80.5", "81.6")]
    table = d.add_table(rows=len(rows), cols=5)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    d.save(tmp_path / "plan.docx")
    doc = load_document(tmp_path / "plan.docx")
    assert "\n\n1 | 养老机构护理型床位占比 | % | 48 | ≥60" in doc.text
    found = {m.label: m for m in extract_grids(*make_doc(doc.text)).mentions}
    assert found["人均预期寿命81.6岁"].props["deadline"] == dt.date(2027, 12, 31)
    html = "北塘县教育发展规划\n\n| 序号 | 指标名称 | 单位 | 2025年 |\n\n|---|---|---|---|\n\n| 1 | 学前教育毛入园率 | % | 95 |\n"
    assert [m.label for m in extract_grids(*make_doc(html)).mentions] == ["学前教育毛入园率95%"]


def test_grids_a_dash_holds_its_column_and_a_heading_tag_decides_the_kind():
    text = ("西岭区医疗保障规划\n序号 | 指标名称 | 单位 | 2022年 | 2027年 |\n1 | 长期护理保险参保率 | % | — | 80 |\n"
            "2 | 基本医保参保率 | % | 95 | 97 |\n")
    found, _ = _by_label(text)
    assert sorted(found) == ["2022年基本医保参保率95%", "基本医保参保率97%", "长期护理保险参保率80%"]
    assert found["长期护理保险参保率80%"].props["deadline"] == dt.date(2027, 12, 31)
    tagged = "西岭区规划\n指标名称 | 单位 | 2022年目标值 |\n养老床位数 | 张 | 35 |\n"
    assert [m.kind for m in _by_label(tagged)[0].values()] == ["Target"]  # headed 目标: a target though 2022 < 2023


def test_grids_another_tables_heading_ends_the_indicator_table():
    text = TABLE.replace("一、主要任务", "表2 重点项目\n序号 | 项目名称 | 建设内容 | 总投资（亿元） |\n1 | 西岭养老中心 | 2.5 | 新建床位500张 |")
    found, _ = _by_label(text)
    assert len(found) == 8 and not [label for label in found if "养老中心" in label]


def test_grids_a_data_row_with_year_like_values_is_no_heading():
    text = ("西岭区规划\n序号 | 指标名称 | 单位 | 2022年 | 2027年 |\n1 | 重点项目数 | 个 | 1990 | 2050 |\n"
            "2 | 社区养老服务设施覆盖率 | % | 90 | 100 |\n")
    found, _ = _by_label(text)
    assert "社区养老服务设施覆盖率100%" in found and "重点项目数2050个" in found
