"""Semantic search inside SPARQL through the real app: nikg:entity ranks entities by their OWN texts."""
from __future__ import annotations

CHARGING = "https://w3id.org/nikg/id/task/new-terminal-charging-piles"

TASKS_BY_SIMILARITY = """SELECT ?task ?label ?score WHERE {
  SERVICE nikg:search { [] nikg:query "%s" ; nikg:entity ?task ; nikg:score ?score ; nikg:k 200 }
  ?action skos:prefLabel "新终端"@zh ; nikg:hasTask ?task .
  ?task skos:prefLabel ?label . FILTER(LANG(?label) = "en")
} ORDER BY DESC(?score)"""


def test_tasks_of_new_terminal_closest_to_ev_charging_put_the_charging_pile_task_first(client):
    r = client.get("/sparql", params={"query": TASKS_BY_SIMILARITY % "electric vehicle charging"})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert len(rows) == 10  # every task of 新终端, each with its own score
    scores = [float(row["score"]["value"]) for row in rows]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1]  # no tie at the top
    assert rows[0]["task"]["value"] == CHARGING


def test_entity_search_works_in_chinese_and_for_another_task(client):
    rows = client.get("/sparql", params={"query": TASKS_BY_SIMILARITY % "电动汽车充电"}).json()["results"]["bindings"]
    assert rows[0]["task"]["value"] == CHARGING
    rows = client.get("/sparql", params={"query": TASKS_BY_SIMILARITY % "finding a parking space"}).json()
    assert rows["results"]["bindings"][0]["task"]["value"].endswith("/task/new-terminal-public-parking-platform")


def test_entity_search_binds_the_passages_that_mention_the_entity(client):
    query = """SELECT ?e ?p ?rank WHERE {
      SERVICE nikg:search { [] nikg:query "electric vehicle charging" ; nikg:entity ?e ; nikg:passage ?p ;
                            nikg:rank ?rank ; nikg:k 3 ; nikg:lang "zh" }
      ?p dcterms:language ?lang .
    } ORDER BY ?rank"""
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert rows and {int(row["rank"]["value"]) for row in rows} <= {1, 2, 3}
    assert all("/passage/000_" in row["p"]["value"] for row in rows)  # the zh document's passages only
    assert any(row["e"]["value"] == CHARGING for row in rows)


def test_search_block_without_passage_or_entity_is_a_400_naming_both(client):
    query = 'SELECT * WHERE { SERVICE nikg:search { [] nikg:query "charging" ; nikg:score ?s } }'
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400
    assert "nikg:passage" in r.json()["detail"] and "nikg:entity" in r.json()["detail"]
