"""/metrics in Prometheus text format, from the app's own registry."""
from __future__ import annotations

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from service.app import create_app
from service.metrics import _status_fields


def scrape(client) -> dict:
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {f.name: f for f in text_string_to_metric_families(r.text)}


def samples(family, **labels) -> list:
    return [s for s in family.samples if all(s.labels.get(k) == v for k, v in labels.items())]


def test_metrics_count_requests_by_route_template_and_status(client):
    client.get("/id/target/charging-piles", headers={"Accept": "text/turtle"})
    client.get("/id/no/such/thing", headers={"Accept": "text/turtle"})
    client.head("/health")
    client.get("/static/app.css")
    families = scrape(client)
    requests = families["nikg_http_requests"]
    ok = samples(requests, method="GET", route="/id/{name:path}", status="200")
    missing = samples(requests, method="GET", route="/id/{name:path}", status="404")
    assert ok and ok[0].value >= 1 and missing and missing[0].value >= 1
    assert samples(requests, method="HEAD", route="/health", status="200")
    assert samples(requests, method="GET", route="/static", status="200")
    assert not [s for s in requests.samples if "charging-piles" in s.labels["route"]], "raw paths leak into labels"
    latency = families["nikg_http_request_duration_seconds"]
    buckets = samples(latency, route="/id/{name:path}", method="GET")
    assert {s.labels.get("le") for s in buckets if s.name.endswith("_bucket")} >= {"0.1", "1.0", "+Inf"}


def test_metrics_read_pool_index_and_build_at_scrape_time(client):
    res = client.app.state.resources
    families = scrape(client)
    assert samples(families["nikg_sparql_timeouts"])[0].value == res.sparql.killed
    pool_status = _status_fields(res.sparql)  # {} until the pool has status(); then its fields
    assert samples(families["nikg_sparql_worker_restarts"])[0].value == pool_status.get("restarts", 0)
    if "size" in pool_status:  # once the pool has status(): its fields as gauges (the size is stable)
        assert samples(families["nikg_sparql_pool_size"])[0].value == pool_status["size"]
    size = families["nikg_index_size"]
    index = res.search
    assert samples(size, kind="passages")[0].value == len(index) > 0
    assert samples(size, kind="vectors")[0].value == index.dense.size >= len(index)
    assert samples(size, kind="triples")[0].value == len(res.store)
    assert samples(families["nikg_build_info"])[0].labels["id"] == res.build.path.name
    assert samples(families["nikg_data_loaded"])[0].value == 1


def test_each_app_has_its_own_registry(built, tmp_path):
    fresh = create_app(built.model_copy(update={"data_dir": tmp_path}))  # no build there: nothing loaded
    with TestClient(fresh) as other:
        other.get("/health")
        families = scrape(other)
    routes = {s.labels["route"] for s in families["nikg_http_requests"].samples}
    assert routes == {"/health"}, "requests of other apps leak into this app's metrics"
    assert samples(families["nikg_data_loaded"])[0].value == 0
