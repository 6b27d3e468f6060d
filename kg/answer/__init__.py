"""Question answering from the graph's facts and the search passages (see :mod:`.answerer`)."""
from .answerer import Answer, Answerer
from .question import classify

__all__ = ["Answer", "Answerer", "classify"]
