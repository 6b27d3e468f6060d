"""nikg.kg: build an evidence-grounded knowledge graph from policy documents."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nikg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
