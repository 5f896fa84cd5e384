"""Catalog domain: organizations, datasets, distributions, review, revisions, change log."""
