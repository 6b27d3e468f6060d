"""kg.titles: one vocabulary of post titles for extraction and answering."""
import re
from pathlib import Path

from kg.answer.people import role_words
from kg.documents import Document
from kg.extract import extract_document
from kg.passages import segment
from kg.titles import ALL, LEADERS, OFFICES, ROLES, alternation


def test_titles_alternation_tries_the_longest_title_first():
    assert re.match(alternation(OFFICES), "党委副书记").group() == "党委副书记"
    assert re.match(alternation(OFFICES), "副主任委员").group() == "副主任"
    assert set(OFFICES) | set(LEADERS) | set(ROLES) == set(ALL)


def test_titles_a_deputy_auditor_general_is_read_in_running_text_and_in_a_question():
    text = "某省金融工作方案\n会议由审计署副审计长王小明主持。\n"
    doc = Document(id="t1", text=text, title="某省金融工作方案", language="zh", path=Path("t1.txt"))
    rels = {(r.subject, r.predicate, r.object) for r in extract_document(doc, segment(doc), tagger="rules").relations}
    assert ("Person/王小明", "holdsPost", "Post/审计署副审计长") in rels
    assert ("Post/审计署副审计长", "affiliation", "Agency/审计署") in rels
    assert {"副", "审计长"} <= role_words("审计署副审计长是谁")


def test_titles_a_committee_is_no_role_of_its_members():
    """委员 inside 国家教材委员会 is the body's name: the question asks the 主任 only (else every 委员 answers)."""
    assert role_words("国家教材委员会主任是谁") == {"主任"}
    assert role_words("国家教材委员会委员") == {"委员"}
