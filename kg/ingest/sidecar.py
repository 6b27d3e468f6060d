"""The optional ``X.json`` metadata file of a document ``X.*``, validated field by field.

Every problem names the file, the field and the fix. Fields left out (or null) are inferred from the
text by :mod:`.infer`; a ``"published": null`` says the document has no date and is kept. Other fields
(notes, a 文号, provenance) are allowed and not read, unless the name looks like a misspelt field
(``publised``, ``date``, ``url``): that is an error, so a typo never silently drops a value.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path

from ..errors import SourceError

LANGUAGES = ("zh", "en")
FIELDS = ("title", "language", "published", "source_url", "kind", "same_event_as", "authoritative")
_ALIASES = {"date": "published", "issued": "published", "publish_date": "published", "url": "source_url",
            "link": "source_url", "source": "source_url", "lang": "language", "type": "kind"}
_INFER = "or remove the field to infer it from the text"


def _fail(name: str, message: str, hint: str) -> SourceError:
    return SourceError(f"{name}: {message}", hint=hint)


def _text_field(name: str, meta: dict, key: str, fix: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(name, f"field '{key}' must be a string, not {json.dumps(value, ensure_ascii=False)}", fix)
    if not value.strip():
        raise _fail(name, f"field '{key}' is empty", fix)
    return value.strip()


def _published(name: str, value) -> dt.date | None:
    if value is None:
        return None
    try:
        if isinstance(value, str):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise _fail(name, f"field 'published' is {json.dumps(value, ensure_ascii=False)}, not a YYYY-MM-DD date",
                f'write it like "2020-05-07", or null, {_INFER}')


def _same_event_as(name: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(name, f"field 'same_event_as' must be a list of document ids, not {json.dumps(value, ensure_ascii=False)}",
                    'write it like ["004_5322b9490e033bff"]: file names without extension of documents in the folder')
    return tuple(v.strip() for v in value)


def _check_keys(name: str, meta: dict) -> None:
    """Fields nikg does not read are allowed (notes, 文号, provenance ...), except likely misspellings of its own."""
    for key in meta:
        norm = key.lower().replace("-", "_")
        if key in FIELDS or norm == "note" or norm.endswith("_note"):
            continue
        meant = _ALIASES.get(norm) or next(iter(difflib.get_close_matches(norm, FIELDS, n=1, cutoff=0.75)), None)
        if meant:
            raise _fail(name, f"unknown field '{key}'",
                        f"did you mean '{meant}'? nikg reads {', '.join(FIELDS)}; other fields are kept but not read")


def _parse(path: Path) -> dict:
    try:
        meta = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError(f"{path.name} is not UTF-8", hint="save the metadata file as UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path.name} is not valid JSON: {exc}",
                          hint="fix the syntax there, or remove the file to infer title, language and date") from None
    if not isinstance(meta, dict):
        raise SourceError(f"{path.name} must hold a JSON object",
                          hint='write it like {"title": "...", "language": "zh"}')
    return meta


def read_sidecar(path: Path) -> dict:
    """The validated fields ``path`` gives (a null stays None); {} when the file does not exist."""
    if not path.is_file():
        return {}
    name, meta = path.name, _parse(path)
    _check_keys(name, meta)
    language = meta.get("language")
    if language is not None and language not in LANGUAGES:
        raise _fail(name, f"language {language!r} is not supported",
                    f"use one of {', '.join(LANGUAGES)}, {_INFER}")
    authoritative = meta.get("authoritative", False)
    if not isinstance(authoritative, bool):
        raise _fail(name, f"field 'authoritative' must be true or false, not {json.dumps(authoritative, ensure_ascii=False)}",
                    "write true or false without quotes, or remove the field (default false)")
    values = {
        "title": _text_field(name, meta, "title", f"give the document's title, {_INFER}"),
        "language": language,
        "published": _published(name, meta.get("published")),
        "source_url": _text_field(name, meta, "source_url", "give the URL the document was taken from, or null"),
        "kind": _text_field(name, meta, "kind", 'describe the document, e.g. "press release", or null'),
        "same_event_as": _same_event_as(name, meta.get("same_event_as")),
        "authoritative": authoritative,
    }
    return {key: value for key, value in values.items() if key in meta}
