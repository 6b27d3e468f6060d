"""kg.extract.worklists: task tables (重点任务分工表) give tasks, responsible and lead bodies and deadlines (texts written
for these tests)."""
import datetime as dt

from kg.extract import extract_document
from kg.extract.worklists import task_rows

ATTACHED = """东海市2031年优化营商环境重点任务分工方案
一、重点任务
（一）提升政务服务效能。推行“一网通办”。
附件
重点任务分工表
序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限
1 | 推行企业开办“一日办结” | 市市场监管局 | 市公安局、市税务局 | 2031年6月底前
2 | 压缩工程建设项目审批时间 | 市住房城乡建设委 | 市规划资源局、各区人民政府 | 2031年12月底前
"""

RESTATED = """东海市2031年优化营商环境工作方案
一、重点任务
（一）推行企业开办一日办结。企业开办全程网上办理。
（二）压缩工程建设项目审批时间。推行联合审批。
附件：重点任务分工表
序号 | 工作任务 | 责任单位 | 完成时间
1 | 推行企业开办一日办结 | 市市场监管局 | 2031年6月
2 | 压缩工程建设项目审批时间 | 市住房城乡建设委、市规划资源局 | 长期坚持
"""

GROUPED = """东海市2031年数字政府建设任务清单
类别 | 序号 | 主要任务 | 牵头部门 | 责任部门
基础设施 | 1 | 建设政务云平台 | 市大数据局 | 市财政局
2 | 建设城市感知网络 | 市大数据局 | 市公安局
应用服务 | 3 | 推进“一网统管” | 市城运中心 | 各区人民政府
"""


def _extract(doc_factory, text):
    doc, passages = doc_factory(text)
    ext = extract_document(doc, passages, tagger="rules")
    return ext, {(r.subject, r.predicate, r.object) for r in ext.relations}


def test_a_task_table_gives_tasks_under_its_title_with_bodies_leads_and_deadlines(doc_factory):
    ext, rels = _extract(doc_factory, ATTACHED)
    task = "Task/推行企业开办一日办结"
    assert ext.by_key()[task].props["deadline"] == dt.date(2031, 6, 30)
    assert ("Document/t1", "hasAction", "Action/重点任务分工表") in rels
    assert ("Action/重点任务分工表", "hasTask", task) in rels
    assert {(task, "responsibleAgency", f"Agency/{a}") for a in ("市市场监管局", "市公安局", "市税务局")} <= rels
    assert {r for r in rels if r[0] == task and r[1] == "leadAgency"} == {(task, "leadAgency", "Agency/市市场监管局")}
    assert ("Task/压缩工程建设项目审批时间", "responsibleAgency", "Agency/各区人民政府") in rels


def test_an_attachment_line_closes_the_item_above_it(doc_factory):
    ext, _ = _extract(doc_factory, ATTACHED)
    item = ext.by_key()["Task/提升政务服务效能"]
    assert ATTACHED[item.span.start:item.span.end].endswith("推行“一网通办”")


def test_a_row_restating_an_item_of_the_text_assigns_that_item(doc_factory):
    ext, rels = _extract(doc_factory, RESTATED)
    tasks = [m.key for m in ext.mentions if m.kind == "Task"]
    assert sorted(tasks) == ["Task/压缩工程建设项目审批时间", "Task/推行企业开办一日办结"]  # no task made twice
    assert ("Task/压缩工程建设项目审批时间", "responsibleAgency", "Agency/市规划资源局") in rels
    assert not any(p == "leadAgency" for _, p, _ in rels)  # a 责任单位 column names no lead
    assert "Action/重点任务分工表" not in ext.by_key()


def test_a_group_cell_merged_over_rows_names_the_action_of_each_row(doc_factory):
    ext, rels = _extract(doc_factory, GROUPED)
    assert ("Action/基础设施", "hasTask", "Task/建设城市感知网络") in rels  # its row has no group cell of its own
    assert ("Action/应用服务", "hasTask", "Task/推进一网统管") in rels
    assert ("Task/建设城市感知网络", "leadAgency", "Agency/市大数据局") in rels


def test_a_table_without_a_body_column_is_no_task_table():
    text = "序号 | 重点任务 | 完成时限\n1 | 推行企业开办 | 2031年6月底前\n"
    assert list(task_rows(text)) == []


def test_a_project_table_names_each_task_by_its_project_and_an_indicator_table_is_none():
    projects = "序号 | 项目名称 | 建设内容 | 责任单位\n1 | 东海新城数据中心 | 新建机架2000个 | 市大数据局\n"
    (columns, _, row), = task_rows(projects)
    assert row[columns.task][0] == "东海新城数据中心"
    indicators = "序号 | 指标名称 | 单位 | 2025年 | 责任单位\n1 | 人均期望寿命 | 岁 | 83 | 市卫生健康委\n"
    assert list(task_rows(indicators)) == []


SERIAL_FIRST = """东海市2031年优化营商环境重点任务分工方案
序号 | 类别 | 重点任务 | 牵头单位 | 配合单位 | 完成时限
1 | 营商环境 | 推行企业开办一日办结 | 市市场监管局 | 市公安局 | 2031年6月底前
2 | 推行企业注销便利化 | 市市场监管局 | 市税务局 | 2031年12月底前
"""


def test_a_group_merged_after_the_serial_column_is_the_previous_rows_and_spans_are_not_repeated(doc_factory):
    ext, rels = _extract(doc_factory, SERIAL_FIRST)
    assert ("Action/营商环境", "hasTask", "Task/推行企业注销便利化") in rels  # not Action/2
    assert not any(m.kind == "Action" and m.label.isdigit() for m in ext.mentions)
    spans = ext.by_key()["Agency/市市场监管局"].all_spans()
    assert len(spans) == len(set(spans))
