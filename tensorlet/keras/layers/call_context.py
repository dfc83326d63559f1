"""The Keras call context: what an outer layer call tells the layers it calls.

A model called with `training=True` must reach the Dropout and BatchNormalization layers nested
inside it, even when the user's `call()` does not pass `training` on (A8.6, A12.8). Each outer
`Layer.__call__` opens a context holding the resolved `training` value; nested calls without an
explicit `training` argument read it. The outermost call also resets the `add_loss` losses of
every layer it reaches (A10.1).
"""

from __future__ import annotations

import threading

__all__ = ["CallContext", "current", "enter", "leave"]


class CallContext:
    """One active outer call: its `training` flag and whether it is symbolic."""

    __slots__ = ("training", "symbolic")

    def __init__(self, training, symbolic: bool) -> None:
        self.training = training
        self.symbolic = symbolic


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
