"""Prometheus metrics, one registry per app (prometheus-client, its text exposition format).

Requests are counted by route template (``/id/{name:path}``, never the raw path) and status; latency is a
histogram per route. At scrape time a collector reads the SPARQL pool's counters (``pool.killed``: queries
stopped at the time limit; ``pool.status()`` when the pool offers it), the index size and the build id.
"""
from __future__ import annotations

import dataclasses
import time
from typing import Any, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily
from starlette.types import ASGIApp, Message, Receive, Scope, Send


UNMATCHED = "<unmatched>"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The app's registry and the request metrics recorded into it."""

    def __init__(self, app_state: Any) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("nikg_http_requests", "HTTP requests answered, by method, route template and status.",
                                ("method", "route", "status"), registry=self.registry)
        self.latency = Histogram("nikg_http_request_duration_seconds", "Time to answer, by method and route template.",
                                 ("method", "route"), buckets=BUCKETS, registry=self.registry)
        self.registry.register(ServiceCollector(app_state))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)


def route_template(scope: Scope) -> str:
    """The matched route's template; for a mounted app (``/static``) its mount path; else ``<unmatched>``."""
    route = getattr(scope.get("route"), "path", None)
    if route:
        return route
    if scope.get("endpoint") is not None:  # a mount: root_path grew by the mount's path
        mount = scope.get("root_path", "")[len(scope.get("app_root_path", "")):]
        return mount or UNMATCHED
    return UNMATCHED


class MetricsMiddleware:
    """Records every HTTP request (outermost layer, so it sees HEAD as HEAD and errors as 500)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        method, status, t0 = scope["method"], 500, time.perf_counter()

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            self.metrics.observe(method, route_template(scope), status, time.perf_counter() - t0)


class ServiceCollector:
    """Values read from the loaded resources when Prometheus scrapes (nothing cached here)."""

    def __init__(self, app_state: Any) -> None:
        self.state = app_state

    def describe(self) -> list:
        return []  # collected on demand; the families depend on what is loaded

    def collect(self) -> Iterator:
        res = getattr(self.state, "resources", None)
        up = GaugeMetricFamily("nikg_data_loaded", "1 when a build is loaded and served, else 0.")
        up.add_metric([], 0 if res is None else 1)
        yield up
        if res is None:
            return
        yield from _build_info(res)
        yield from _pool_metrics(res.sparql)
        yield from _index_metrics(res.search, res.store)


def _build_info(res: Any) -> Iterator:
    info = InfoMetricFamily("nikg_build", "The build being served.")
    info.add_metric([], {"id": res.build.path.name, "built_at": str(res.build.info.get("built_at", ""))})
    yield info


def _pool_metrics(pool: Any) -> Iterator:
    if pool is None:
        return
    killed = CounterMetricFamily("nikg_sparql_timeouts", "SPARQL workers stopped for running past the time limit.")
    killed.add_metric([], float(getattr(pool, "killed", 0)))
    yield killed
    values = _status_fields(pool)
    restarts = CounterMetricFamily("nikg_sparql_worker_restarts", "SPARQL workers started to replace one that stopped.")
    restarts.add_metric([], float(_first_number(values, ("restarts", "worker_restarts", "respawned"), 0)))
    yield restarts
    for key, value in sorted(values.items()):
        if isinstance(value, (int, float)) and key not in ("killed", "restarts"):  # bools as 0/1
            gauge = GaugeMetricFamily(f"nikg_sparql_pool_{_name(key)}", f"SPARQL pool status field {key!r}.")
            gauge.add_metric([], float(value))
            yield gauge


def _status_fields(pool: Any) -> dict:
    """``pool.status()`` as a dict (it may be a dict or a dataclass), or {} when the pool has no status()."""
    status = getattr(pool, "status", None)
    values = status() if callable(status) else {}
    if dataclasses.is_dataclass(values) and not isinstance(values, type):
        return dataclasses.asdict(values)
    return values if isinstance(values, dict) else {}


def _index_metrics(index: Any, store: Any) -> Iterator:
    size = GaugeMetricFamily("nikg_index_size", "Size of what is served, by kind.", labels=["kind"])
    if index is not None:
        size.add_metric(["passages"], float(len(index)))
        size.add_metric(["vectors"], float(index.dense.size))
    size.add_metric(["triples"], float(len(store)))
    yield size


def _first_number(values: Any, keys: tuple[str, ...], default: float) -> float:
    for key in keys:
        value = values.get(key) if isinstance(values, dict) else None
        if isinstance(value, (int, float)):
            return float(value)
    return default


def _name(key: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in str(key)).lower()
