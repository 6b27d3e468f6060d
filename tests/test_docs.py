"""Every command and query shown in README.md and docs/*.md, run against the running app.

Conventions of the docs' fenced blocks (stated in README.md, "The manual"):

- ```sh / ```bash blocks with ``curl`` hold only curl commands (and comments). Each block runs as one
  bash script (``set -e``) against ``nikg serve`` (the ``live`` fixture), with ``localhost:8000``
  replaced by the live server's address; every curl must exit 0 and answer HTTP 2xx.
- A first line ``# needs: write`` runs the block against a second server with updates enabled
  (``NIKG_UPDATE_TOKEN=change-me``, the token the docs show) on a COPY of the session's build data.
- A first line ``# needs: cli`` runs the block's ``.venv/bin/nikg`` commands as ``python -m kg.cli`` in a
  scratch folder, on a copy of the build data; each must exit 0.
- Any other sh/bash block must start with ``# not run: <reason>`` (machine set-up, servers, evaluations,
  benchmarks): the reason is the exclusion, and this file checks every such block states one.
- ```sparql blocks are whole queries; each runs through ``/sparql`` and must answer 200 with results.
- ```python blocks run with this interpreter, ``localhost:8000`` replaced, and must exit 0.
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
DOCS_HOST = "localhost:8000"
TOKEN = "change-me"
CODE_MARK = "NIKG_DOCS_HTTP_CODE"


def _blocks() -> list[tuple[str, str, str]]:
    """(id "page:line", language, text) of every fenced block of the docs."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            line = text[:m.start()].count("\n") + 1
            found.append((f"{page.relative_to(ROOT)}:{line}", m.group(1), m.group(2)))
    return found


BLOCKS = _blocks()


def _marker(text: str) -> str:
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    return first[2:].strip() if first.startswith("# ") else ""


def _shell(needs: str | None = None) -> list:
    """Shell blocks with curl: those marked ``# needs: <needs>``, or (None) those with no ``needs:`` mark."""
    def wanted(text: str) -> bool:
        mark = _marker(text)
        return mark == f"needs: {needs}" if needs else not mark.startswith("needs:")
    return [pytest.param(t, id=i) for i, lang, t in BLOCKS if lang in ("sh", "bash") and "curl" in t and wanted(t)]


def _complete(command: str) -> bool:
    """Whether ``command`` closes every quote it opens (comments ignored, as bash does)."""
    try:
        shlex.split(command, comments=True)
    except ValueError:
        return False
    return True


def _commands(text: str) -> list[str]:
    """The shell commands of a block: continuation lines and multi-line single-quoted strings joined."""
    commands, current = [], ""
    for line in text.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line + "\n"
        if _complete(current) and not line.rstrip().endswith("\\"):
            commands.append(current.strip())
            current = ""
    assert not current, f"unterminated command: {current!r}"
    return commands


def _run_curl_block(text: str, url: str, tmp_path: Path) -> None:
    commands = _commands(text)
    strays = [c for c in commands if not c.startswith("curl ")]
    assert not strays, f"a curl block holds only curl commands; move these to a '# not run:' block: {strays}"
    host = url.removeprefix("http://")
    script = (f"set -e\ncurl() {{ command curl -sS --fail-with-body -w '\\n{CODE_MARK} %{{http_code}}\\n' \"$@\"; }}\n"
              + text.replace(f"http://{DOCS_HOST}", url).replace(DOCS_HOST, host))
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    codes = re.findall(rf"^{CODE_MARK} (\d+)$", done.stdout, re.M)
    assert len(codes) == len(commands), (codes, commands)
    assert all(c.startswith("2") for c in codes), (codes, done.stdout[-2000:])


def _data_copy(built, tmp: Path) -> Path:
    data = tmp / "data"
    shutil.copytree(built.data_dir, data, symlinks=True,
                    ignore=shutil.ignore_patterns(".leases", ".sparql-snapshots", ".tmp-*", ".old-*"))
    return data


@pytest.fixture(scope="module")
def writable(built, live, tmp_path_factory):
    """``nikg serve`` with updates on, on a copy of the session's build (the shared build stays as built);
    a LiveServer of tests/conftest.py like ``live``."""
    data = _data_copy(built, tmp_path_factory.mktemp("docs-write"))
    server = type(live)(data, env={"NIKG_UPDATE_ENABLED": "true", "NIKG_UPDATE_TOKEN": TOKEN}).wait()
    yield server
    server.stop()


# --- conventions ----------------------------------------------------------------------------------

def test_docs_every_shell_block_is_run_or_says_why_not():
    unmarked = [i for i, lang, t in BLOCKS if lang in ("sh", "bash") and "curl" not in t
                and not _marker(t).startswith(("not run: ", "needs: cli"))]
    assert not unmarked, f"sh blocks without curl must start with '# not run: <reason>' or '# needs: cli': {unmarked}"
    reasons = [_marker(t) for _, lang, t in BLOCKS if _marker(t).startswith("not run:")]
    assert all(len(r) > len("not run: ") + 10 for r in reasons), reasons
    markers = {_marker(t) for _, lang, t in BLOCKS if _marker(t).startswith("needs:")}
    assert markers <= {"needs: write", "needs: cli"}, f"unknown markers: {markers}"


def test_docs_readme_is_short_and_its_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 200
    for page in PAGES:
        for target in re.findall(r"\]\(([\w./-]+\.md)(?:#[\w-]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"
    for name in ("ontology", "search", "sparql", "reconciliation", "linking-and-qa", "extraction",
                 "configuration", "operations", "benchmarks", "decisions", "web"):
        assert f"docs/{name}.md" in readme, f"README does not link docs/{name}.md"


def test_docs_configuration_table_lists_every_setting():
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import settings_table
    finally:
        sys.path.remove(str(ROOT / "docs"))
    from kg.settings import Settings

    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert settings_table.rewrite(page) == page, "docs/configuration.md is stale: run python docs/settings_table.py --write"
    listed = set(re.findall(r"^\| `NIKG_(\w+)` \|", page, re.M))
    assert listed == {name.upper() for name in Settings.model_fields}
    assert all(row.split("|")[3].strip() for row in page.splitlines() if row.startswith("| `NIKG_")), \
        "every setting has a description"


# --- running them ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", _shell())
def test_docs_curl_block_answers_2xx(text, live, tmp_path):
    _run_curl_block(text, live.url, tmp_path)


@pytest.mark.parametrize("text", _shell("write"))
def test_docs_write_block_answers_2xx_with_updates_on(text, writable, tmp_path):
    _run_curl_block(text, writable.url, tmp_path)


CLI_BLOCKS = [pytest.param(t, id=i) for i, lang, t in BLOCKS if lang in ("sh", "bash") and _marker(t) == "needs: cli"]


@pytest.mark.parametrize("text", CLI_BLOCKS)
def test_docs_cli_block_exits_0(text, built, tmp_path):
    data = _data_copy(built, tmp_path)
    env = {"NIKG_DATA_DIR": str(data), "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    for command in _commands(text):
        assert command.startswith(".venv/bin/nikg "), command
        script = command.replace(".venv/bin/nikg", f"{sys.executable} -m kg.cli", 1)
        done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stderr[-2000:]}"
    outputs = [tmp_path / f for f in ("nikg.ttl", "nikg.jsonld") if f in text]
    assert all(f.stat().st_size > 10_000 for f in outputs), outputs


SPARQL_BLOCKS = [pytest.param(t, id=i) for i, lang, t in BLOCKS if lang == "sparql"]


@pytest.mark.parametrize("query", SPARQL_BLOCKS)
def test_docs_sparql_block_answers_200_with_results(query, live):
    r = httpx.post(live.url + "/sparql", data={"query": query},
                   headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200, r.text
    body = r.json()
    if "boolean" in body:
        assert body["boolean"] is True
    else:
        assert body["results"]["bindings"], f"no rows: {query}"


PYTHON_BLOCKS = [pytest.param(t, id=i) for i, lang, t in BLOCKS if lang == "python" and not _marker(t).startswith("not run:")]


@pytest.mark.parametrize("code", PYTHON_BLOCKS)
def test_docs_python_block_exits_0(code, live, tmp_path):
    source = code.replace(f"http://{DOCS_HOST}", live.url)
    done = subprocess.run([sys.executable, "-c", source], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip(), "the example prints its result"


def test_docs_show_commands_and_queries():
    """The collection above is not empty by accident (a changed fence would silently run nothing)."""
    assert len(_shell()) >= 10 and len(_shell("write")) == 1 and len(CLI_BLOCKS) == 3
    assert len(SPARQL_BLOCKS) >= 15 and len(PYTHON_BLOCKS) >= 1
    assert json.dumps([t for _, lang, t in BLOCKS if lang == "sparql"]).count("nikg:search") >= 4
