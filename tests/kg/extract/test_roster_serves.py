"""kg.extract roster and posts: 由<post><name>兼任, names set with a typographic space."""
from kg.extract.pipeline import run

TEXT = """某省人民政府办公厅关于成立某省河湖普查领导小组的通知
一、领导小组组成人员
组　长：张　明　　某省副省长
成　员：赵　东　　省水利厅副厅长
二、工作职责
领导小组办公室设在省水利厅。办公室主任由省水利厅副厅长赵东兼任。
"""


def _facts(doc_factory):
    doc, passages = doc_factory(TEXT)
    out = run(doc, passages, "rules")
    holds = {(r.subject, r.object) for r in out.relations if r.predicate == "holdsPost"}
    return out, holds


def test_roster_serves_with_the_post_before_the_name(doc_factory):
    out, holds = _facts(doc_factory)
    assert ("Person/赵东", "Post/办公室主任") in holds
    assert ("Person/赵东", "Post/省水利厅副厅长") in holds
    assert not any("由" in m.label for m in out.mentions if m.kind in ("Post", "Agency"))


def test_roster_person_label_has_no_typographic_space(doc_factory):
    out, _ = _facts(doc_factory)
    people = sorted(m.label for m in out.mentions if m.kind == "Person")
    assert people == ["张明", "赵东"]
