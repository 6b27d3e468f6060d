"""kg.answer.agencies: which task a responsibility question names, on a small graph written here."""
import pyoxigraph as ox

from kg.answer.agencies import Responsibilities

TTL = """
@prefix nikg: <https://w3id.org/nikg/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/nikg/id/task/choose> skos:prefLabel "确定试点城市"@zh ; nikg:quote "确定试点城市。各地推荐城市名单"@zh ;
    nikg:leadAgency <https://w3id.org/nikg/id/agency/env> ; nikg:responsibleAgency <https://w3id.org/nikg/id/agency/env>, <https://w3id.org/nikg/id/agency/housing> .
<https://w3id.org/nikg/id/task/plan> skos:prefLabel "制定实施方案"@zh ; nikg:quote "试点城市确定后，制定实施方案"@zh ;
    nikg:leadAgency <https://w3id.org/nikg/id/agency/city> ; nikg:responsibleAgency <https://w3id.org/nikg/id/agency/city> .
<https://w3id.org/nikg/id/agency/env> skos:prefLabel "生态环境部"@zh ; nikg:machineLabel "Ministry of Ecology and Environment"@en . <https://w3id.org/nikg/id/agency/housing> skos:prefLabel "住房城乡建设部"@zh .
<https://w3id.org/nikg/id/agency/city> skos:prefLabel "试点城市人民政府"@zh .
"""


def _responsibilities(linker) -> Responsibilities:
    store = ox.Store()
    store.load(TTL.encode("utf-8"), ox.RdfFormat.TURTLE)
    return Responsibilities(store, linker.tokenizer)


def test_responsibility_tie_in_quotes_goes_to_the_task_whose_label_names_it(linker):
    """Both tasks' quotes hold 确定/试点/城市; only one task's label does: that task answers."""
    text, statements = _responsibilities(linker).answer("确定试点城市由哪个部门牵头", "zh", lambda evidence: True)
    assert text == "确定试点城市由生态环境部牵头，住房城乡建设部参与。"
    assert statements[0].iri.endswith("task/choose")


def test_responsibility_question_goes_to_the_task_covering_more_of_its_terms(linker):
    text, statements = _responsibilities(linker).answer("制定实施方案由哪个部门牵头", "zh", lambda evidence: True)
    assert text == "制定实施方案由试点城市人民政府牵头。" and statements[0].iri.endswith("task/plan")


def test_responsibility_question_without_a_cue_is_not_answered(linker):
    assert _responsibilities(linker).answer("确定试点城市", "zh", lambda evidence: True) is None


def test_what_an_agency_leads_or_is_responsible_for_lists_its_items(linker):
    duties = _responsibilities(linker).duties_of
    env, housing = "https://w3id.org/nikg/id/agency/env", "https://w3id.org/nikg/id/agency/housing"
    assert duties("生态环境部负责哪些任务？", [env], "zh", lambda evidence: True)[0] == "生态环境部负责：确定试点城市。"
    assert duties("住房城乡建设部牵头什么工作？", [housing], "zh", lambda evidence: True) is None  # it takes part, no lead
    text, statements = duties("What is the ministry responsible for?", [housing], "en", lambda evidence: True)
    assert text == "住房城乡建设部 is responsible for: 确定试点城市." and statements[0].value == "确定试点城市"


def test_a_question_asking_for_the_body_is_no_question_of_an_agencys_duties(linker):
    env = "https://w3id.org/nikg/id/agency/env"
    assert _responsibilities(linker).duties_of("哪个部门负责确定试点城市？", [env], "zh", lambda evidence: True) is None
    assert _responsibilities(linker).duties_of("生态环境部负责哪些任务？", [], "zh", lambda evidence: True) is None


def test_an_english_answer_names_a_chinese_only_agency_by_its_machine_label_and_keeps_the_value(linker):
    text, statements = _responsibilities(linker).answer("Who leads 确定试点城市?", "en", lambda evidence: True)
    assert text.startswith("Ministry of Ecology and Environment (生态环境部) leads: 确定试点城市")
    assert statements[0].value == "生态环境部"  # the lead's own label (who leads: the lead alone; the text names the rest)


def test_an_agencys_long_list_names_ten_items_and_counts_the_rest(linker):
    rows = "".join(f'<https://w3id.org/nikg/id/task/t{i:02d}> skos:prefLabel "任务{i:02d}"@zh ; '
                   f'nikg:leadAgency <https://w3id.org/nikg/id/agency/env> ; '
                   f'nikg:responsibleAgency <https://w3id.org/nikg/id/agency/env> .\n' for i in range(12))
    store = ox.Store()
    store.load((TTL + rows).encode("utf-8"), ox.RdfFormat.TURTLE)
    text, statements = Responsibilities(store, linker.tokenizer).duties_of(
        "生态环境部牵头哪些工作？", ["https://w3id.org/nikg/id/agency/env"], "zh", lambda evidence: True)
    assert text.endswith("；任务08等13项。") and text.count("；") == 9  # 13: 确定试点城市 and the 12
    assert len(statements[0].value.split("; ")) == 13



def test_responsibility_for_an_act_no_item_states_is_not_answered(linker):
    """哪个部门负责解释试点城市实施方案: no item states 解释, so the body responsible for another part is no answer."""
    responsibilities = _responsibilities(linker)
    assert responsibilities.answer("试点城市实施方案由哪个部门负责解释", "zh", lambda evidence: True) is None
    text, _ = responsibilities.answer("哪个部门负责制定实施方案", "zh", lambda evidence: True)  # 制定: the item states it
    assert text == "制定实施方案由试点城市人民政府牵头。"


def test_a_question_for_the_supporting_bodies_gets_those_beside_the_lead(linker):
    answer = _responsibilities(linker).answer
    text, statements = answer("确定试点城市的配合单位是哪些？", "zh", lambda evidence: True)
    assert text == "确定试点城市由生态环境部牵头，住房城乡建设部参与。" and statements[0].value == "住房城乡建设部"
    assert answer("制定实施方案的配合单位是哪些？", "zh", lambda evidence: True) is None  # the lead alone: none supports
    _, statements = answer("Which body supports 确定试点城市?", "en", lambda evidence: True)
    assert statements[0].value == "住房城乡建设部"
