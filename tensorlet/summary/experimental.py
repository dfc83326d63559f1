"""`tf.summary.experimental`: the default step used by summary ops called without `step`."""

from __future__ import annotations

from .writer import state

__all__ = ["get_step", "set_step"]


def set_step(step) -> None:
    """Sets the default step: an int, or a Variable read at each write (`optimizer.iterations`).

    Example:
        >>> import tensorlet.summary as summary
        >>> summary.experimental.set_step(7); summary.experimental.get_step()
        7
        >>> summary.experimental.set_step(None)
    """
    state.step = step


def get_step():
    """The default step set by `set_step` or `as_default(step=...)`, or None.

    Example:
        >>> import tensorlet.summary as summary
        >>> summary.experimental.set_step(None)
        >>> summary.experimental.get_step() is None
        True
    """
    return state.step
