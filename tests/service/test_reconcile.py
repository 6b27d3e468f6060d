"""The W3C Reconciliation API (0.2 at /reconcile, 1.0-draft at /reconcile/1.0) on the real app and build.

Every JSON response is validated against the spec's JSON Schema (tests/schemas/), the spec's
valid example queries are sent and must be accepted, the invalid ones rejected with a JSON detail.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
V1 = "/reconcile/1.0"


def examples(version: str, kind: str, validity: str) -> list[Path]:
    return sorted((SCHEMAS / version / "examples" / kind / validity).glob("*.json"))


def ids_of(client, alias: str) -> str:
    """The reconciliation id of the entity the graph names ``alias`` (found through the API itself)."""
    body = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": alias}})}).json()
    return body["q"]["result"][0]["id"]


@pytest.mark.parametrize("version,kind", [("0.2", "reconciliation-query-batch"), ("1.0-draft", "reconciliation-query-batch"),
                                          ("0.2", "manifest"), ("1.0-draft", "manifest")])
def test_the_copied_schemas_accept_valid_and_reject_invalid_examples(recon_schema, version, kind):
    from jsonschema import ValidationError

    for path in examples(version, kind, "valid"):
        recon_schema(version, kind if kind != "reconciliation-query-batch" else kind, json.loads(path.read_text()))
    for path in examples(version, kind, "invalid"):
        with pytest.raises(ValidationError):
            recon_schema(version, kind, json.loads(path.read_text()))


# ------------------------------------------------------------------ 0.2
def test_manifest_02_validates_and_offers_every_service(client, recon_schema):
    r = client.get("/reconcile")
    assert r.status_code == 200
    m = r.json()
    recon_schema("0.2", "manifest", m)
    assert m["identifierSpace"] == "https://w3id.org/nikg/id/" and m["schemaSpace"] == "https://w3id.org/nikg/ontology#"
    assert {"view", "preview", "suggest", "extend", "defaultTypes"} <= set(m)
    assert {"entity", "type", "property"} == set(m["suggest"])
    assert "Agency" in [t["id"] for t in m["defaultTypes"]]
    assert m["name"] == "nikg: policy documents knowledge graph (zh/en)"  # settings.reconcile_service_name


def test_manifest_name_and_base_url_come_from_settings(built):
    from fastapi.testclient import TestClient

    from service.app import create_app

    custom = built.model_copy(update={"reconcile_service_name": "Provincial plans 2020-2025",
                                      "public_base_url": "https://kg.example.org/"})
    with TestClient(create_app(custom)) as c:
        m02, m10 = c.get("/reconcile").json(), c.get("/reconcile/1.0").json()
    assert m02["name"] == m10["name"] == "Provincial plans 2020-2025"
    assert m02["view"]["url"] == "https://kg.example.org/id/{{id}}" and m10["view"]["url"] == "https://kg.example.org/id/{id}"


def test_manifest_02_jsonp(client):
    r = client.get("/reconcile", params={"callback": "jsonp123"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/javascript")
    assert r.text.startswith("/**/jsonp123(") and r.text.endswith(");")
    assert json.loads(r.text[len("/**/jsonp123("):-2])["versions"] == ["0.2"]
    bad = client.get("/reconcile", params={"callback": "alert(1)//"})
    assert bad.status_code == 400 and "is not a JavaScript function name" in bad.json()["detail"]


@pytest.mark.parametrize("path", examples("0.2", "reconciliation-query-batch", "valid"), ids=lambda p: p.name)
def test_spec_valid_queries_02_are_accepted(client, recon_schema, path):
    batch = json.loads(path.read_text())
    r = client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert r.status_code == 200, r.text
    recon_schema("0.2", "reconciliation-result-batch", r.json())
    assert set(r.json()) == set(batch)


@pytest.mark.parametrize("path,problem", [
    (SCHEMAS / "0.2/examples/reconciliation-query-batch/invalid/empty-properties.json", "non-empty `properties`"),
    (SCHEMAS / "0.2/examples/reconciliation-query-batch/invalid/empty-query.json", "needs a `query` string"),
    (SCHEMAS / "0.2/examples/reconciliation-query-batch/invalid/misnamed-property.json", "queries.q0.props: Extra inputs"),
], ids=lambda x: getattr(x, "name", ""))
def test_spec_invalid_queries_02_are_rejected_naming_the_problem(client, path, problem):
    r = client.post("/reconcile", data={"queries": path.read_text()})
    assert r.status_code == 400 and problem in r.json()["detail"]


def test_every_spec_invalid_query_02_is_rejected(client):
    for path in examples("0.2", "reconciliation-query-batch", "invalid"):
        assert client.post("/reconcile", data={"queries": path.read_text()}).status_code == 400, path.name


def test_malformed_queries_field_is_a_400_naming_json(client):
    r = client.post("/reconcile", data={"queries": "{q0: nope"})
    assert r.status_code == 400 and "`queries` is not valid JSON" in r.json()["detail"]
    r = client.post("/reconcile", data={"queries": "[1, 2]"})
    assert r.status_code == 400 and "invalid `queries`" in r.json()["detail"]
    r = client.post("/reconcile", data={"other": "x"})
    assert r.status_code == 400 and "form field `queries`" in r.json()["detail"]


def test_get_queries_and_jsonp_give_the_same_results_as_post(client):
    queries = json.dumps({"q0": {"query": "发展改革委"}})
    post = client.post("/reconcile", data={"queries": queries}).json()
    assert client.get("/reconcile", params={"queries": queries}).json() == post
    jsonp = client.get("/reconcile", params={"queries": queries, "callback": "cb"}).text
    assert json.loads(jsonp[len("/**/cb("):-2]) == post


def test_openrefine_round_trip(client, recon_schema):
    """What OpenRefine does: manifest, a form-encoded batch with types and properties, then a preview."""
    manifest = client.get("/reconcile").json()
    queries = {
        "q0": {"query": "发展改革委", "type": "Agency", "limit": 3},
        "q1": {"query": "Shanghai NDRC", "type": ["Agency"], "type_strict": "any"},
        "q2": {"query": "Ma Chunlei", "type": "Person", "properties": [{"pid": "affiliation", "v": "市发展改革委"}]},
        "q3": {"query": "市发展改革委", "type": "Person"},
        "q4": {"query": "xinjijian"},
    }
    r = client.post("/reconcile", data={"queries": json.dumps(queries, ensure_ascii=False)},
                    headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert r.status_code == 200
    results = r.json()
    recon_schema("0.2", "reconciliation-result-batch", results)
    ndrc = results["q0"]["result"][0]
    assert ndrc["match"] and ndrc["score"] == 100.0 and ndrc["name"] == "上海市发展和改革委员会"
    assert results["q1"]["result"][0]["id"] == ndrc["id"] and results["q1"]["result"][0]["match"]
    ma = results["q2"]["result"][0]
    assert ma["match"] and {"id": "property:affiliation", "name": "property:affiliation", "value": 1.0} in ma["features"]
    assert all(c["id"] != ndrc["id"] for c in results["q3"]["result"])  # an Agency is not a Person
    assert results["q4"]["result"][0]["match"] and results["q4"]["result"][0]["score"] == 95.0
    preview_url = manifest["preview"]["url"].replace("{{id}}", ndrc["id"])
    page = client.get(urlsplit(preview_url).path + "?" + urlsplit(preview_url).query)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "上海市发展和改革委员会" in page.text and "Shanghai Municipal Development and Reform Commission" in page.text
    view = urlsplit(manifest["view"]["url"].replace("{{id}}", ndrc["id"]))
    assert client.get(view.path, headers={"Accept": "text/html"}).status_code == 200  # the entity's own page


def test_scores_do_not_depend_on_the_batch(client):
    alone = client.post("/reconcile", data={"queries": json.dumps({"a": {"query": "充电桩"}})}).json()["a"]["result"]
    batch = {"x": {"query": "发展改革委"}, "a": {"query": "充电桩"}, "y": {"query": "Lingang"}}
    together = client.post("/reconcile", data={"queries": json.dumps(batch)}).json()["a"]["result"]
    assert [(c["id"], c["score"]) for c in alone] == [(c["id"], c["score"]) for c in together]


def test_match_only_for_a_confident_unique_candidate(client):
    res = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "临港", "limit": 10}})}).json()["q"]["result"]
    assert res and not any(c["match"] for c in res)


def test_suggest_02_services_validate(client, recon_schema):
    ent = client.get("/reconcile/suggest/entity", params={"prefix": "xinji"}).json()
    recon_schema("0.2", "suggest-entities-response", ent)
    assert ent["result"][0]["name"].startswith("上海市推进新型基础设施建设行动方案")
    typ = client.get("/reconcile/suggest/type", params={"prefix": "age"}).json()
    recon_schema("0.2", "suggest-types-response", typ)
    assert typ["result"][0]["id"] == "Agency"
    prop = client.get("/reconcile/suggest/property", params={"prefix": "involv"}).json()
    recon_schema("0.2", "suggest-properties-response", prop)
    assert prop["result"][0]["id"] == "involvesFacility"
    fly = client.get("/reconcile/flyout/entity", params={"id": ent["result"][0]["id"]}).json()
    assert set(fly) == {"id", "html"} and "新基建" in fly["html"]


def test_extend_02_proposal_and_values_validate(client, recon_schema):
    prop = client.get("/reconcile/propose_properties", params={"type": "Target"}).json()
    recon_schema("0.2", "data-extension-property-proposal", prop)
    assert "value" in [p["id"] for p in prop["properties"]]
    target = ids_of(client, "新建10万个电动汽车智能充电桩")
    query = {"ids": [target], "properties": [{"id": "value"}, {"id": "unit"}, {"id": "evidence"},
                                             {"id": "skos:prefLabel", "settings": {"lang": "en"}}]}
    r = client.post("/reconcile", data={"extend": json.dumps(query)})
    assert r.status_code == 200
    recon_schema("0.2", "data-extension-response", r.json())
    assert r.json()["rows"][target]["value"] == [{"int": 100000}]
    for path in examples("0.2", "data-extension-query", "valid"):
        ok = client.post("/reconcile", data={"extend": path.read_text()})
        assert ok.status_code == 200
        recon_schema("0.2", "data-extension-response", ok.json())
    bad = client.post("/reconcile", data={"extend": json.dumps({"ids": ["x"]})})
    assert bad.status_code == 400 and "extend.properties: Field required" in bad.json()["detail"]


def test_preview_errors_are_json(client):
    r = client.get("/reconcile/preview", params={"id": "agency/nope"})
    assert r.status_code == 404 and "no entity with id 'agency/nope'" in r.json()["detail"]
    r = client.get("/reconcile/preview")
    assert r.status_code == 422 and "id" in r.json()["detail"]


# ------------------------------------------------------------------ 1.0-draft
@pytest.mark.parametrize("path", [V1, V1 + "/"])
def test_manifest_10_validates(client, recon_schema, path):
    m = client.get(path).json()
    recon_schema("1.0-draft", "manifest", m)
    assert m["versions"] == ["1.0-draft"] and m["standardizedScore"] is True
    assert m["view"]["url"] == "http://127.0.0.1:8000/id/{id}"  # the linked-data page, at the configured base URL


@pytest.mark.parametrize("path", examples("1.0-draft", "reconciliation-query-batch", "valid"), ids=lambda p: p.name)
def test_spec_valid_queries_10_are_accepted(client, recon_schema, path):
    batch = json.loads(path.read_text())
    r = client.post(V1 + "/match", json=batch)
    assert r.status_code == 200, r.text
    recon_schema("1.0-draft", "reconciliation-result-batch", r.json())
    assert len(r.json()["results"]) == len(batch["queries"])


@pytest.mark.parametrize("name,problem", [
    ("empty-conditions.json", "queries.0.conditions: List should have at least 1 item"),
    ("empty-query.json", "queries.0.conditions: Field required"),
    ("misnamed-conditions.json", "queries.0.props: Extra inputs are not permitted"),
    ("missing-match-type.json", "queries.0.conditions.0.matchType: Field required"),
    ("multiple-types.json", "queries.0.type: Input should be a valid string"),
    ("no-root-object.json", "body: Input should be a valid dictionary"),
    ("old-format.json", "body.queries: Field required"),
])
def test_spec_invalid_queries_10_are_rejected_naming_the_problem(client, name, problem):
    path = SCHEMAS / "1.0-draft/examples/reconciliation-query-batch/invalid" / name
    r = client.post(V1 + "/match", content=path.read_bytes(), headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and problem in r.json()["detail"], r.json()["detail"]


def test_every_spec_invalid_query_10_is_covered():
    assert len(examples("1.0-draft", "reconciliation-query-batch", "invalid")) == 7


def test_match_10_with_conditions_and_same_scores_as_02(client, recon_schema):
    batch = {"queries": [
        {"type": "Person", "conditions": [{"matchType": "name", "propertyValue": "马春雷"},
                                          {"matchType": "property", "propertyId": "affiliation",
                                           "propertyValue": "SDRC", "required": True}]},
        {"conditions": [{"matchType": "name", "propertyValue": "发展改革委"}]},
        {"conditions": [{"matchType": "property", "propertyId": "value", "propertyValue": 100000}]},
    ]}
    r = client.post(V1 + "/match", json=batch)
    recon_schema("1.0-draft", "reconciliation-result-batch", r.json())
    person, agency, by_value = (res["candidates"] for res in r.json()["results"])
    assert person[0]["name"] == "马春雷" and person[0]["match"] and person[0]["score"] == 100.0
    old = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "发展改革委"}})}).json()["q"]["result"]
    assert [(c["id"], c["score"]) for c in agency] == [(c["id"], c["score"]) for c in old]
    assert any("charging" in c.get("description", "") or "充电桩" in c["name"] for c in by_value)
    bad = client.post(V1 + "/match", json={"queries": [{"conditions": [{"matchType": "property", "propertyValue": 1}]}]})
    assert bad.status_code == 422 and "needs a `propertyId`" in bad.json()["detail"]


def test_suggest_preview_and_extend_10_validate(client, recon_schema):
    ent = client.get(V1 + "/suggest/entity", params={"prefix": "NDR"}).json()
    recon_schema("1.0-draft", "suggest-entities-response", ent)
    assert ent["result"][0]["name"] == "Shanghai Municipal Development and Reform Commission"
    recon_schema("1.0-draft", "suggest-types-response", client.get(V1 + "/suggest/type", params={"prefix": "地"}).json())
    recon_schema("1.0-draft", "suggest-properties-response",
                 client.get(V1 + "/suggest/property", params={"prefix": "ev"}).json())
    assert client.get(V1 + "/suggest/entity").status_code == 422  # prefix is required
    page = client.get(V1 + "/preview", params={"id": ent["result"][0]["id"], "lang": "en"})
    assert page.status_code == 200 and "<h1>Shanghai Municipal Development and Reform Commission</h1>" in page.text
    prop = client.get(V1 + "/extend/propose", params={"type": "Person"}).json()
    recon_schema("1.0-draft", "data-extension-property-proposal", prop)
    query = {"ids": [ent["result"][0]["id"]], "properties": [{"id": p["id"]} for p in prop["properties"]]
             + [{"id": "skos:altLabel"}]}
    ext = client.post(V1 + "/extend", json=query)
    assert ext.status_code == 200
    recon_schema("1.0-draft", "data-extension-response", ext.json())
    aliases = ext.json()["rows"][0]["properties"][-1]["values"]
    assert {"str": "发展改革委", "lang": "zh"} in aliases
    for path in examples("1.0-draft", "data-extension-query", "valid"):
        recon_schema("1.0-draft", "data-extension-response", client.post(V1 + "/extend", content=path.read_bytes(),
                                                                         headers={"Content-Type": "application/json"}).json())
    unknown = client.get(V1 + "/extend/propose", params={"type": "Spaceship"})
    assert unknown.status_code == 400 and "unknown type 'Spaceship'" in unknown.json()["detail"]


# ------------------------------------------------------------------ CORS
@pytest.mark.parametrize("path,method", [("/reconcile", "POST"), (V1 + "/match", "POST"), (V1 + "/suggest/entity", "GET")])
def test_cors_preflight_is_allowed(client, path, method):
    r = client.options(path, headers={"Origin": "http://127.0.0.1:3333", "Access-Control-Request-Method": method,
                                      "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] in ("*", "http://127.0.0.1:3333")
    assert method in r.headers["access-control-allow-methods"]


def test_cors_header_on_responses(client):
    r = client.get(V1, headers={"Origin": "http://127.0.0.1:3333"})
    assert r.headers["access-control-allow-origin"] in ("*", "http://127.0.0.1:3333")


def test_extend_10_without_ids_is_a_400(client):
    r = client.post(V1 + "/extend", json={"ids": [], "properties": [{"id": "value"}]})
    assert r.status_code == 400 and "`ids` is empty" in r.json()["detail"]


@pytest.mark.parametrize("path,params", [("/reconcile/suggest/entity", {"prefix": "发改"}),
                                         ("/reconcile/suggest/type", {"prefix": "a"}),
                                         ("/reconcile/propose_properties", {"type": "Agency"})])
def test_02_get_services_answer_jsonp(client, path, params):
    plain = client.get(path, params=params).json()
    jsonp = client.get(path, params={**params, "callback": "cb_1"})
    assert jsonp.headers["content-type"].startswith("application/javascript")
    assert json.loads(jsonp.text[len("/**/cb_1("):-2]) == plain


def test_blank_query_has_no_candidates_and_huge_batches_are_refused(client):
    blank = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "  "}})}).json()
    assert blank == {"q": {"result": []}}
    huge = {f"q{i}": {"query": "x"} for i in range(501)}
    r = client.post("/reconcile", data={"queries": json.dumps(huge)})
    assert r.status_code == 400 and "501 queries in one batch; send at most 500" in r.json()["detail"]
    r = client.post(V1 + "/match", json={"queries": [{"conditions": [{"matchType": "name", "propertyValue": "x"}]}] * 501})
    assert r.status_code == 422 and "queries: List should have at most 500 items" in r.json()["detail"]


def test_02_also_takes_a_json_body(client, recon_schema):
    r = client.post("/reconcile", json={"q0": {"query": "发展改革委"}})
    assert r.status_code == 200 and r.json()["q0"]["result"][0]["match"]
    ext = client.post("/reconcile", json={"ids": [r.json()["q0"]["result"][0]["id"]], "properties": [{"id": "skos:altLabel"}]})
    assert ext.status_code == 200
    recon_schema("0.2", "data-extension-response", ext.json())
