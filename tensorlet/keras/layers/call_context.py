"""The Keras call context: what an outer layer call tells the layers it calls.

A model called with `training=True` must reach the Dropout and BatchNormalization layers nested
inside it, even when the user's `call()` does not pass `training` on (A8.6, A12.8). Each outer
`Layer.__call__` opens a context holding the resolved `training` value; nested calls without an
explicit `training` argument read it. The outermost call also resets the `add_loss` losses of
every layer it reaches (A10.1).
"""

from __future__ import annotations

import itertools
import threading

__all__ = ["CallContext", "current", "enter", "leave", "new_call_id"]

_call_ids = itertools.count(1)


def new_call_id() -> int:
    """A fresh id for an outermost call."""
    return next(_call_ids)


class CallContext:
    """One active layer call: its `training` flag, whether it is symbolic, and the outermost
    layer of the call with the call's id (to know which losses are stale)."""

    __slots__ = ("training", "symbolic", "outer", "call_id")

    def __init__(self, training, symbolic: bool, outer, call_id: int) -> None:
        self.training = training
        self.symbolic = symbolic
        self.outer = outer
        self.call_id = call_id


class _Stack(threading.local):
    def __init__(self) -> None:
        self.contexts: list = []


_stack = _Stack()


def current() -> CallContext | None:
    """The innermost active call context (None outside any layer call)."""
    contexts = _stack.contexts
    return contexts[-1] if contexts else None


def enter(context: CallContext) -> None:
    _stack.contexts.append(context)


def leave() -> None:
    _stack.contexts.pop()
