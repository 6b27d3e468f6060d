"""One router per resource. The app includes every router listed in ROUTERS, in order."""
from . import health
from . import entities, reconcile, reconcile_v1
from . import sparql
from . import store
from . import linked_data
from . import annotate, ask
from . import search
from . import metrics, pages

ROUTERS = [
    search.router,  # first: the busiest route, matched before the others are tried
    health.router,
    entities.router,
    reconcile.router,
    reconcile_v1.router,
    sparql.router,
    store.router,
    annotate.router,
    ask.router,
    linked_data.router,
    metrics.router,
    pages.router,
]
