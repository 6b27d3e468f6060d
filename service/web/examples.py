"""Example queries offered on the /sparql page (from the README's "Example queries"; the prefixes are
predeclared, so the queries leave them out), plus a CONSTRUCT to show the graph view."""
from __future__ import annotations

EXAMPLES: tuple[dict, ...] = (
    {"title": "The four actions", "query": """SELECT ?action ?zh ?en WHERE {
  ?plan a nikg:ActionPlan ; nikg:hasAction ?action .
  ?action skos:prefLabel ?zh, ?en .
  FILTER(lang(?zh) = "zh" && lang(?en) = "en")
}"""},
    {"title": "Tasks of 新终端", "query": """SELECT ?task ?facility WHERE {
  ?action skos:prefLabel "新终端"@zh ; nikg:hasTask ?t .
  ?t skos:prefLabel ?task ; nikg:involvesFacility ?f .
  ?f skos:prefLabel ?facility .
  FILTER(lang(?task) = "zh" && lang(?facility) = "zh")
}"""},
    {"title": "How many charging piles?", "query": """SELECT ?value ?unit ?comparator ?phrase WHERE {
  ?task nikg:involvesFacility ?f ; nikg:hasTarget ?t .
  ?f skos:prefLabel "电动汽车智能充电桩"@zh .
  ?t nikg:value ?value ; nikg:unit ?unit ; nikg:comparator ?comparator ; nikg:quantityText ?phrase .
}"""},
    {"title": "Who attended on 7 May 2020?", "query": """SELECT ?name ?post ?agency WHERE {
  ?event a nikg:Event ; schema:startDate "2020-05-07"^^xsd:date ; nikg:participant ?person .
  ?person skos:prefLabel ?name ; nikg:holdsPost ?m .
  ?m skos:prefLabel ?post ; org:organization ?a .
  ?a skos:prefLabel ?agency .
  FILTER(lang(?name) = "en" && lang(?post) = "en" && lang(?agency) = "en")
}"""},
    {"title": "Declared vs enumerated counts", "query": """SELECT ?class ?declared (COUNT(DISTINCT ?item) AS ?enumerated) WHERE {
  ?plan nikg:declaredCount ?c . ?c nikg:countOf ?class ; nikg:value ?declared .
  OPTIONAL { ?item a ?class }
} GROUP BY ?class ?declared"""},
    {"title": "Translation discrepancies", "query": """SELECT ?what ?zh ?en ?concerns WHERE {
  ?d a nikg:Discrepancy ; skos:prefLabel ?what ; nikg:reading ?zh, ?en ; nikg:concerns ?concerns .
  FILTER(lang(?what) = "en" && lang(?zh) = "zh" && lang(?en) = "en")
}"""},
    {"title": "Which agency is 市发展改革委?", "query": """SELECT ?agency ?passage ?text WHERE {
  ?agency skos:altLabel "市发展改革委"@zh .
  ?passage nikg:mentions ?agency ; nikg:text ?text .
}"""},
    {"title": "Graph: 新终端 and its tasks (CONSTRUCT)", "view": "graph", "query": """CONSTRUCT {
  ?action nikg:hasTask ?t ; skos:prefLabel ?al .
  ?t nikg:involvesFacility ?f ; skos:prefLabel ?tl .
  ?f skos:prefLabel ?fl .
} WHERE {
  ?action skos:prefLabel "新终端"@zh, ?al ; nikg:hasTask ?t .
  ?t skos:prefLabel ?tl .
  OPTIONAL { ?t nikg:involvesFacility ?f . ?f skos:prefLabel ?fl . FILTER(lang(?fl) = "en") }
  FILTER(lang(?al) = "en" && lang(?tl) = "en")
}"""},
)
