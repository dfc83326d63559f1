"""`tf.config.run_functions_eagerly`: the switch that makes every `tf.function` run eagerly."""

from __future__ import annotations

__all__ = ["run_functions_eagerly", "functions_run_eagerly"]

_mode = {"eager": False}


def run_functions_eagerly(run_eagerly: bool) -> None:
    """When True, calling a `tf.function` runs its Python function eagerly (for debugging).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.graph.run_mode import run_functions_eagerly
        >>> run_functions_eagerly(True)
        >>> tf.function(lambda: tf.executing_eagerly())()
        True
        >>> run_functions_eagerly(False)
    """
    _mode["eager"] = bool(run_eagerly)


def functions_run_eagerly() -> bool:
    """Whether `run_functions_eagerly(True)` is in effect."""
    return _mode["eager"]
