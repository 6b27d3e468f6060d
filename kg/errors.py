"""Exceptions raised by the kg package. Routes turn them into HTTP errors."""


class NikgError(Exception):
    """Base of every nikg library error. ``hint`` tells the user what to do.

    ``status`` is the HTTP status the service answers with (one handler in ``service.errors`` turns
    any NikgError into the JSON error body); ``retry_after`` (seconds) becomes a Retry-After header.
    """

    hint: str = ""
    status: int = 400
    retry_after: float | None = None

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base} ({self.hint})" if self.hint else base


class BuildMissing(NikgError):
    """No complete build in the data directory."""

    status = 503
    hint = "run `nikg build` first; `make serve` does it for you"


class BuildCorrupt(NikgError):
    """A build exists but cannot be read."""

    status = 503
    hint = "rebuild with `nikg build`"


class SourceError(NikgError):
    """A source document or its metadata is missing or malformed."""


class QuoteNotFound(SourceError):
    """A curated fact quotes text that is not in its source document."""


class ValidationFailed(NikgError):
    """The graph does not conform to the SHACL shapes."""

    hint = "run `nikg validate` for the full report"

    def __init__(self, message: str, report: str = ""):
        super().__init__(message)
        self.report = report


class QueryError(NikgError):
    """A SPARQL query could not be parsed or evaluated."""


class QueryTimeout(NikgError):
    """A SPARQL query ran past its time limit and was stopped."""

    status = 503
    retry_after = 5
