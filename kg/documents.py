"""Source documents: a ``.txt`` file and its ``.json`` metadata, side by side in one folder."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Document:
    """One source text, read byte-for-byte, with its metadata."""

    id: str  # the file stem; stable across builds
    text: str  # the original text (UTF-8 decoded, nothing changed)
    title: str
    language: str
    path: Path
    published: dt.date | None = None
    source_url: str | None = None
    kind: str | None = None
    same_event_as: tuple[str, ...] = field(default_factory=tuple)
    authoritative: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _metadata(meta_path: Path) -> dict:
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{meta_path.name} is missing",
                          hint="each document X.txt needs an X.json with title and language") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{meta_path.name} is not valid JSON: {exc}") from None
    for key in ("title", "language"):
        if not meta.get(key):
            raise SourceError(f"{meta_path.name} has no '{key}'", hint="add it to the metadata file")
    if meta["language"] not in LANGUAGES:
        raise SourceError(f"{meta_path.name}: language {meta['language']!r} is not supported",
                          hint=f"use one of {', '.join(LANGUAGES)}")
    return meta


def load_document(txt_path: Path) -> Document:
    """Read one document and its metadata; raise :class:`SourceError` if either is unusable."""
    meta = _metadata(txt_path.with_suffix(".json"))
    try:
        text = txt_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{txt_path.name} is not UTF-8 text: {exc}") from None
    published = meta.get("published")
    try:
        published = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise SourceError(f"{txt_path.name}: published {published!r} is not a YYYY-MM-DD date") from None
    return Document(
        id=txt_path.stem, text=text, title=meta["title"], language=meta["language"], path=txt_path,
        published=published, source_url=meta.get("source_url"), kind=meta.get("kind"),
        same_event_as=tuple(meta.get("same_event_as") or ()),
        authoritative=bool(meta.get("authoritative", False)),
    )


def load_documents(folder: Path) -> list[Document]:
    """Every ``*.txt`` document of a folder, sorted by file name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"sources folder {folder} does not exist", hint="pass --sources DIR with .txt and .json files")
    docs = [load_document(p) for p in sorted(folder.glob("*.txt"))]
    if not docs:
        raise SourceError(f"no .txt documents in {folder}", hint="add X.txt files, each with an X.json metadata file")
    return docs
