"""Fixtures for browser tests: the real app served by uvicorn on a free loopback port, and Debian's
chromium driven by Playwright (headless, a fresh profile, no network but the loopback service)."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(built) -> str:
    """The real app on the session's build, served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    from service.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(built), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped while starting; see the log above"
        assert time.monotonic() < deadline, "uvicorn did not start within 120 s"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory, live_server):
    """A chromium context with a fresh profile; every request off the loopback service is refused and recorded
    in ``context.outside`` (the pages must work offline)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `apt-get install -y chromium` (make test does it)"
    host = urlparse(live_server).netloc
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900}, locale="en-GB")
        context.outside = []

        def only_local(route):
            if urlparse(route.request.url).netloc == host or route.request.url.startswith(("data:", "blob:")):
                return route.continue_()
            context.outside.append(route.request.url)
            return route.abort()

        context.route("**/*", only_local)
        yield context
        context.close()


@pytest.fixture()
def page(browser_context):
    """A new tab; console errors are collected in ``page.errors``."""
    tab = browser_context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
