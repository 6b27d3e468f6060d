"""Build step: keep each document's extracted plain text in the build, with where it came from.

Writes ``texts/<document id>.txt`` (UTF-8; the text every passage and evidence offset refers to) and
records in ``build.json`` under ``source_files`` each document's file, format, encoding, the sha256 of
the original file and of the text, its title, language and date, and which of these were inferred.
"""
from __future__ import annotations

TEXTS = "texts"


def keep_texts(ctx) -> None:
    """Write ``ctx.out/texts/<id>.txt`` for every document of ``ctx.documents`` and describe them in ``ctx.info``."""
    folder = ctx.out / TEXTS
    folder.mkdir(exist_ok=True)
    files = []
    for doc in ctx.documents:
        (folder / f"{doc.id}.txt").write_bytes(doc.text.encode("utf-8"))
        files.append({
            "id": doc.id, "file": doc.path.name, "format": doc.format, "encoding": doc.encoding,
            "sha256": doc.source_sha256, "text": f"{TEXTS}/{doc.id}.txt", "text_sha256": doc.sha256,
            "chars": len(doc.text), "title": doc.title, "language": doc.language,
            "published": doc.published.isoformat() if doc.published else None, "inferred": list(doc.inferred),
        })
    ctx.info["source_files"] = files
