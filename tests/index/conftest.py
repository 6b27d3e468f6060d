"""Fixtures of the index tests: the session build's search index, loaded as the service loads it."""
from __future__ import annotations

import pytest

from index.commands import open_index


@pytest.fixture(scope="session")
def search_index(built, build):
    """The real index of the bundled corpus (real USE encoder, faiss, BM25, alignments)."""
    return open_index(built, build)


@pytest.fixture(scope="session")
def use_encoder(search_index):
    return search_index.encoder
