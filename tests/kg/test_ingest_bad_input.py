"""Bad source files and bad sidecars fail with a message naming the file, the field and the fix."""
import json
import re
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from kg.documents import load_document, load_documents, load_sources
from kg.errors import SourceError

GOOD = "上海市推进新型基础设施建设行动方案\n\n到2022年，全市新建5G基站1万个以上。\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _error(path) -> str:
    with pytest.raises(SourceError) as info:
        load_document(path)
    return str(info.value)


def _file(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t \n"], ids=["zero-bytes", "blank"])
def test_empty_file_is_rejected(tmp_path, data):
    assert _error(_file(tmp_path, "a.txt", data)) == "a.txt is empty (put the document's text in it, or remove the file)"


def test_file_over_the_size_limit_is_rejected(tmp_path):
    with pytest.raises(SourceError) as info:
        load_document(_file(tmp_path, "big.txt", GOOD * 100), max_bytes=1000)
    assert str(info.value) == (f"big.txt has {len(GOOD.encode()) * 100:,} bytes, over the limit of 1,000 bytes for one source file "
                               "(split it, or raise the limit with NIKG_SOURCE_MAX_MB)")


def test_png_renamed_txt_is_named_for_what_it_is(tmp_path):
    assert _error(_file(tmp_path, "photo.txt", PNG)) == (
        "photo.txt is not text: its bytes are a PNG image "
        "(give the file its real extension (.pdf, .docx) if nikg reads that format, or remove it)")


def test_binary_bytes_with_nul_are_rejected(tmp_path):
    assert _error(_file(tmp_path, "blob.txt", bytes(range(256)) * 4)) == (
        "blob.txt is not text: it contains NUL bytes (it is a binary file or UTF-16 without a byte-order mark; "
        "save it as UTF-8 (or GBK) text)")


def test_control_characters_mean_binary(tmp_path):
    assert _error(_file(tmp_path, "c.txt", b"abc\x01\x02\x03\x04def" * 10)) == (
        "c.txt is not text: read as utf-8 it has 40 control characters "
        "(it is a binary file; convert it to .txt, .html, .pdf or .docx, or remove it)")


@pytest.mark.parametrize("text, codec", [
    ("Café crème à Paris, très bien.", "latin-1"),
    ("これは日本語のテキストです。東京都の計画。", "shift_jis"),
    ("臺灣的基礎建設計畫，預計於2022年完成。", "big5"),
], ids=["latin-1", "shift-jis", "big5"])
def test_text_in_an_unsupported_encoding_is_undecodable_not_misread(tmp_path, text, codec):
    assert _error(_file(tmp_path, "x.txt", text.encode(codec))) == (
        "x.txt cannot be decoded: it is neither UTF-8 nor GBK/GB18030 text (save it as UTF-8 (or GBK) text)")


def test_broken_utf16_after_its_bom_is_rejected(tmp_path):
    assert _error(_file(tmp_path, "u.txt", b"\xff\xfe" + "上海".encode("utf-16-le") + b"\x00\xd8")) == (
        "u.txt starts with a UTF-16LE byte-order mark but is not valid UTF-16LE (byte 6) (save it as UTF-8 (or GBK) text)")


def test_pdf_without_text_layer_is_rejected_with_the_ocr_fix(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 80, 120, style="F")  # a "scan": marks on the page, no text
    pdf.output(str(tmp_path / "scan.pdf"))
    assert _error(tmp_path / "scan.pdf") == (
        "scan.pdf has no text layer (1 page(s) without text) (it looks like a scan: run OCR on it "
        "(e.g. `ocrmypdf in.pdf out.pdf`) or supply the text as .txt)")


def test_pdf_whose_fonts_have_no_unicode_map_is_rejected_not_indexed_as_garbage(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "zh_plan.pdf"
    # the same bytes with the font's /ToUnicode key disabled (same length, so the xref stays valid)
    data = fixture.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX")
    assert _error(_file(tmp_path, "nomap.pdf", data)) == (
        "nomap.pdf: 45% of its text layer is unreadable glyph codes (fonts without a Unicode map) "
        "(re-export it from the original document, or run OCR on it (e.g. `ocrmypdf --force-ocr`))")


def test_truncated_pdf_is_rejected(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "Some text")
    whole = bytes(pdf.output())
    message = _error(_file(tmp_path, "cut.pdf", whole[: len(whole) // 3]))
    assert message.startswith("cut.pdf is not a readable PDF: ")
    assert message.endswith("(re-export or re-download the PDF, or supply the text as .txt)")


def test_text_renamed_pdf_is_rejected(tmp_path):
    assert _error(_file(tmp_path, "n.pdf", GOOD)) == (
        "n.pdf is not a PDF file (it does not start with %PDF-) (give the file its real extension, or remove it)")


def test_corrupt_docx_is_rejected(tmp_path):
    d = docx.Document()
    d.add_paragraph(GOOD)
    d.save(tmp_path / "whole.docx")
    cut = (tmp_path / "whole.docx").read_bytes()[:400]
    assert _error(_file(tmp_path, "cut.docx", cut)) == (
        "cut.docx is not a readable .docx: BadZipFile: File is not a zip file "
        "(open and re-save it in Word or LibreOffice, or supply the text as .txt)")


def test_old_word_file_renamed_docx_is_rejected(tmp_path):
    assert _error(_file(tmp_path, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))) == (
        "old.docx is not a .docx file (it is not a ZIP package) (save it as .docx from Word or LibreOffice)")


def test_html_with_no_text_is_rejected(tmp_path):
    page = "<html><head><title></title><script>var x = 1;</script></head><body><div></div></body></html>"
    assert _error(_file(tmp_path, "blank.html", page)) == (
        "blank.html has no text once read as html (check that the file holds the document's text, or remove the file)")


def test_unsupported_format_and_orphan_sidecar_and_duplicate_ids_name_the_file(tmp_path):
    _file(tmp_path, "a.txt", GOOD)
    checks = [
        ("notes.md", "# x", "notes.md: format .md is not supported (convert it to one of .txt, .html, .htm, .pdf, "
                            f".docx, or move it out of {tmp_path})"),
        ("b.json", "{}", "b.json is metadata for no document (name it after its document (X.json beside X.txt), "
                         "or remove it)"),
        ("a.html", "<p>x</p>", "a.html and a.txt have the same document id 'a' (rename one of them: the file name "
                               "without extension is the document id)"),
    ]
    for name, data, message in checks:
        path = _file(tmp_path, name, data)
        with pytest.raises(SourceError) as info:
            load_documents(tmp_path)
        assert str(info.value) == message
        path.unlink()
    assert len(load_documents(tmp_path)) == 1


# --- sidecars ------------------------------------------------------------------------------------------

def _sidecar_error(tmp_path, meta, others=()) -> str:
    _file(tmp_path, "a.txt", GOOD)
    _file(tmp_path, "a.json", meta if isinstance(meta, str) else json.dumps(meta, ensure_ascii=False))
    for other in others:
        _file(tmp_path, other, GOOD)
    with pytest.raises(SourceError) as info:
        load_documents(tmp_path)
    return str(info.value)


SIDECAR_ERRORS = {
    "bad-date": ({"published": "2020-13-01"}, 'a.json: field \'published\' is "2020-13-01", not a YYYY-MM-DD date '
                 '(write it like "2020-05-07", or null, or remove the field to infer it from the text)'),
    "date-as-number": ({"published": 20200507}, "a.json: field 'published' is 20200507, not a YYYY-MM-DD date "
                       '(write it like "2020-05-07", or null, or remove the field to infer it from the text)'),
    "language": ({"language": "chinese"}, "a.json: language 'chinese' is not supported "
                 "(use one of zh, en, or remove the field to infer it from the text)"),
    "authoritative-type": ({"authoritative": "yes"}, "a.json: field 'authoritative' must be true or false, not \"yes\" "
                           "(write true or false without quotes, or remove the field (default false))"),
    "title-type": ({"title": ["a"]}, "a.json: field 'title' must be a string, not [\"a\"] "
                   "(give the document's title, or remove the field to infer it from the text)"),
    "title-empty": ({"title": " "}, "a.json: field 'title' is empty "
                    "(give the document's title, or remove the field to infer it from the text)"),
    "same-event-type": ({"same_event_as": "b"}, "a.json: field 'same_event_as' must be a list of document ids, "
                        'not "b" (write it like ["004_5322b9490e033bff"]: file names without extension of '
                        "documents in the folder)"),
    "misspelt-field": ({"publised": "2020-05-07"}, "a.json: unknown field 'publised' (did you mean 'published'? "
                       "nikg reads title, language, published, source_url, kind, same_event_as, authoritative; "
                       "other fields are kept but not read)"),
    "other-name": ({"url": "http://x"}, "a.json: unknown field 'url' (did you mean 'source_url'? "
                   "nikg reads title, language, published, source_url, kind, same_event_as, authoritative; "
                   "other fields are kept but not read)"),
    "not-object": ("[1, 2]", 'a.json must hold a JSON object (write it like {"title": "...", "language": "zh"})'),
}


@pytest.mark.parametrize("meta, message", SIDECAR_ERRORS.values(), ids=SIDECAR_ERRORS.keys())
def test_sidecar_with_a_wrong_field_names_file_field_and_fix(tmp_path, meta, message):
    assert _sidecar_error(tmp_path, meta) == message


def test_sidecar_that_is_not_json_names_the_position(tmp_path):
    message = _sidecar_error(tmp_path, '{"title": "x",}')
    assert re.fullmatch(r"a\.json is not valid JSON: .*line 1 column 15.* \(fix the syntax there, "
                        r"or remove the file to infer title, language and date\)", message), message


def test_same_event_as_naming_a_missing_document_is_rejected(tmp_path):
    assert _sidecar_error(tmp_path, {"same_event_as": ["b", "zz"]}, others=["b.txt"]) == (
        f"a.json: field 'same_event_as' names 'zz', which is not a document in the folder "
        f"(use ids (file names without extension) of other documents in {tmp_path}, or remove it)")


def test_same_event_as_naming_itself_is_rejected(tmp_path):
    assert _sidecar_error(tmp_path, {"same_event_as": ["a"]}).startswith(
        "a.json: field 'same_event_as' names 'a', the document itself (")


def test_sidecar_fields_left_out_are_inferred_and_null_date_is_kept(tmp_path):
    _file(tmp_path, "a.txt", GOOD + "\n2020年5月7日\n")
    _file(tmp_path, "a.json", json.dumps({"title": "给定标题", "kind": "plan", "published_note": "free text",
                                          "number": "国发〔2018〕42号", "issuer": "国务院", "provenance": "ours"}))
    _file(tmp_path, "b.txt", GOOD + "\n2020年5月7日\n")
    _file(tmp_path, "b.json", json.dumps({"published": None, "same_event_as": ["a"]}))
    a, b = load_documents(tmp_path)
    assert (a.title, a.language, str(a.published), a.kind, a.inferred) == (
        "给定标题", "zh", "2020-05-07", "plan", ("language", "published"))
    assert (b.title, b.published, b.same_event_as, b.inferred) == (
        "上海市推进新型基础设施建设行动方案", None, ("a",), ("language", "title"))


def test_text_without_letters_needs_a_language(tmp_path):
    assert _error(_file(tmp_path, "n.txt", "2020 2021 2022\n1 2 3\n")) == (
        'n.txt: cannot tell the language of a text without letters (add a sidecar .json with "language": "zh" or "en")')


def test_skip_bad_leaves_bad_files_out_and_drops_links_to_them(tmp_path, capsys):
    _file(tmp_path, "a.txt", GOOD)
    _file(tmp_path, "a.json", json.dumps({"same_event_as": ["b"]}))
    _file(tmp_path, "b.txt", b"")
    _file(tmp_path, "c.json", "{}")
    loaded = load_sources(tmp_path, skip_bad=True)
    assert [d.id for d in loaded.documents] == ["a"] and loaded.documents[0].same_event_as == ()
    assert [s["file"] for s in loaded.skipped] == ["c.json", "b.txt"]
    assert capsys.readouterr().err.splitlines() == [
        "warning: skipped c.json: c.json is metadata for no document (name it after its document "
        "(X.json beside X.txt), or remove it)",
        "warning: skipped b.txt: b.txt is empty (put the document's text in it, or remove the file)",
        "warning: a.txt: same_event_as b dropped: the document was skipped",
    ]


def test_skip_bad_with_nothing_readable_is_still_an_error(tmp_path):
    _file(tmp_path, "b.txt", b"")
    with pytest.raises(SourceError, match=r"^no readable documents in .* \(add \.txt, \.html"):
        load_sources(tmp_path, skip_bad=True)
