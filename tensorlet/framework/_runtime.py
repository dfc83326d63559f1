"""Checks that run when a program runs: at once eagerly, and as a stateful node of the plan
inside a `tf.function` (so they run on every call, in program order, not once while tracing)."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.context import state

__all__ = ["run_check", "tracing"]


def tracing() -> bool:
    """True while a `tf.function` is being traced."""
    return state.builder is not None


def run_check(check, tensors: list) -> None:
    """Calls `check(*arrays)` on the values of `tensors`; it raises when the check fails."""
    if not tracing():
        check(*[np.asarray(getattr(t, "_value", t)) for t in tensors])
        return
    from ..ops import python_ops

    def kernel(*arrays):
        check(*arrays)
        return np.zeros((), np.int32)

    kernel.__name__ = getattr(check, "__name__", "check")
    python_ops.numpy_function(kernel, list(tensors), dtypes.int32)
