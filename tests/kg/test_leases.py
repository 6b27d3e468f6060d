"""Leases: a build a running process serves survives rebuilds; it is pruned once nobody holds it."""
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from fastapi.testclient import TestClient

from kg.build import run_build
from kg.leases import LeaseLost, hold_lease, is_leased
from kg.settings import Settings
from kg.store import current_build, lease_current
from service.app import create_app

HOLDER = textwrap.dedent("""
    import sys
    from kg.leases import hold_lease
    lease = hold_lease(sys.argv[1])
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our stdin
    lease.release()
    print("released", flush=True)
""")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture()
def own(data_copy, sources_copy):
    """keep_builds=1: without leases every rebuild deletes every build but the new one."""
    return Settings(data_dir=data_copy, sources_dir=sources_copy, keep_builds=1)


def _builds(settings) -> set[str]:
    return {p.name for p in (settings.data_dir / "builds").iterdir()}


def _holder(build_path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(build_path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert proc.stdout.readline() == "held\n"
    return proc


def test_leased_build_survives_three_rebuilds_and_is_pruned_after_release(own):
    run_build(own)
    served = current_build(own.data_dir).path
    holder = _holder(served)
    for _ in range(3):
        run_build(own)
        assert served.is_dir() and (served / "store" / "CURRENT").is_file()
        assert _builds(own) == {served.name, current_build(own.data_dir).path.name}  # the others are pruned
    holder.stdin.close()
    assert holder.stdout.readline() == "released\n" and holder.wait(10) == 0
    assert not list((served / ".leases").iterdir())
    run_build(own)
    assert not served.exists()
    assert _builds(own) == {current_build(own.data_dir).path.name}


def test_lease_of_a_killed_process_is_stale_and_the_build_is_pruned(own):
    run_build(own)
    served = current_build(own.data_dir).path
    holder = _holder(served)
    assert is_leased(served)
    holder.send_signal(signal.SIGKILL)  # dies without releasing: its lease file stays, unlocked
    holder.wait(10)
    assert len(list((served / ".leases").iterdir())) == 1
    run_build(own)
    assert not served.exists(), "a lease nobody holds kept the build"
    assert not list((own.data_dir / "builds").glob(".old-*"))


def test_leasing_a_pruned_build_is_refused_and_lease_current_takes_the_new_one(own):
    run_build(own)
    old = current_build(own.data_dir)
    run_build(own)
    assert not old.path.exists()
    with pytest.raises(LeaseLost, match=f"build {old.path.name} was removed before it could be leased"):
        hold_lease(old)
    build, lease = lease_current(own.data_dir)
    with lease:
        assert build.path == current_build(own.data_dir).path and is_leased(build.path)
    assert not is_leased(build.path) and not lease.held


def test_service_keeps_answering_after_rebuilds_and_worker_restarts(own):
    """The issue's reproducer: serve, rebuild three times, restart both workers: queries still answer."""
    run_build(own)
    settings = own.model_copy(update={"sparql_timeout": 1.0})
    with TestClient(create_app(settings)) as client:
        served = client.app.state.resources.build.path
        for _ in range(3):
            run_build(own)
        assert served.is_dir() and current_build(own.data_dir).path != served
        for _ in range(2):  # each runaway query kills its worker; the replacement opens the store again
            r = client.get("/sparql", params={"query": RUNAWAY})
            assert r.status_code == 503 and "time limit" in r.json()["detail"]
        r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        assert r.status_code == 200, r.text
        assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 1000
    assert not is_leased(served)  # the app released its lease when it stopped
    run_build(own)
    assert not served.exists()
