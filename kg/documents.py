"""Source documents: one file each (.txt, .html/.htm, .pdf, .docx) with an optional ``X.json`` sidecar.

A document's ``text`` is its extracted plain text (a ``.txt`` file's exactly as written); passages and
evidence offsets refer to it and the build keeps it (``texts/<id>.txt``). Metadata the sidecar leaves out
is inferred from the text (:mod:`kg.ingest.infer`). Any problem with one file is a :class:`SourceError`
naming the file and the fix; :func:`load_sources` with ``skip_bad`` leaves such files out with a warning.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .errors import SourceError
from .ingest import infer
from .ingest.formats import SUFFIXES, extract, is_document
from .ingest.sidecar import LANGUAGES, read_sidecar
from .linking.langdetect import simplified

__all__ = ["Document", "LANGUAGES", "Loaded", "load_document", "load_documents", "load_sources"]


@dataclass(frozen=True)
class Document:
    """One source document: its extracted plain text and its metadata."""

    id: str  # the file stem; stable across builds
    text: str  # the extracted plain text (a .txt file's text exactly as written)
    title: str
    language: str
    path: Path  # the original file
    published: dt.date | None = None
    source_url: str | None = None
    kind: str | None = None
    same_event_as: tuple[str, ...] = field(default_factory=tuple)
    authoritative: bool = False
    format: str = "txt"  # txt, html, pdf, docx
    encoding: str | None = "utf-8"  # how a text format was decoded; None for pdf/docx
    source_sha256: str = ""  # of the original file's bytes
    inferred: tuple[str, ...] = ()  # metadata fields inferred from the text (no sidecar value)

    @property
    def sha256(self) -> str:
        """Digest of :attr:`text` (UTF-8), the text every offset refers to."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def load_document(path: Path, max_bytes: int | None = None) -> Document:
    """Read one document and its optional sidecar; raise :class:`SourceError` if either is unusable."""
    path = Path(path)
    meta = read_sidecar(path.with_suffix(".json"))
    got = extract(path, max_bytes)
    inferred = {}
    if not meta.get("title"):
        inferred["title"] = infer.title(got.text, got.title)
    if not meta.get("language"):
        inferred["language"] = infer.language(got.text, path.name)
    if "published" not in meta:  # a sidecar's explicit "published": null means "no date", not "infer one"
        inferred["published"] = infer.issued(got.text)
    values = {**meta, **inferred}
    title = simplified(values["title"] or "") or values["title"]  # read as the text is (國務院 -> 国务院)
    return Document(
        id=path.stem, text=got.text, title=title, language=values["language"], path=path,
        published=values["published"], source_url=meta.get("source_url"), kind=meta.get("kind"),
        same_event_as=meta.get("same_event_as", ()), authoritative=meta.get("authoritative", False),
        format=got.format, encoding=got.encoding, source_sha256=got.sha256, inferred=tuple(sorted(inferred)),
    )


@dataclass
class Loaded:
    """The documents of a sources folder and the files left out (``{"file", "reason"}``) with ``skip_bad``."""

    documents: list[Document]
    skipped: list[dict] = field(default_factory=list)


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def _files(folder: Path) -> tuple[list[Path], list[tuple[Path, SourceError]]]:
    """Document files, and errors for files that are neither documents nor their sidecars."""
    visible = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    docs = [p for p in visible if is_document(p)]
    stems = {p.stem for p in docs}
    problems = []
    for p in visible:
        if p.suffix.lower() == ".json" and p.stem not in stems:
            problems.append((p, SourceError(f"{p.name} is metadata for no document",
                                            hint="name it after its document (X.json beside X.txt), or remove it")))
        elif p.suffix.lower() != ".json" and not is_document(p):
            problems.append((p, SourceError(f"{p.name}: format {p.suffix or '(no extension)'} is not supported",
                                            hint=f"convert it to one of {', '.join(SUFFIXES)}, or move it out of {folder}")))
    seen: dict[str, Path] = {}
    for p in docs:
        if p.stem in seen:
            problems.append((p, SourceError(f"{seen[p.stem].name} and {p.name} have the same document id {p.stem!r}",
                                            hint="rename one of them: the file name without extension is the document id")))
        seen[p.stem] = p
    return docs, problems


def _check_links(docs: list[Document], skipped: set[str], folder: Path, skip: Callable) -> list[Document]:
    ids = {d.id for d in docs}
    kept = []
    for doc in docs:
        missing = [i for i in doc.same_event_as if i not in ids and i not in skipped]
        if missing or doc.id in doc.same_event_as:
            bad = missing[0] if missing else doc.id
            why = "which is not a document in the folder" if missing else "the document itself"
            if skip(SourceError(f"{doc.path.with_suffix('.json').name}: field 'same_event_as' names {bad!r}, {why}",
                                hint=f"use ids (file names without extension) of other documents in {folder}, or remove it"),
                    doc.path):
                continue
        gone = [i for i in doc.same_event_as if i in skipped]
        if gone:
            _warn(f"{doc.path.name}: same_event_as {', '.join(gone)} dropped: the document was skipped")
            doc = replace(doc, same_event_as=tuple(i for i in doc.same_event_as if i not in skipped))
        kept.append(doc)
    return kept


def load_sources(folder: Path, skip_bad: bool = False, max_bytes: int | None = None) -> Loaded:
    """Every document of a folder, sorted by file name; with ``skip_bad`` bad files are left out with a warning.

    ``max_bytes`` bounds the size of one source file (a larger one is a bad file)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"sources folder {folder} does not exist",
                          hint=f"pass --sources DIR, a folder of {', '.join(SUFFIXES)} files")
    skipped: list[dict] = []

    def skip(exc: SourceError, path: Path) -> bool:
        if not skip_bad:
            raise exc
        _warn(f"skipped {path.name}: {exc}")
        skipped.append({"file": path.name, "reason": str(exc)})
        return True

    paths, problems = _files(folder)
    for path, exc in problems:
        skip(exc, path)
    bad = {path for path, _ in problems}
    docs = []
    for path in (p for p in paths if p not in bad):
        try:
            docs.append(load_document(path, max_bytes))
        except SourceError as exc:
            skip(exc, path)
    skipped_ids = {Path(s["file"]).stem for s in skipped if is_document(Path(s["file"]))}
    docs = _check_links(docs, skipped_ids, folder, skip)
    if not docs:
        raise SourceError(f"no readable documents in {folder}" if skipped else f"no documents in {folder}",
                          hint=f"add {', '.join(SUFFIXES)} files (a sidecar X.json with title and language is optional)")
    return Loaded(docs, skipped)


def load_documents(folder: Path) -> list[Document]:
    """Every document of a folder, sorted by file name; the first bad file raises :class:`SourceError`."""
    return load_sources(folder).documents
