"""One router per resource. The app includes every router listed in ROUTERS, in order."""
from . import health
from . import sparql

ROUTERS = [
    health.router,
    sparql.router,
]
