"""Reading source documents in the formats users have (.txt, .html, .pdf, .docx) into plain text.

Small interface, one concept per module:

- :mod:`.formats` — :func:`extract` a file into :class:`Extracted` plain text, by its extension;
- :mod:`.encoding` — strict decoding of text bytes (UTF-8, UTF-8/16 with BOM, GBK/GB18030), never a guess;
- :mod:`.sniff` — recognising binary files (images, archives) by their first bytes;
- :mod:`.text`, :mod:`.html`, :mod:`.pdf`, :mod:`.docx` — one reader per format;
- :mod:`.sidecar` — the optional ``X.json`` metadata file, validated field by field;
- :mod:`.infer` — title, language and date of issue inferred from the text when the sidecar is silent;
- :mod:`.keep` — the build step that keeps each document's extracted text in the build folder.

Every problem with one file is a :class:`kg.errors.SourceError` naming the file and the fix.
Nothing here imports :mod:`kg.documents`, which builds :class:`~kg.documents.Document` from these parts.
"""
