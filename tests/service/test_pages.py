"""Pages over plain HTTP (TestClient on the real app): CSP, escaping, URL state, /sparql for browsers vs clients."""
from __future__ import annotations

import re

import pytest

from service.web.examples import EXAMPLES
from service.web.security import CSP

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize("path", ["/", "/?q=%E5%85%85%E7%94%B5%E6%A1%A9", "/docs", "/redoc", "/sparql",
                                  "/id/target/charging-piles", "/ontology"])
def test_every_page_carries_the_content_security_policy(client, path):
    r = client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self';" in CSP and "unsafe-eval" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", r.text), "inline script found"


def test_home_escapes_a_query_containing_script(client):
    r = client.get("/", params={"q": "<script>alert(1)</script> 充电桩"})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_home_search_shows_hit_beside_its_translation_with_terms_marked(client):
    r = client.get("/", params={"q": "充电桩"})
    assert r.status_code == 200
    first = r.text.split('<article class="hit">')[1].split("</article>")[0]
    assert '<div class="col" lang="zh">' in first and '<div class="col" lang="en">' in first
    assert "<mark>充电桩</mark>" in first
    assert "<mark>smart charging piles for electric vehicles</mark>" in first  # the entity's English name
    assert 'href="/id/document/' in first and 'class="entity" href="/id/' in first


def test_home_keeps_filters_and_page_in_links(client):
    r = client.get("/", params={"q": "5G", "lang": "en", "page": "2"})
    assert r.status_code == 200
    assert 'option value="en" selected' in r.text
    assert re.search(r'href="/\?q=5G&amp;lang=en"', r.text), "link back to page 1 keeps the filters"
    assert '<strong>2</strong>' in r.text


def test_home_names_a_bad_page_and_shows_page_one(client):
    r = client.get("/", params={"q": "5G", "page": "abc", "lang": "fr"})
    assert r.status_code == 200
    assert "page must be a whole number from 1; got &#39;abc&#39;, so page 1 is shown" in r.text
    assert "lang must be zh, en or empty (both); got &#39;fr&#39;" in r.text


def test_home_ask_mode_shows_answer_and_cited_passage(client):
    r = client.get("/", params={"q": "How many charging piles will Shanghai build?", "mode": "ask"})
    assert r.status_code == 200
    answer = r.text.split('id="answer"')[1].split("</section>")[0]
    assert "100,000" in answer and "10万个" in answer
    assert 'href="/id/passage/000_16386def272757a0/' in answer  # the Chinese passage that states it


def test_sparql_page_for_browsers_has_yasgui_and_prefixes(client):
    r = client.get("/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '/static/vendor/yasgui/yasgui.min.js' in r.text
    assert '"nikg": "https://w3id.org/nikg/ontology#"' in r.text
    assert "The four actions" in r.text


@pytest.mark.parametrize("accept,media_type", [(None, "text/turtle"), ("*/*", "text/turtle"),
                                               ("application/rdf+xml", "application/rdf+xml"),
                                               ("application/ld+json", "application/ld+json")])
def test_sparql_service_description_unchanged_for_clients(client, accept, media_type):
    r = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
    assert "sparql-service-description" in r.text or "ns/sparql-service-description" in r.text


def test_sparql_still_answers_json_to_sparql_clients(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a nikg:Task }"
    for r in (client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}),
              client.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}),
              client.get("/sparql", params={"query": query}, headers={"Accept": BROWSER_ACCEPT + ",application/sparql-results+json"})):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["title"] for e in EXAMPLES])
def test_every_sparql_page_example_returns_results(client, example):
    accept = "application/n-triples" if example.get("view") == "graph" else "application/sparql-results+json"
    r = client.post("/sparql", data={"query": example["query"]}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert int(r.headers["nikg-rows"]) > 0


def test_vendored_assets_are_served_with_their_licences(client):
    import json

    versions = json.loads(client.get("/static/vendor/VERSIONS.json").text)
    for folder, info in versions.items():
        if folder.startswith("_"):
            continue
        assert client.get(f"/static/vendor/{folder}/LICENSE").status_code == 200
        for name in info["files"]:
            r = client.get(f"/static/vendor/{folder}/{name}")
            assert r.status_code == 200 and len(r.content) > 10_000 and b"sourceMappingURL" not in r.content[-200:]


def test_docs_pages_use_no_cdn(client):
    for path in ("/docs", "/redoc"):
        text = client.get(path).text
        assert "cdn.jsdelivr" not in text and "fonts.googleapis" not in text and "/static/vendor/" in text
        assert "/openapi.json" in text


def test_home_filters_by_entity_type_and_document(client):
    everything = client.get("/", params={"q": "充电桩"}).text
    types = re.findall(r'<select name="type".*?</select>', everything, re.S)[0]
    assert 'value="Task"' in types
    tasks = client.get("/", params={"q": "充电桩", "type": "Task"}).text
    articles = tasks.split('<article class="hit">')[1:]
    assert articles and all("Task" in a for a in articles)  # every hit names a Task entity (title attribute)
    doc = "https://w3id.org/nikg/id/document/004_5322b9490e033bff"
    one_doc = client.get("/", params={"q": "充电桩", "doc": doc}).text
    hits = one_doc.split('<article class="hit">')[1:]
    assert hits and all('href="/id/document/004_5322b9490e033bff"' in a for a in hits)
    assert int(re.search(r"(\d+) results?", one_doc).group(1)) < int(re.search(r"(\d+) results?", everything).group(1))


def test_entity_page_marks_quote_in_evidence_and_draws_neighbourhood(client):
    r = client.get("/id/target/charging-piles", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-security-policy"] == CSP
    evidence = r.text.split('id="evidence"')[1].split("</section>")[0]
    assert "<mark>新建10万个电动汽车智能充电桩</mark>" in evidence
    assert "<mark>build 100,000 smart charging piles for electric vehicles</mark>" in evidence
    svg = r.text.split('<svg class="neighbourhood"')[1].split("</svg>")[0]
    assert 'href="/id/facility/' in svg and "involvesFacility" in svg and 'class="centre"' in svg
    assert 'action="/"' in r.text and 'href="/sparql"' in r.text  # header: search, SPARQL
    assert not re.findall(r'href="https://w3id\.org', r.text), "links must stay on this service"
