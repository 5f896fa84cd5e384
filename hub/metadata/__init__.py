"""Metadata descriptors of published data: Frictionless, CSVW, Fiscal Data Package, OC4IDS."""
