"""Entity linking: mentions of the graph's entities in zh or en text (see :mod:`.linker`)."""
from .langdetect import detect_language
from .linker import DEFAULT_THRESHOLD, Linker, Mention

__all__ = ["DEFAULT_THRESHOLD", "Linker", "Mention", "detect_language"]
