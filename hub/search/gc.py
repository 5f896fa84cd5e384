"""Pausing Python's cyclic garbage collector while a query walks its matches.

A pass over 40,000 matches allocates 40,000 rows that die together a moment later by
reference counting. Every 700 allocations start a collection, and every few of those
a full one over the whole process (the app, SQLAlchemy, caches): on the search
benchmark that doubled the time of the slowest queries. The rows hold no cycles, so
nothing is lost by collecting later. Threads of one worker share the collector: a
counter keeps it paused until the last of them is done, and it is turned back on
only if it was on before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"paused": 0, "was_enabled": False}


@contextmanager
def gc_paused() -> Iterator[None]:
    with _lock:
        if _state["paused"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["paused"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["paused"] -= 1
            if _state["paused"] == 0 and _state["was_enabled"]:
                gc.enable()
