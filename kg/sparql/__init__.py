"""SPARQL execution for nikg: a pool of killable worker processes, result formats, semantic search.

Light on import (the worker processes import this package): heavy modules load inside functions.
"""
