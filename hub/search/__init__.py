"""Search: one small interface (``hub.search.base``) and its backends.

The default backend is the database's own full-text engine, written in the same
transaction as the data; whoosh is the pure-Python alternative, kept in step through
the change log.
"""
