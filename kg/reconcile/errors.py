"""Errors of the reconciliation library; routes turn them into 4xx JSON."""
from __future__ import annotations

from ..errors import NikgError


class ReconcileError(NikgError):
    """A reconciliation, suggest, preview or extension request cannot be answered as asked."""


class UnknownEntity(ReconcileError):
    """An entity id that the graph does not have."""

    status = 404
    hint = "use an id returned by reconciliation or suggest (e.g. the part after https://w3id.org/nikg/id/)"


class UnknownType(ReconcileError):
    """A type id that no entity of the graph has."""

    hint = "list the types with /reconcile/suggest/type (e.g. Agency, Task, Target)"
