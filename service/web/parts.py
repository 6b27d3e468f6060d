"""One loaded part of the app's resources by name (``sparql``, ``search``, ``answerer``, ``search_error``).

Resources carry them as attributes (the hardened ``Resources``) or in ``extras`` (the earlier one); pages and
metrics read them through :func:`part` so they work with either.
"""
from __future__ import annotations

from typing import Any


def part(res: Any, name: str) -> Any:
    value = getattr(res, name, None)
    if value is None:
        value = (getattr(res, "extras", None) or {}).get(name)
    return value
