"""Per-document results kept between builds, keyed by content hash: ``<data_dir>/cache/``.

A rebuild after adding one document re-extracts and re-encodes only that document (validation:
:mod:`kg.validate_store`). Layout (readable files only, never pickle)::

    cache/extract/<key>/<doc id>-<text sha256>.json   an Extraction (kg.extract.records format)
    cache/graphs/<key>/<doc id>-<inputs>.json   a document's extraction graph and the lookups it made
                                                (kg.extract.graphcache)
    cache/vectors/<key>/<rows sha1>.npy, .json  a document's passage and clause vectors, and each row's text sha1
    cache/evidence/<key>/<doc id>-<digest>.nt, .json  a document's evidence rows (N-Triples), their sha1 and count
    cache/cedict/<key>/known_stems.json         the English stems CC-CEDICT renders (kg.answer.bilingual)
    cache/labels/<key>/labels.json              each Chinese label's machine-made English or null (kg.machine_labels)
    cache/tokens/<key>/tokens.json              each passage's BM25 tokens and route slack, by text sha1, with the
                                                jieba state they were cut with (index.token_cache)

Each ``<key>`` is a digest of everything that changes the output of its kind, so a change makes a
fresh folder and the old one is removed (:meth:`Cache.folder`):

* extract: the extractor's version and the source of ``kg/extract/*.py`` plus the modules it reads
  (quantities, scope, passages, namespaces), and the tagger setting;
* graphs: the extract key and rdflib's version; a document's file is named by a digest of its text, passages,
  the extractor's version and its partners' IRIs, and holds the answers its lookups got (re-asked when read);
* vectors: the encoder's name (``settings.encoder``) and the source of ``index/chunks.py`` and
  ``index/encoders.py``; the rows themselves are keyed by their texts' sha1;
* cedict: the dictionary's version and ``kg/cedict.py``, ``kg/answer/bilingual.py`` (``known_stems.json``,
  every English stem CC-CEDICT renders, which the start-up tables' glossary needs);
* labels: the dictionary's and jieba's versions, the longest label translated and the translating code
  (:func:`kg.machine_labels.cache_key`);
* tokens: jieba's version and the tokenizing code (``index/tokenize.py``, ``index/numbers.py``,
  ``index/token_cache.py``, ``kg/segment.py``, ``kg/names.py``); a text's tokens are reused only while the words
  whose frequency changed are not in it and jieba's total moved less than half its slack (:mod:`index.token_cache`);
* evidence: ``kg/rdf.py``, ``kg/passages.py``, ``kg/namespaces.py``, ``kg/documents.py`` and rdflib's version;
  a document's files are named by the digest of every field of it and of its passages (:mod:`kg.rdf`);
"""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

CACHE = "cache"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def digest(*parts: str | bytes) -> str:
    """A short sha256 of the parts (texts or bytes), each length-prefixed."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(str(len(data)).encode() + b":" + data)
    return h.hexdigest()[:20]


def source_digest(*paths: str) -> str:
    """Digest of the named files and folders (their ``.py``/``.ttl`` files), relative to the checkout."""
    files: list[Path] = []
    for rel in paths:
        p = PACKAGE_ROOT / rel
        files += sorted(x for x in p.rglob("*") if x.suffix in {".py", ".ttl"}) if p.is_dir() else [p]
    return digest(*(f.relative_to(PACKAGE_ROOT).as_posix().encode() + b"\0" + f.read_bytes()
                    for f in files if f.is_file()))


@dataclass(frozen=True)
class Cache:
    """The cache folder of a data directory (``None`` root: caching off)."""

    root: Path | None

    @classmethod
    def of(cls, settings) -> "Cache":
        return cls(Path(settings.data_dir) / CACHE if getattr(settings, "build_cache", True) else None)

    def folder(self, kind: str, key: str) -> Path | None:
        """``cache/<kind>/<key>/`` (created); folders of other keys of this kind are removed."""
        if self.root is None:
            return None
        base = self.root / kind
        path = base / key
        path.mkdir(parents=True, exist_ok=True)
        for other in base.iterdir():
            if other.is_dir() and other.name != key:
                shutil.rmtree(other, ignore_errors=True)
        return path


__all__ = ["Cache", "CACHE", "digest", "source_digest"]
