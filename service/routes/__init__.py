"""One router per resource. The app includes every router listed in ROUTERS, in order."""
from . import health

ROUTERS = [
    health.router,
]
