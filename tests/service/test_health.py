"""The service skeleton: /health, OpenAPI, and a clear message when there is no data."""
import os
import socket
import subprocess
import sys
import time

import httpx
from fastapi.testclient import TestClient

from kg.settings import Settings
from service.app import create_app


def test_health_reports_the_build(client, build):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["build"] == build.path.name
    assert body["passages"] == build.info["passages"] > 80
    assert body["triples"] > 800 and body["documents"] == 2
    assert body["built_at"] == build.info["built_at"]


def test_openapi_page_is_served(client):
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/health" in spec["paths"]


def test_missing_build_is_degraded_liveness_and_not_ready(tmp_path):
    with TestClient(create_app(Settings(data_dir=tmp_path / "nothing"))) as c:
        health, ready, search = c.get("/health"), c.get("/ready"), c.get("/search", params={"q": "5G"})
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert "no build found" in health.json()["problems"][0]
    assert ready.status_code == 503 and ready.headers["retry-after"] == "5"
    assert "no build found" in ready.json()["detail"] and "nikg build" in ready.json()["hint"]
    assert search.status_code == 503 and "nikg build" in search.json()["hint"]
    assert str(tmp_path) not in health.text + ready.text + search.text  # no absolute paths leak


def test_serve_without_a_build_exits_with_a_clear_message(tmp_path):
    env = {**os.environ, "NIKG_DATA_DIR": str(tmp_path / "nothing")}
    r = subprocess.run([sys.executable, "-m", "kg.cli", "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "no build found" in r.stderr and "nikg build" in r.stderr
    assert "Traceback" not in r.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nikg_serve_answers_health_over_real_http(built):
    port = _free_port()
    env = {**os.environ, "NIKG_DATA_DIR": str(built.data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline, body = time.monotonic() + 90, None
        while time.monotonic() < deadline and body is None:
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.2)
        assert body is not None and body["status"] == "ok"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
