"""The pages in a real browser (Debian's chromium through Playwright), offline, against the real app.

Each test saves a screenshot into tests/output/screenshots/.
"""
from __future__ import annotations

import re

from playwright.sync_api import expect

TIMEOUT = 30_000


def test_home_search_shows_hits_in_both_languages(page, live_server, screenshots, browser_context):
    page.goto(live_server + "/")
    page.fill("#q", "充电桩")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r".*q=%E5%85%85%E7%94%B5%E6%A1%A9.*"))
    first = page.locator("article.hit").first
    expect(first.locator('.col[lang="zh"] p')).to_contain_text("充电桩")
    expect(first.locator('.col[lang="en"] p')).to_contain_text(re.compile("charging pil", re.I))
    expect(page.locator('.col[lang="zh"] mark').first).to_have_text("充电桩")
    expect(first.locator('.col[lang="en"] mark').first).to_have_text(re.compile("charging piles", re.I))
    expect(first.locator("a.entity").first).to_have_attribute("href", re.compile(r"^/id/"))
    page.screenshot(path=str(screenshots / "home-search.png"), full_page=False)
    assert page.errors == [] and browser_context.outside == []


def test_home_filters_and_pages_live_in_the_url(page, live_server, screenshots):
    page.goto(live_server + "/?q=5G+base+stations")
    expect(page.locator("p.count")).to_contain_text("page 1 of")
    page.select_option("select[name=lang]", "en")
    page.wait_for_url(re.compile(r".*lang=en.*"))
    expect(page.locator("article.hit .col.is-hit, article.hit .is-hit").first).to_be_visible()
    assert page.locator('.col[lang="zh"] p.is-hit').count() == 0  # only English hits
    page.locator("nav.pages a[rel=next]").click()
    page.wait_for_url(re.compile(r".*page=2.*"))
    expect(page.locator("nav.pages strong")).to_have_text("2")
    page.screenshot(path=str(screenshots / "home-filters-page2.png"))


def test_home_ask_mode_shows_answer_with_evidence(page, live_server, screenshots, browser_context):
    page.goto(live_server + "/")
    page.fill("#q", "How many charging piles will Shanghai build?")
    page.check("input[name=mode][value=ask]")
    page.wait_for_url(re.compile(r".*mode=ask.*"))
    expect(page.locator("#answer .answer-text")).to_contain_text("100,000")
    evidence = page.locator("#answer ol.evidence blockquote")
    expect(evidence.first).to_be_visible()
    assert any("10万个" in t or "100,000" in t for t in evidence.all_inner_texts())
    page.screenshot(path=str(screenshots / "home-ask.png"))
    assert page.errors == [] and browser_context.outside == []


def test_entity_page_marks_quote_and_draws_graph(page, live_server, screenshots):
    page.goto(live_server + "/id/target/charging-piles")
    expect(page.locator("header.site a[href='/sparql']")).to_be_visible()
    expect(page.locator("#evidence mark").first).to_be_visible()
    assert any("10万" in t or "100,000" in t for t in page.locator("#evidence mark").all_inner_texts())
    graph = page.locator("#neighbourhood svg.neighbourhood")
    expect(graph).to_be_visible()
    assert graph.locator("circle").count() >= 2
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if "w3id.org" in h]
    page.screenshot(path=str(screenshots / "entity.png"), full_page=True)
    assert page.errors == []


def test_sparql_page_runs_example_in_yasgui(page, live_server, screenshots, browser_context):
    page.goto(live_server + "/sparql")
    expect(page.locator(".yasqe .CodeMirror")).to_be_visible(timeout=TIMEOUT)
    query = page.evaluate("() => window.nikgYasgui.getTab().getYasqe().getValue()")
    assert "PREFIX nikg: <https://w3id.org/nikg/ontology#>" in query
    page.locator("#examples button", has_text="The four actions").click()
    table = page.locator(".yasr table.dataTable tbody tr")
    expect(table.first).to_be_visible(timeout=TIMEOUT)
    assert table.count() == 4
    expect(page.locator(".yasr")).to_contain_text("新终端")
    assert page.locator(".yasqe .CodeMirror-lint-marker-error").count() == 0  # nikg: is defined
    page.screenshot(path=str(screenshots / "sparql-table.png"))
    with page.expect_download() as download:
        page.locator(".yasr .yasr_downloadIcon").click()
    saved = screenshots.parent / "sparql-table-download.csv"
    download.value.save_as(str(saved))
    rows = saved.read_text(encoding="utf-8").strip().splitlines()
    assert rows[0].replace('"', "").split(",")[:3] == ["action", "zh", "en"] and len(rows) == 5 and "新终端" in "".join(rows)
    assert page.errors == [] and browser_context.outside == [], (page.errors, browser_context.outside)


def test_sparql_page_draws_construct_as_graph(page, live_server, screenshots, browser_context):
    page.goto(live_server + "/sparql")
    expect(page.locator(".yasqe .CodeMirror")).to_be_visible(timeout=TIMEOUT)
    page.locator("#examples button", has_text="CONSTRUCT").click()
    graph = page.locator(".yasr svg.rdf-graph")
    expect(graph).to_be_visible(timeout=TIMEOUT)
    assert graph.locator("circle").count() > 5
    expect(graph).to_contain_text("New Terminal")
    graph.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "sparql-graph.png"))
    assert page.errors == [] and browser_context.outside == [], (page.errors, browser_context.outside)


def test_docs_list_operations_offline(page, live_server, screenshots, browser_context):
    page.goto(live_server + "/docs")
    expect(page.locator(".opblock-summary-path", has_text="/search").first).to_be_visible(timeout=TIMEOUT)
    assert page.locator(".opblock").count() > 10
    page.screenshot(path=str(screenshots / "docs.png"))
    page.goto(live_server + "/redoc")
    expect(page.locator("h2", has_text="Search passages in Chinese or English")).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(screenshots / "redoc.png"))
    assert page.errors == [] and browser_context.outside == [], (page.errors, browser_context.outside)
