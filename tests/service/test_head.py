"""HEAD on every GET route of the OpenAPI document (and the pages): GET's status and headers, no body."""
from __future__ import annotations

import re

VOLATILE = {"date", "nikg-seconds", "content-length"}  # timing differs between two calls
SAMPLE = {"name": "target/charging-piles", "ext": ".ttl"}


def get_paths(client) -> list[str]:
    spec = client.get("/openapi.json").json()
    paths = [p for p, ops in spec["paths"].items() if "get" in ops]
    return [re.sub(r"\{(\w+)(:[^}]*)?\}", lambda m: SAMPLE.get(m.group(1), "x"), p) for p in paths] + ["/", "/docs"]


def test_head_answers_every_get_route_like_get_without_body(client):
    paths = get_paths(client)
    assert "/search" in paths and "/id/target/charging-piles" in paths and "/metrics" in paths
    for path in paths:
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code != 405, (path, head.status_code)
        assert head.content == b"", path
        same = {k: v for k, v in got.headers.items() if k not in VOLATILE}
        assert {k: v for k, v in head.headers.items() if k not in VOLATILE} == same, path
        if path != "/metrics" and "nikg-seconds" not in got.headers:  # bodies without timings: same length
            assert head.headers.get("content-length") == got.headers.get("content-length"), path


def test_head_on_a_post_only_route_is_405_naming_the_allowed_method(client):
    r = client.head("/annotate")
    assert r.status_code == 405 and "POST" in r.headers.get("allow", "")
