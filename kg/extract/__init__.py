"""Automatic extraction of entities and relations from policy documents (issue 10). See :mod:`kg.extract.model`."""
