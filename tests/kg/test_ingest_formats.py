"""Reading each source format and encoding into plain text (files made here from our own small texts)."""
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from kg.documents import load_document
from kg.ingest.pdf import reflow
from kg.passages import segment

FIXTURES = Path(__file__).parent / "fixtures"
ZH = "上海市推进新型基础设施建设行动方案\n\n到2022年，全市新建5G基站1万个以上。\n\n上海市人民政府\n2020年5月7日\n"
PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/zw">政务公开</a> | <a href="/hd">互动交流</a></div>
<div class="content"><h1>北京市关于加快新型基础设施建设的通知</h1>
<p>各区人民政府，市政府各委、办、局：</p>
<p>为加快推进新型基础设施建设，现将有关事项通知如下。到2022年，全市建成5G基站3万个以上。</p>
<p>一、建设新型网络基础设施。推进5G网络建设，实现重点区域全覆盖。</p>
<p>北京市人民政府</p><p>2020年6月10日</p></div>
<div class="footer">版权所有：北京市人民政府办公厅 京ICP备05060933号 联系我们 网站地图</div></body></html>"""
BJ_TEXT = ("北京市关于加快新型基础设施建设的通知\n\n各区人民政府，市政府各委、办、局：\n\n"
           "为加快推进新型基础设施建设，现将有关事项通知如下。到2022年，全市建成5G基站3万个以上。\n\n"
           "一、建设新型网络基础设施。推进5G网络建设，实现重点区域全覆盖。\n\n北京市人民政府\n\n2020年6月10日")


def _write(folder, name, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def test_utf8_txt_is_kept_exactly_as_written(tmp_path):
    raw = "Line one.\nLine two.\n\n  indented\t\n\u3000全角空格\n".encode("utf-8")
    doc = load_document(_write(tmp_path, "a.txt", raw))
    assert doc.text.encode("utf-8") == raw
    assert (doc.format, doc.encoding) == ("txt", "utf-8")


def test_windows_line_ends_become_newlines_so_paragraphs_are_found(tmp_path):
    doc = load_document(_write(tmp_path, "w.txt", "第一段。\r\n\r\n第二段。\r第三行。\r\n".encode("gbk")))
    assert doc.text == "第一段。\n\n第二段。\n第三行。\n"
    assert [p.paragraph for p in segment(doc)] == [1, 2, 2]


def test_gbk_txt_is_decoded_and_says_gbk(tmp_path):
    doc = load_document(_write(tmp_path, "gbk.txt", ZH.encode("gbk")))
    assert doc.text == ZH
    assert (doc.encoding, doc.language, doc.title) == ("gbk", "zh", "上海市推进新型基础设施建设行动方案")
    assert str(doc.published) == "2020-05-07"


def test_gb18030_text_beyond_gbk_says_gb18030(tmp_path):
    text = ZH + "䶮字不在GBK中。\n"  # U+4DAE is in GB18030 but not in GBK
    doc = load_document(_write(tmp_path, "g.txt", text.encode("gb18030")))
    assert (doc.text, doc.encoding) == (text, "gb18030")


@pytest.mark.parametrize("codec, bom, label", [
    ("utf-8", b"\xef\xbb\xbf", "utf-8-bom"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le-bom"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be-bom"),
])
def test_byte_order_marks_decide_the_encoding_and_are_not_text(tmp_path, codec, bom, label):
    doc = load_document(_write(tmp_path, "b.txt", bom + ZH.encode(codec)))
    assert (doc.text, doc.encoding) == (ZH, label)


def test_html_boilerplate_is_stripped_and_title_taken_from_the_page(tmp_path):
    page = PAGE.format(charset="utf-8", title="北京市关于加快新型基础设施建设的通知_首都之窗")
    doc = load_document(_write(tmp_path, "bj.html", page.encode("utf-8")))
    assert doc.text == BJ_TEXT
    assert "版权所有" not in doc.text and "政务公开" not in doc.text
    assert (doc.format, doc.encoding, doc.language) == ("html", "utf-8", "zh")
    assert doc.title == "北京市关于加快新型基础设施建设的通知"  # without the portal's name
    assert str(doc.published) == "2020-06-10"  # the date standing on its own line
    assert [p.text for p in segment(doc)][:2] == ["北京市关于加快新型基础设施建设的通知", "各区人民政府，市政府各委、办、局："]


@pytest.mark.parametrize("declared", ["gb2312", "utf-8"])
def test_gbk_html_is_decoded_whatever_it_declares(tmp_path, declared):
    page = PAGE.format(charset=declared, title="北京市通知")
    doc = load_document(_write(tmp_path, "bj.htm", page.encode("gbk")))
    assert (doc.text, doc.encoding, doc.format) == (BJ_TEXT, "gbk", "html")


def test_utf8_html_that_declares_gb2312_is_read_as_utf8(tmp_path):
    page = PAGE.format(charset="gb2312", title="北京市通知")
    doc = load_document(_write(tmp_path, "bj.html", page.encode("utf-8")))
    assert (doc.text, doc.encoding) == (BJ_TEXT, "utf-8")


@pytest.mark.parametrize("title", ["北京市关于加快新型基础设施建设的通知_政策文件_首都之窗",
                                   "首都之窗 | 北京市关于加快新型基础设施建设的通知"])
def test_html_title_drops_site_and_column_names(tmp_path, title):
    doc = load_document(_write(tmp_path, "t.html", PAGE.format(charset="utf-8", title=title).encode("utf-8")))
    assert doc.title == "北京市关于加快新型基础设施建设的通知"


def test_docx_paragraphs_tables_and_core_title(tmp_path):
    d = docx.Document()
    d.core_properties.title = "四川省新基建行动方案"
    d.add_heading("四川省新型基础设施建设行动方案", 1)
    d.add_paragraph("一、总体要求。到2022年，新建5G基站6万个。")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "指标", (0, 1): "目标", (1, 0): "5G基站", (1, 1): "6万个"}.items():
        table.cell(r, c).text = text
    d.add_paragraph("")
    d.add_paragraph("二、保障措施。加强组织领导。")
    d.save(tmp_path / "sc.docx")
    doc = load_document(tmp_path / "sc.docx")
    assert doc.text == ("四川省新型基础设施建设行动方案\n\n一、总体要求。到2022年，新建5G基站6万个。\n\n"
                        "指标 | 目标\n\n5G基站 | 6万个\n\n二、保障措施。加强组织领导。")
    assert (doc.title, doc.language, doc.format, doc.encoding) == ("四川省新基建行动方案", "zh", "docx", None)
    assert doc.published is None


def test_pdf_text_layer_metadata_title_and_date(tmp_path):
    pdf = FPDF()
    pdf.set_title("Guangzhou New Infrastructure Plan")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Guangzhou New Infrastructure Plan\n\n"
                         "By 2022 the city will build 80,000 5G base stations and 50,000 charging piles across "
                         "all eleven districts, led by the Municipal Development and Reform Commission.\n\n"
                         "Issued on 12 August 2020.")
    pdf.output(str(tmp_path / "gz.pdf"))
    doc = load_document(tmp_path / "gz.pdf")
    assert doc.text == ("Guangzhou New Infrastructure Plan\n\n"
                        "By 2022 the city will build 80,000 5G base stations and 50,000 charging piles across "
                        "all eleven districts, led by the Municipal Development and Reform Commission.\n\n"
                        "Issued on 12 August 2020.")
    assert (doc.title, doc.language, doc.format, str(doc.published)) == (
        "Guangzhou New Infrastructure Plan", "en", "pdf", "2020-08-12")
    assert len(segment(doc)) == 3


def test_chinese_pdf_is_read_into_paragraphs_with_its_metadata():
    # made from our own text by tests/kg/fixtures/make_zh_pdf.py (fpdf2 + WenQuanYi Micro Hei, glyph subset)
    doc = load_document(FIXTURES / "zh_plan.pdf")
    assert doc.text == (
        "成都市推进新型基础设施建设行动计划（2020-2022年）\n\n一、总体要求\n\n"
        "到2022年，全市新建5G基站4万个以上，建成公共充电桩1万个，数据中心总规模达到10万个标准机架，"
        "基本形成布局合理、技术先进、绿色低碳的新型基础设施体系。\n\n二、重点任务\n\n"
        "（一）建设新一代信息网络。推进5G网络规模化部署，实现中心城区和重点区域连续覆盖。"
        "（市经信局、市发展改革委等负责。列第一位者为牵头单位）\n\n三、保障措施\n\n"
        "加强组织领导，建立市级统筹协调机制，各区（市）县要结合实际制定具体实施方案。\n\n"
        "成都市人民政府办公厅\n\n2020年8月20日")
    assert (doc.title, doc.language, str(doc.published), doc.format) == (
        "成都市推进新型基础设施建设行动计划", "zh", "2020-08-20", "pdf")
    texts = [p.text for p in segment(doc)]
    assert "一、总体要求" in texts and "三、保障措施" in texts  # headings are passages of their own


def test_pdf_layout_lines_are_reflowed_into_paragraphs():
    page = ("一、总体要求\n到2022年，全市建成5G基站3万个以上，建设政务服务“一网\n通办”平台，探索建设数字孪生城市。\n"
            "二、保障措施\nThe plan will be carried out by the city\ngovernment in 2021.\n")
    assert reflow(page) == ("一、总体要求\n\n到2022年，全市建成5G基站3万个以上，建设政务服务“一网通办”平台，探索建设数字孪生城市。"
                            "\n\n二、保障措施\n\nThe plan will be carried out by the city government in 2021.")
    # a line opening with a heading number starts a paragraph even when it is as long as the others
    assert reflow("第一条 为了规范新型基础设施建设管理制定本办法\n第二条 本办法适用于本市行政区域内的新型基\n础设施。") == (
        "第一条 为了规范新型基础设施建设管理制定本办法\n\n第二条 本办法适用于本市行政区域内的新型基础设施。")


def test_document_without_structure_still_gets_passages(tmp_path):
    text = "新型基础设施建设持续推进各区加快布局数据中心和充电设施" * 20  # one line, no stops, no headings
    doc = load_document(_write(tmp_path, "flat.txt", text.encode("utf-8")))
    passages = segment(doc)
    assert passages and "".join(doc.text[p.start:p.end] for p in passages) == text
