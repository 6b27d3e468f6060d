"""Exceptions raised by the kg package. Routes turn them into HTTP errors."""
import contextlib
import errno
import os
import re
from pathlib import Path


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


class BuildFailed(NikgError):
    """A build stopped on an operating-system error (full disk, file size limit, I/O error).

    Nothing was published: the previous build is still the one served.
    """

    hint = "the previous build is still served; fix the cause and run `nikg build` again"

    _DISK = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
             errno.EFBIG: "a file grew past the allowed file size"}

    @classmethod
    def from_os_error(cls, exc: OSError) -> "BuildFailed":
        """One line naming the cause (and the file, when known); a full disk gets its own hint."""
        text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        # RocksDB (the store) sets no errno: its message ends with the system's wording
        code = exc.errno or next((c for c in cls._DISK if os.strerror(c).lower() in text.lower()), None)
        cause = cls._DISK.get(code) or exc.strerror or text
        named = exc.filename or next(iter(re.findall(r"(/[^\s:]+)", text)[-1:]), None)
        where = f" on {Path(named).name}" if named else ""
        hint = None
        if code in (errno.ENOSPC, errno.EDQUOT):
            hint = ("free space in the data folder (or set NIKG_DATA_DIR to a larger disk) and run `nikg build` "
                    "again; the previous build is still served")
        return cls(f"the build failed{where}: {cause}", hint=hint)


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


@contextlib.contextmanager
def naming(path: Path):
    """An OSError while writing ``path`` names it (a failed write() carries no file name)."""
    try:
        yield
    except OSError as exc:
        if exc.filename:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
