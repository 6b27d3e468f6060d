"""Reconciliation of names to the graph's entities (W3C Reconciliation API 0.2 and 1.0-draft).

:class:`Reconciler` is the one object routes need: build it once per loaded build with
``Reconciler.from_store(store, catalogue)``. Matching is in :mod:`.matching`, autocomplete in
:mod:`.suggest`, data extension in :mod:`.extend`, previews in :mod:`.preview`.
"""
from .errors import ReconcileError, UnknownEntity, UnknownType
from .matching import MATCH_MARGIN, MATCH_SCORE, Candidate, Condition, MatchQuery
from .reconciler import Reconciler

__all__ = ["Reconciler", "MatchQuery", "Condition", "Candidate", "MATCH_SCORE", "MATCH_MARGIN",
           "ReconcileError", "UnknownEntity", "UnknownType"]
