"""An :class:`~kg.extract.model.Extraction` as readable JSON, and the per-document cache of a build.

A build keeps ``<build>/extract/<doc-id>-<sha256[:16]>.json`` for every document; the next build
reuses the file of a document whose text (sha) and extractor version are unchanged instead of
extracting it again.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .model import Extraction, Mention, Relation, Span

FORMAT = 1


def _value(v: Any) -> Any:
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    return v


def _unvalue(v: Any) -> Any:
    if isinstance(v, dict) and set(v) == {"date"}:
        return dt.date.fromisoformat(v["date"])
    return v


def to_json(ext: Extraction, version: str) -> dict:
    return {
        "format": FORMAT, "extractor_version": version, "document": ext.document,
        "mentions": [{"kind": m.kind, "label": m.label, "span": [m.span.start, m.span.end], "lang": m.lang,
                      "key": m.key, "extractor": m.extractor, "props": {k: _value(v) for k, v in m.props.items()},
                      "spans": [[s.start, s.end] for s in m.spans]} for m in ext.mentions],
        "relations": [[r.subject, r.predicate, r.object] for r in ext.relations],
    }


def from_json(data: dict) -> Extraction:
    mentions = [Mention(kind=m["kind"], label=m["label"], span=Span(*m["span"]), lang=m["lang"], key=m["key"],
                        extractor=m["extractor"], props={k: _unvalue(v) for k, v in m["props"].items()},
                        spans=[Span(*s) for s in m["spans"]]) for m in data["mentions"]]
    return Extraction(data["document"], mentions, [Relation(*r) for r in data["relations"]])


def cache_name(doc_id: str, sha256: str) -> str:
    return f"{doc_id}-{sha256[:16]}.json"


def load_cached(folder: Path | None, doc_id: str, sha256: str, version: str) -> Extraction | None:
    """The extraction kept by an earlier build for this exact text and extractor version, if any."""
    if folder is None:
        return None
    path = Path(folder) / cache_name(doc_id, sha256)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != FORMAT or data.get("extractor_version") != version:
        return None
    return from_json(data)


def dumps(ext: Extraction, version: str) -> str:
    """The JSON text of an extraction (one line: json's C encoder; ``indent`` made it 5x slower)."""
    return json.dumps(to_json(ext, version), ensure_ascii=False)


def save(folder: Path, doc_id: str, sha256: str, ext: Extraction | str, version: str) -> Path:
    """Write ``ext`` (or its :func:`dumps` text, when already made) as the build's record of the document."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / cache_name(doc_id, sha256)
    path.write_text(ext if isinstance(ext, str) else dumps(ext, version), encoding="utf-8")
    return path


__all__ = ["to_json", "from_json", "dumps", "load_cached", "save", "cache_name"]
