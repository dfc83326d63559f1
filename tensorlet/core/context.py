"""Execution context: whether a graph is being traced, and which gradient tapes are recording.

This is, with the op registry, the only global mutable state of tensorlet. It is thread-local
like TensorFlow's eager context, and every context manager restores it in a `finally` block.
"""

from __future__ import annotations

import threading

__all__ = ["state", "executing_eagerly", "debug_checks_enabled", "set_debug_checks",
           "set_numpy_read_hook", "note_numpy_read"]


class _State(threading.local):
    def __init__(self) -> None:
        # The graph builder that receives ops while a function is traced (None: eager).
        self.builder = None
        # Active gradient tapes, outermost first.
        self.tapes: list = []


state = _State()

_debug = {"checks": False}
_hooks: dict = {"numpy_read": None}


def set_numpy_read_hook(hook) -> None:
    """Installs `hook(x)`, called when a value leaves tensorlet (`.numpy()`, `np.asarray`) while
    a tape records; autodiff uses it to explain broken gradient paths (C13)."""
    _hooks["numpy_read"] = hook


def note_numpy_read(x) -> None:
    hook = _hooks["numpy_read"]
    if hook is not None:
        hook(x)


def executing_eagerly() -> bool:
    """True unless a function is being traced into a graph.

    Example:
        >>> import tensorlet as tf
        >>> tf.executing_eagerly()
        True
    """
    return state.builder is None


def debug_checks_enabled() -> bool:
    return _debug["checks"]


def set_debug_checks(enabled: bool) -> None:
    """In debug mode every eager op also checks its shape rule against its kernel's output."""
    _debug["checks"] = bool(enabled)
