"""Interpreter settings for the hot loops of search: the cyclic garbage collector
paused, and the GIL handed over sooner while a thread prepares batches.

Pausing the collector while a query walks its matches or a bulk index runs:

A pass over 40,000 matches allocates 40,000 rows that die together a moment later by
reference counting. Every 700 allocations start a collection, and every few of those
a full one over the whole process (the app, SQLAlchemy, caches): on the search
benchmark that doubled the time of the slowest queries. The rows hold no cycles, so
nothing is lost by collecting later. Threads of one worker share the collector: a
counter keeps it paused until the last of them is done, and it is turned back on
only if it was on before.

Indexing many batches: a thread prepares the next batch (pure Python, holding the GIL)
while the writer waits on the database. Each time a statement returns, the writer
needs the GIL back, and by default waits up to 5 ms for it: with a dozen statements
per batch that kept the database idle for a fifth of the time. 0.5 ms hands it back
sooner; the previous interval is restored when the last bulk index ends.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"paused": 0, "was_enabled": False}
_handoffs = {"active": 0, "interval": 0.005}
HANDOFF_SECONDS = 0.0005


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


@contextmanager
def gil_handed_over_sooner() -> Iterator[None]:
    with _lock:
        if _handoffs["active"] == 0:
            _handoffs["interval"] = sys.getswitchinterval()
            sys.setswitchinterval(min(HANDOFF_SECONDS, _handoffs["interval"]))
        _handoffs["active"] += 1
    try:
        yield
    finally:
        with _lock:
            _handoffs["active"] -= 1
            if _handoffs["active"] == 0:
                sys.setswitchinterval(_handoffs["interval"])
