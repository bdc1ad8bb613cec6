"""Building large acyclic data quickly: the cyclic garbage collector paused meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic data.

    Loading allocates millions of dicts, lists and strings and frees almost none, which
    makes CPython's collector walk the growing heap again and again (it doubled load
    time at 100,000 posts). Nothing built here forms a cycle, so nothing is lost.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything allocated meanwhile would otherwise sit in the youngest generation,
        # and the first collection after this would walk all of it (0.3 s at 100,000
        # posts), then walk it again as it ages. freeze() and unfreeze() move it to the
        # oldest generation in constant time, without a collection; it stays collectable.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
