"""The write journal: durable, ordered, readable lines; replayed by every build onto its new store."""
import json

import pyoxigraph as ox
import pytest

from kg.build import run_build
from kg.settings import Settings
from kg.store import current_build, open_store
from kg.writes import WriteJournal

LABEL = "<https://w3id.org/nikg/id/place/pudong> skos:prefLabel 'Pudong New Area'@en"


def test_record_appends_numbered_readable_lines(tmp_path):
    journal = WriteJournal(tmp_path)
    assert journal.record(f"INSERT DATA {{ {LABEL} }}") == 1
    assert journal.record("CLEAR DEFAULT") == 2
    lines = [json.loads(line) for line in (tmp_path / "writes" / "journal.jsonl").read_text("utf-8").splitlines()]
    assert [(x["seq"], x["update"]) for x in lines] == [(1, f"INSERT DATA {{ {LABEL} }}"), (2, "CLEAR DEFAULT")]
    assert lines[0]["prefixes"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert lines[0]["time"].endswith("+00:00")
    assert [w.seq for w in journal.entries()] == [1, 2] and journal.last_seq() == 2


def test_a_line_torn_by_a_crash_is_ignored_and_cut_off_by_the_next_record(tmp_path):
    journal = WriteJournal(tmp_path)
    journal.record("CLEAR DEFAULT")
    with open(journal.path, "ab") as fh:
        fh.write(b'{"seq": 2, "time": "2026-01-01T00:00:00+00:00", "upd')  # the process died mid-write
    assert [w.seq for w in journal.entries()] == [1]
    assert journal.record("CLEAR ALL") == 2
    assert [(w.seq, w.update) for w in journal.entries()] == [(1, "CLEAR DEFAULT"), (2, "CLEAR ALL")]
    assert journal.path.read_bytes().count(b"\n") == 2


def test_replay_applies_in_order_and_names_the_seq_of_a_write_that_fails(tmp_path):
    journal = WriteJournal(tmp_path)
    journal.record(f"INSERT DATA {{ {LABEL} }}")
    journal.record("DROP GRAPH <https://example.org/never-made>")  # fails on replay: no such graph
    journal.record(f"DELETE DATA {{ {LABEL} }} ; INSERT DATA {{ <https://example.org/s> rdfs:label 'last' }}")
    store, failed = ox.Store(), []
    applied = journal.replay(store, warn=lambda write, exc: failed.append((write.seq, str(exc))))
    assert applied == 2 and failed == [(2, "The graph <https://example.org/never-made> does not exist")]
    assert [str(q.object.value) for q in store] == ["last"]  # the delete ran after the insert it undoes
    assert journal.replay(ox.Store(), after=3) == 0


def test_build_replays_the_journal_and_reports_writes_that_no_longer_apply(tmp_path, sources_copy, capsys):
    settings = Settings(data_dir=tmp_path / "data", sources_dir=sources_copy)
    journal = WriteJournal(settings.data_dir)
    journal.record(f"INSERT DATA {{ {LABEL} }}")
    journal.record("DROP GRAPH <https://example.org/never-made>")
    info = run_build(settings)
    assert info["writes"] == {"replayed": 1, "skipped": [2], "last_seq": 2}
    assert "warning: write #2 of " in capsys.readouterr().err
    store = open_store(current_build(settings.data_dir))
    assert store.query(f"ASK {{ {LABEL} }}", prefixes={"skos": "http://www.w3.org/2004/02/skos/core#"})
    assert info["triples"] == len(store)


def test_journal_that_cannot_be_written_is_a_clear_error(tmp_path):
    (tmp_path / "writes").write_text("a file where the folder should be")
    with pytest.raises(Exception, match="the write was applied but could not be journaled") as caught:
        WriteJournal(tmp_path).record("CLEAR DEFAULT")
    assert type(caught.value).__name__ == "WriteNotKept" and caught.value.status == 507


def test_a_build_mark_advances_only_when_its_store_held_every_earlier_write(tmp_path):
    from kg.writes import applied_seq, mark_applied

    build = tmp_path / "builds" / "b1"
    build.mkdir(parents=True)
    journal = WriteJournal(tmp_path)
    assert applied_seq(build) == 0
    journal.record("CLEAR DEFAULT", build=build)
    assert applied_seq(build) == 1
    journal.record("CLEAR ALL")  # applied elsewhere (another build): b1 lacks it
    journal.record("CLEAR DEFAULT", build=build)
    assert applied_seq(build) == 1, "b1 does not hold write #2, so its mark must stay behind"
    mark_applied(build, 3)
    assert json.loads((build / "writes.json").read_text()) == {"seq": 3}
