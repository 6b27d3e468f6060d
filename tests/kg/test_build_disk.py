"""A build that runs out of disk ends in the CLI's one-line error; the previous build keeps serving.

The disk is "full" for real without filling the machine's: the build runs in a subprocess under
RLIMIT_FSIZE (SIGXFSZ ignored, so write() fails with EFBIG as on a full disk), either from the start
(the search index is the first large file) or only from the store-writing step on (RocksDB's error).
"""
import os
import re
import subprocess
import sys
import textwrap

import pytest

from kg.build import run_build
from kg.settings import Settings
from kg.store import current_build

CHILD = textwrap.dedent("""
    import resource, signal, sys
    from kg import build
    from kg.cli import main

    def limit_file_size(ctx=None):
        limit = int(sys.argv[2])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG instead of killing us
    if sys.argv[1] == "start":
        limit_file_size()
    else:
        names = [build.step_name(step) for step in build.STEPS]
        build.STEPS.insert(names.index(sys.argv[1]), limit_file_size)
    sys.exit(main(["build"]))
""")
TAIL = ("a file grew past the allowed file size "
        "(the previous build is still served; fix the cause and run `nikg build` again)")


@pytest.fixture()
def own(tmp_path, sources_copy, warm_cache):
    settings = Settings(data_dir=warm_cache(tmp_path / "data"), sources_dir=sources_copy)
    run_build(settings)
    return settings


def _build_limited(settings, from_step: str, limit: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "NIKG_DATA_DIR": str(settings.data_dir), "NIKG_SOURCES_DIR": str(settings.sources_dir),
           "PYTHONPATH": os.getcwd()}
    return subprocess.run([sys.executable, "-c", CHILD, from_step, str(limit)], env=env, capture_output=True,
                          text=True, timeout=300)


def _assert_nothing_changed(settings, before) -> None:
    assert current_build(settings.data_dir).path == before
    assert (before / "store" / "CURRENT").is_file()
    assert sorted(p.name for p in (settings.data_dir / "builds").iterdir()) == [before.name]  # no .tmp-* left


def test_full_disk_while_writing_the_index_is_a_one_line_error(own):
    before = current_build(own.data_dir).path
    done = _build_limited(own, "start", 300_000)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == f"nikg build: the build failed on vectors.faiss: {TAIL}"
    _assert_nothing_changed(own, before)


def test_full_disk_while_writing_the_store_is_a_one_line_error(own):
    before = current_build(own.data_dir).path
    done = _build_limited(own, "write_store", 50_000)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"nikg build: the build failed on [\w.-]+: " + re.escape(TAIL), last), last
    _assert_nothing_changed(own, before)
