"""Builds are published atomically: a failed or killed build leaves the last good one serving."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from kg import build as build_module
from kg.build import is_fresh, run_build
from kg.errors import BuildCorrupt, BuildMissing, NikgError
from kg.settings import Settings
from kg.store import current_build, new_build, open_store


def _passage_count(settings):
    store = open_store(current_build(settings.data_dir))
    return len(list(store.query("SELECT ?p WHERE { ?p a <https://w3id.org/nikg/ontology#Passage> }")))


@pytest.fixture()
def own(tmp_path, sources_copy):
    """Settings with a private data folder and a private copy of the sources."""
    return Settings(data_dir=tmp_path / "data", sources_dir=sources_copy)


@pytest.fixture()
def rebuilt(data_copy, sources_copy):
    """Settings on a copy of the session's build, so that each build here is a rebuild."""
    return Settings(data_dir=data_copy, sources_dir=sources_copy)


def test_missing_build_is_a_clear_error(tmp_path):
    with pytest.raises(BuildMissing, match=r"no build found in .*run `nikg build`"):
        current_build(tmp_path)


def test_corrupt_build_is_a_clear_error(tmp_path):
    (tmp_path / "builds" / "x").mkdir(parents=True)
    (tmp_path / "current").symlink_to("builds/x")
    (tmp_path / "builds" / "x" / "build.json").write_text("{not json")
    with pytest.raises(BuildCorrupt, match=r"unreadable build.json.*rebuild with `nikg build`"):
        current_build(tmp_path)


def test_failed_build_leaves_the_previous_one_intact(rebuilt, monkeypatch):
    first = run_build(rebuilt)
    before = current_build(rebuilt.data_dir)

    def explode(ctx):
        assert (ctx.out / "store").is_dir()  # the new store was already written when this fails
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build_module, "STEPS", [*build_module.STEPS, explode])
    with pytest.raises(RuntimeError, match="disk on fire"):
        run_build(rebuilt)
    after = current_build(rebuilt.data_dir)
    assert after.path == before.path and after.info == first
    assert _passage_count(rebuilt) == first["passages"]
    assert not list((rebuilt.data_dir / "builds").glob(".tmp-*")), "the failed build's folder was not removed"


def test_killed_build_leaves_the_previous_one_serving(rebuilt):
    run_build(rebuilt)
    before = current_build(rebuilt.data_dir).path
    env = {**os.environ, "NIKG_DATA_DIR": str(rebuilt.data_dir), "NIKG_SOURCES_DIR": str(rebuilt.sources_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list((rebuilt.data_dir / "builds").glob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)  # the build's folder exists: it is mid-way (encoding takes seconds)
    assert proc.wait() == -signal.SIGKILL, "the build finished before it could be killed"
    assert current_build(rebuilt.data_dir).path == before
    assert _passage_count(rebuilt) > 0
    run_build(rebuilt)  # the next build clears what the killed one left
    assert not list((rebuilt.data_dir / "builds").glob(".tmp-*"))
    assert current_build(rebuilt.data_dir).path != before


def test_rebuild_replaces_and_prunes_old_builds(rebuilt):
    paths = []
    for _ in range(3):
        run_build(rebuilt)
        paths.append(current_build(rebuilt.data_dir).path)
    assert len(set(paths)) == 3
    kept = sorted(p.name for p in (rebuilt.data_dir / "builds").iterdir())
    assert kept == sorted(p.name for p in paths[1:])  # keep_builds=2: the current one and the one before


def test_build_accepts_a_folder_of_other_documents(rebuilt):
    (rebuilt.sources_dir / "extra.txt").write_text(
        "Shanghai opened new charging piles. The city plans more.\n\nA second paragraph.", encoding="utf-8")
    (rebuilt.sources_dir / "extra.json").write_text(json.dumps({"title": "Extra", "language": "en"}), encoding="utf-8")
    info = run_build(rebuilt)
    assert info["documents"] == 3
    store = open_store(current_build(rebuilt.data_dir))
    rows = list(store.query(
        "SELECT ?t WHERE { ?p <http://purl.org/dc/terms/isPartOf> <https://w3id.org/nikg/id/document/extra> ;"
        " <https://w3id.org/nikg/ontology#text> ?t }"))
    assert sorted(r["t"].value for r in rows) == [
        "A second paragraph.", "Shanghai opened new charging piles.", "The city plans more."]


def test_if_stale_skips_an_up_to_date_build(rebuilt):
    run_build(rebuilt)
    assert is_fresh(rebuilt, rebuilt.sources_dir)
    (rebuilt.sources_dir / "004_5322b9490e033bff.json").write_text(
        json.dumps({"title": "changed", "language": "en"}), encoding="utf-8")
    assert not is_fresh(rebuilt, rebuilt.sources_dir)


def test_two_builds_at_once_are_refused(own):
    with new_build(own.data_dir) as out:
        with pytest.raises(NikgError, match="another build is running"):
            with new_build(own.data_dir):
                pass
        (out / "build.json").write_text("{}")


def test_second_build_process_is_refused_while_one_runs(own):
    """Two real `nikg build` processes: the second ends in the one-line error; the first publishes."""
    env = {**os.environ, "NIKG_DATA_DIR": str(own.data_dir), "NIKG_SOURCES_DIR": str(own.sources_dir)}
    first = subprocess.Popen([sys.executable, "-m", "kg.cli", "build"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    while not list((own.data_dir / "builds").glob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.005)
    second = subprocess.run([sys.executable, "-m", "kg.cli", "build"], env=env, capture_output=True, text=True)
    assert first.poll() is None, "the first build finished before the second started"
    assert second.returncode == 2
    assert second.stderr == f"nikg build: another build is running in {own.data_dir} (wait for it to finish)\n"
    assert first.wait(120) == 0 and json.loads(first.stdout.read())["documents"] == 2
    assert len(list((own.data_dir / "builds").iterdir())) == 1 and current_build(own.data_dir).info["documents"] == 2


def test_prune_keeps_the_newest_builds_when_two_were_made_in_one_second(tmp_path):
    """Build ids name the second, then a random suffix: the finish order, not the name, says which is newest."""
    from kg.store import BUILD_FILE, _prune

    builds = tmp_path / "builds"
    names = ["20261129T044928-zzzzzz", "20261129T044928-aaaaaa", "20261129T044929-000000"]  # made in this order
    for i, name in enumerate(names):
        (builds / name).mkdir(parents=True)
        (builds / name / BUILD_FILE).write_text("{}")
        os.utime(builds / name / BUILD_FILE, ns=(10**18 + i * 10**9, 10**18 + i * 10**9))
    _prune(builds, 2, builds / names[2])
    assert sorted(p.name for p in builds.iterdir()) == sorted(names[1:])  # the oldest, zzzzzz, pruned
