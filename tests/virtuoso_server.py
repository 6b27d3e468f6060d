"""The remote-backend tests' Virtuoso: :mod:`kg.sparql.virtuoso_local` (shared with ``bench/sparql_scale.py``)."""
from kg.sparql.virtuoso_local import VirtuosoServer, free_port  # noqa: F401 (imported by conftest)

REMOTE_TOKEN = "remote-writer-token"  # the bearer token of the remote-backend test app
