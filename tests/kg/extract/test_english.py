"""kg.extract.english: rules for English policy reports."""
import datetime as dt

from kg.extract import extract_document

TEXT = """Eastport sets out smart port plan

On March 3, the standing meeting of the Eastport Municipal Government reviewed and approved the “Eastport Action Plan for Smart Ports (2021-2023)”.

On March 10, a press conference was held. Lin Guodong, Deputy Secretary-General of the Eastport Municipal Government and Director of the Municipal Transport Commission, said that 12 automated berths have been built.
By 2023, the city will build more than 300 smart cranes and invest about 45 billion yuan. In Binjiang, Linhu and other districts, pilots will start first.
The plan sets 4 major construction actions and 20 construction tasks.
"""


def _kinds(out, kind):
    return {m.label: m for m in out.mentions if m.kind == kind}


def test_english_people_posts_agencies_and_places(doc_factory):
    doc, passages = doc_factory(TEXT, lang="en")
    out = extract_document(doc, passages)
    person = _kinds(out, "Person")["Lin Guodong"]
    assert doc.text[person.span.start:person.span.end] == "Lin Guodong"
    posts = _kinds(out, "Post")
    assert set(posts) == {"Deputy Secretary-General of the Eastport Municipal Government",
                          "Director of the Municipal Transport Commission"}
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert (person.key, "holdsPost", posts["Director of the Municipal Transport Commission"].key) in rels
    assert {"Eastport Municipal Government", "Municipal Transport Commission"} <= set(_kinds(out, "Agency"))
    places = _kinds(out, "Place")
    assert {"Binjiang District", "Linhu District", "Eastport"} == set(places)
    assert len(places["Eastport"].all_spans()) == doc.text.count("Eastport")  # every mention is evidence


def test_english_plan_events_and_dates(doc_factory):
    doc, passages = doc_factory(TEXT, lang="en")
    out = extract_document(doc, passages)
    plan = _kinds(out, "ActionPlan")["Eastport Action Plan for Smart Ports (2021-2023)"]
    assert (plan.props["period_start"], plan.props["period_end"]) == (2021, 2023)
    dates = sorted(m.props["date"] for m in out.mentions if m.kind == "Event")
    assert dates == [dt.date(2021, 3, 3), dt.date(2021, 3, 10)]
    approved = [r for r in out.relations if r.predicate == "approvedAt"]
    assert len(approved) == 1 and approved[0].subject == plan.key


def test_english_numbers_become_targets_and_indicators(doc_factory):
    doc, passages = doc_factory(TEXT, lang="en")
    out = extract_document(doc, passages)
    by_phrase = {m.props["quantity_text"]: m for m in out.mentions if m.kind in ("Target", "Indicator")}
    cranes = by_phrase["more than 300"]
    assert (cranes.kind, cranes.props["value"], cranes.props["comparator"], cranes.props["unit"]) == \
        ("Target", 300, "MoreThan", "crane")  # nikg:unit: the singular counted noun
    assert cranes.props["deadline"] == dt.date(2023, 12, 31)
    money = by_phrase["about 45 billion yuan"]
    assert (money.props["value"], money.props["unit"], money.props["comparator"]) == (45e9, "CNY", "About")
    assert by_phrase["12"].kind == "Indicator"
    assert not {"4", "20", "2021", "2023"} & set(by_phrase)


def test_english_actions_and_task_lists(doc_factory):
    text = ("Eastport port plan\n\nIn terms of “smart berth” construction actions, the city will upgrade its quays. "
            "It mainly includes: automate container berths; build a port data platform; train crane operators.\n")
    doc, passages = doc_factory(text, lang="en")
    out = extract_document(doc, passages)
    actions = _kinds(out, "Action")
    assert set(actions) == {"smart berth"}
    tasks = [m.label for m in out.mentions if m.kind == "Task"]
    assert tasks == ["automate container berths", "build a port data platform", "train crane operators"]
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert (actions["smart berth"].key, "hasTask", "Task/buildaportdataplatform") in rels


def test_english_target_hangs_off_the_task_item_that_states_it(doc_factory):
    text = ("Eastport port plan\n\nIn terms of “smart berths” construction actions, it mainly includes: build 40 new "
            "automated berths; upgrade the port data centre; train port engineers.\nBy 2023, the port will invest "
            "about 5 billion yuan.\n")
    doc, passages = doc_factory(text, lang="en")
    out = extract_document(doc, passages, tagger="rules")
    holder = {r.object: r.subject for r in out.relations if r.predicate == "hasTarget"}
    targets = {m.props["value"]: m.key for m in out.mentions if m.kind == "Target"}
    tasks = {m.label: m.key for m in out.mentions if m.kind == "Task"}
    assert holder[targets[40.0]] == tasks["build 40 new automated berths"]
    assert holder[targets[5e9]] == f"Document/{doc.id}"  # stated outside every task: the root holds it


def test_english_task_list_items_split_where_an_action_verb_starts_a_clause(doc_factory):
    text = ("Eastport port plan\n\nIn terms of “smart berths” construction actions, it mainly includes: upgrading 40 "
            "berths, accelerating the deployment of port 5G networks, and building a port data centre; train port "
            "engineers, and support cold-chain logistics. Expand smart delivery facilities.\n")
    doc, passages = doc_factory(text, lang="en")
    out = extract_document(doc, passages, tagger="rules")
    tasks = [m.label for m in out.mentions if m.kind == "Task"]
    assert tasks == ["upgrading 40 berths", "accelerating the deployment of port 5G networks, and building a port "
                     "data centre", "train port engineers, and support cold-chain logistics",
                     "Expand smart delivery facilities"]  # ", and <verb>" continues the clause before it


def test_english_principles_from_based_on_and_adheres_to_lists(doc_factory):
    text = ("Eastport port plan\n\nLin Guodong said the plan is based on green ports, smart logistics, and open "
            "cooperation, adheres to the unity of building and using, and the balance of near and far, and provides "
            "guidance. It is based on a long report that the city wrote over many years for the whole region.\n")
    doc, passages = doc_factory(text, lang="en")
    out = extract_document(doc, passages, tagger="rules")
    assert sorted(m.label for m in out.mentions if m.kind == "Principle") == [
        "green ports", "open cooperation", "smart logistics", "the balance of near and far",
        "the unity of building and using"]


def test_english_a_post_written_in_lower_case_as_news_reports_write_it(doc_factory):
    doc, passages = doc_factory("Westland to set up a green fund\n\nWestland will set up a green fund, Li Mingde, head of the "
                                "Westland Development Commission, said on Thursday.\n", lang="en")
    ext = extract_document(doc, passages)
    people = {m.label for m in ext.mentions if m.kind == "Person"}
    assert people == {"Li Mingde"}
    posts = {m.label for m in ext.mentions if m.kind == "Post"}
    assert posts == {"head of the Westland Development Commission"}


def test_english_a_post_before_the_name_as_a_title(doc_factory):
    doc, passages = doc_factory("Westland opens its regional fund\n\nSpeaking in Eastbay today, Minister for Regional "
                                "Development and Local Government Anna McLeod officially released the guidelines.\n"
                                "Mr. Li Mingde, spokesperson of the Westland Customs\n\n    Ms. Jo Park, chair\n", lang="en")
    ext = extract_document(doc, passages)
    people = {m.label for m in ext.mentions if m.kind == "Person"}
    assert {"Anna McLeod", "Li Mingde"} <= people
    posts = {m.label for m in ext.mentions if m.kind == "Post"}
    assert {"Minister for Regional Development and Local Government", "spokesperson of the Westland Customs"} <= posts
