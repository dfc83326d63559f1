"""`tf.autograph`: see and control how `tf.function` converts Python control flow.

Importing this module installs the converter (`tensorlet.graph.autograph`), so `if`, `while`
and `for` on tensors inside a `tf.function` become graph control flow.
"""

from __future__ import annotations

import functools
import logging
import types

from .graph import autograph as _autograph

__all__ = ["to_code", "to_graph", "do_not_convert", "set_verbosity", "trace", "experimental"]

_logger = logging.getLogger("tensorlet")


def to_code(entity, recursive=True, experimental_optional_features=None) -> str:
    """The Python source of `entity` as AutoGraph converts it (A13.14).

    Args:
        entity: a Python function, method or lambda (or a `tf.function`).
        recursive: accepted for compatibility (called functions are converted when called).
        experimental_optional_features: accepted for compatibility.

    Returns:
        The converted source: `def tf__<name>(...)`, readable Python.

    Example:
        >>> import tensorlet as tf
        >>> def f(x):
        ...     if x > 0:
        ...         x = x * 2
        ...     return x
        >>> print(tf.autograph.to_code(f).splitlines()[0])
        def tf__f(x):
    """
    return _autograph.to_code(entity)


def to_graph(entity, recursive=True, experimental_optional_features=None):
    """The converted Python function of `entity` (call it while tracing to stage its control
    flow; eagerly it runs as Python).

    Example:
        >>> import tensorlet as tf
        >>> def f(x):
        ...     return -x if x < 0 else x
        >>> tf.autograph.to_graph(f)(tf.constant(-2.0)).numpy()
        np.float32(2.0)
    """
    return _autograph.convert(entity)


def do_not_convert(func=None):
    """Marks `func` so AutoGraph calls it as it is (usable as a decorator).

    Example:
        >>> import tensorlet as tf
        >>> @tf.autograph.experimental.do_not_convert
        ... def f(x):
        ...     return x
        >>> f(1)
        1
    """
    if func is None:
        return do_not_convert

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    wrapper.__ag_do_not_convert__ = True
    return wrapper


def set_verbosity(level, alsologtostdout=False) -> None:
    """Accepted for compatibility: conversion problems are logged on the `tensorlet` logger."""


def trace(*args) -> None:
    """Prints its arguments while tracing, as TF's `tf.autograph.trace` does."""
    print(*args)


_UNSPECIFIED = object()


def set_loop_options(parallel_iterations=_UNSPECIFIED, swap_memory=_UNSPECIFIED,
                     maximum_iterations=_UNSPECIFIED, shape_invariants=_UNSPECIFIED) -> None:
    """Options of the loop this call stands in, read by AutoGraph (A13.13).

    Placed first in the body of a `for` / `while` loop on tensors inside a `tf.function`,
    `shape_invariants=[(x, tf.TensorShape([None]))]` lets `x` change shape between iterations
    and `maximum_iterations` bounds the loop. Anywhere else it does nothing.

    Example:
        >>> import tensorlet as tf
        >>> @tf.function
        ... def grow(x):
        ...     while tf.size(x) < 8:
        ...         tf.autograph.experimental.set_loop_options(
        ...             shape_invariants=[(x, tf.TensorShape([None]))])
        ...         x = tf.concat([x, x], 0)
        ...     return x
        >>> grow(tf.constant([1])).shape
        TensorShape([8])
    """


experimental = types.SimpleNamespace(do_not_convert=do_not_convert,
                                     set_loop_options=set_loop_options)
