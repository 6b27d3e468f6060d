"""Benchmarks of nikg, run as ``python -m bench <name>``."""
