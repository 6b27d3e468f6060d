"""Exceptions of the search index. Routes and commands turn them into HTTP errors / messages."""
from kg.errors import NikgError


class SearchIndexError(NikgError):
    """Base of the index package's errors: the index cannot serve (503) unless a subclass says otherwise."""

    status = 503

class IndexMissing(SearchIndexError):
    """The build has no (complete) search index folder."""

    hint = "rebuild with `nikg build`"


class IndexCorrupt(SearchIndexError):
    """The index folder exists but a file in it is unreadable or inconsistent."""

    hint = "rebuild with `nikg build`"


class EncoderMismatch(SearchIndexError):
    """The index was built with another encoder (name or dimension) than the one configured."""

    hint = "set NIKG_ENCODER to the encoder the index was built with, or rebuild with `nikg build`"


class EncoderUnavailable(SearchIndexError):
    """The configured encoder cannot be loaded (unknown name, missing model folder, no network)."""

    hint = "set NIKG_ENCODER to 'use-m3' or 'st:<local model folder>'"


class BadQuery(SearchIndexError):
    """A search request the index cannot answer as asked (empty text, unknown mode or language)."""

    status = 422


class EncoderFailed(SearchIndexError):
    """An encoder process ended while it encoded a request (it is replaced; the request is not retried)."""

    retry_after = 1
    hint = "the encoder process has been replaced; retry"


class EncoderTimeout(SearchIndexError):
    """No encoder process answered in time (all busy, starting, or stuck; a stuck one is replaced)."""

    retry_after = 2
    hint = "retry shortly; if it persists, raise NIKG_ENCODER_TIMEOUT or NIKG_ENCODER_PROCESSES"
class VectorStoreUnavailable(SearchIndexError):
    """The vector store cannot be reached (a Milvus server down, a milvus-lite folder another process holds)."""

    hint = "check NIKG_VECTOR_MILVUS_URI and that the Milvus server is up, or rebuild with NIKG_VECTOR_STORE=auto"
