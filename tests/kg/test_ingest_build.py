"""Ingestion in real builds: new formats get passages, texts are kept, bad files fail or are skipped."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.build import run_build
from kg.errors import SourceError
from kg.settings import BUNDLED_SOURCES, Settings
from kg.store import current_build, open_store
from service.app import create_app

ROOT = Path(__file__).resolve().parents[2]
BJ_PAGE = """<html><head><meta charset="gb2312"><title>北京市关于加快新型基础设施建设的通知</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/zw">政务公开</a> | <a href="/hd">互动交流</a></div>
<div class="content"><h1>北京市关于加快新型基础设施建设的通知</h1>
<p>为加快推进新型基础设施建设，现将有关事项通知如下。到2022年，全市建成5G基站3万个以上。</p>
<p>一、建设新型网络基础设施。推进5G网络建设，实现重点区域全覆盖。</p>
<p>北京市人民政府</p><p>2020年6月10日</p></div>
<div class="footer">版权所有：北京市人民政府办公厅 联系我们 网站地图</div></body></html>"""
SC_TEXT = ("四川省关于加快推进新型基础设施建设的实施意见\n\n到2022年，全省建成5G基站6万个以上。"
           "由省发展改革委牵头，省经济和信息化厅负责。\n\n四川省人民政府办公厅\n2020年7月1日\n")
GOOD_EN = "Harbour Plan\n\nThe city will build 20 new berths by 2025. The port authority leads the work.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20)


def _passages(store, doc_id: str) -> list[str]:
    q = f"""PREFIX nikg: <https://w3id.org/nikg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?t WHERE {{ ?p a nikg:Passage ; dcterms:isPartOf <https://w3id.org/nikg/id/document/{doc_id}> ;
                         nikg:text ?t }}"""
    return sorted(row["t"].value for row in store.query(q))


def test_seeds_plus_html_and_gbk_files_without_sidecars_build_with_passages(sources_copy, tmp_path, warm_cache):
    (sources_copy / "bj.html").write_bytes(BJ_PAGE.encode("gbk"))
    (sources_copy / "sc.txt").write_bytes(SC_TEXT.encode("gbk"))
    info = run_build(Settings(data_dir=warm_cache(tmp_path / "data"), sources_dir=sources_copy))
    build = current_build(tmp_path / "data")
    assert info["documents"] == 4 and info["skipped"] == []
    files = {f["id"]: f for f in info["source_files"]}
    assert {k: files["bj"][k] for k in ("file", "format", "encoding", "title", "language", "published", "inferred")} == {
        "file": "bj.html", "format": "html", "encoding": "gbk", "title": "北京市关于加快新型基础设施建设的通知",
        "language": "zh", "published": "2020-06-10", "inferred": ["language", "published", "title"]}
    assert (files["sc"]["encoding"], files["sc"]["published"]) == ("gbk", "2020-07-01")
    assert (build.path / "texts" / "sc.txt").read_bytes() == SC_TEXT.encode("utf-8")
    for seed in ("000_16386def272757a0", "004_5322b9490e033bff"):  # kept byte-for-byte
        assert (build.path / "texts" / f"{seed}.txt").read_bytes() == (BUNDLED_SOURCES / f"{seed}.txt").read_bytes()
        assert files[seed]["sha256"] == files[seed]["text_sha256"] and files[seed]["inferred"] == []
    kept = (build.path / "texts" / "bj.txt").read_text(encoding="utf-8")
    assert "版权所有" not in kept and files["bj"]["chars"] == len(kept)
    store = open_store(build)
    assert "到2022年，全市建成5G基站3万个以上。" in _passages(store, "bj")
    assert "由省发展改革委牵头，省经济和信息化厅负责。" in _passages(store, "sc")
    assert len(_passages(store, "000_16386def272757a0")) > 30


def test_bad_file_fails_the_build_and_the_previous_build_keeps_serving(tmp_path):
    sources, data = tmp_path / "src", tmp_path / "data"
    sources.mkdir()
    (sources / "harbour.txt").write_text(GOOD_EN, encoding="utf-8")
    settings = Settings(data_dir=data, sources_dir=sources)
    run_build(settings)
    first = current_build(data).path
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json()["build"] == first.name
        (sources / "scan.txt").write_bytes(PNG)
        with pytest.raises(SourceError) as info:
            run_build(settings)
        assert str(info.value) == ("scan.txt is not text: its bytes are a PNG image (give the file its real "
                                   "extension (.pdf, .docx) if nikg reads that format, or remove it)")
        assert client.get("/health").json()["build"] == first.name
    assert current_build(data).path == first
    assert sorted(p.name for p in (data / "builds").iterdir()) == [first.name]  # nothing half-written left
    with TestClient(create_app(settings)) as client:  # a restart serves the previous build too
        assert client.get("/health").json()["documents"] == 1


def _cli_build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"})


@pytest.fixture()
def mixed_sources(tmp_path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "harbour.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "dated.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "dated.json").write_text(json.dumps({"published": "07/05/2020"}), encoding="utf-8")
    return folder


def test_cli_build_fails_naming_the_first_bad_file(mixed_sources, tmp_path):
    done = _cli_build("--sources", str(mixed_sources), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "nikg build: dated.json: field 'published' is \"07/05/2020\", not a YYYY-MM-DD date "
        "(write it like \"2020-05-07\", or null, or remove the field to infer it from the text)")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "current").exists()


def test_cli_build_skip_bad_warns_and_builds_the_rest(mixed_sources, tmp_path):
    done = _cli_build("--skip-bad", "--sources", str(mixed_sources), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: skipped")]
    assert warnings == [
        "warning: skipped dated.txt: dated.json: field 'published' is \"07/05/2020\", not a YYYY-MM-DD date "
        "(write it like \"2020-05-07\", or null, or remove the field to infer it from the text)",
        "warning: skipped empty.txt: empty.txt is empty (put the document's text in it, or remove the file)",
        "warning: skipped photo.txt: photo.txt is not text: its bytes are a PNG image (give the file its real "
        "extension (.pdf, .docx) if nikg reads that format, or remove it)",
    ]
    summary = json.loads(done.stdout.splitlines()[-1])
    assert summary["documents"] == 1 and [s["file"] for s in summary["skipped"]] == ["dated.txt", "empty.txt", "photo.txt"]
    build = current_build(tmp_path / "data")
    assert build.info["skipped"] == summary["skipped"]
    assert [f["file"] for f in build.info["source_files"]] == ["harbour.txt"]
    assert (build.path / "texts" / "harbour.txt").read_text(encoding="utf-8") == GOOD_EN
