"""`converted_call`: every call in converted code goes through here (at trace time only).

User functions, methods, lambdas and nested `tf.function`s are converted before they are
called (A13.20); library functions and builtins are called as they are, except `len` of a
traced tensor (its first dim, known or computed at run time, as in TF). A `tf.range` on tensor
bounds that a `for` loop iterates over stays lazy (`TensorRange`): the loop counts through it
without building the range.
"""

from __future__ import annotations

from dataclasses import dataclass

from ....ops import array_create, control

__all__ = ["converted_call", "TensorRange"]


@dataclass
class TensorRange:
    """`tf.range(start, limit, delta)` with tensor bounds, iterated by a `for` loop."""

    start: object
    limit: object
    delta: object
    dtype: object


def _range_args(args: tuple, kwargs: dict) -> tuple:
    names = ("start", "limit", "delta", "dtype")
    values = dict(zip(names, args))
    values.update({k: v for k, v in kwargs.items() if k in names})
    if values.get("limit") is None:
        values["start"], values["limit"] = 0, values["start"]
    return values["start"], values["limit"], values.get("delta", 1), values.get("dtype")


def _lazy_range(args: tuple, kwargs: dict):
    if not any(control.is_symbolic(a) for a in (*args, *kwargs.values())):
        return None
    from ....ops import math_cast

    start, limit, delta, dtype = _range_args(args, kwargs)
    bounds = (start, limit, delta)
    if dtype is None:
        kinds = [b.dtype for b in bounds if control.is_symbolic(b)]
        dtype = max(kinds, key=lambda d: (d.is_floating, d.size))
    start, limit, delta = (math_cast.cast(b, dtype) for b in bounds)
    return TensorRange(start, limit, delta, dtype)


def _tensor_len(x):
    """`len(x)` of a traced tensor, as AutoGraph gives it: the first dim when it is known when
    traced, else a scalar tensor computed at run time."""
    from ....ops import array_shape

    rank = x.shape.rank
    if rank == 0:
        raise ValueError(f"len requires a non-scalar tensor, got one of shape {x.shape}")
    if rank is not None and x.shape[0] is not None:
        return x.shape[0]
    return array_shape.shape(x)[0]


def converted_call(f, args: tuple, kwargs=None, iterated: bool = False):
    """Calls `f(*args, **kwargs)`, converting `f` first when it is user code."""
    kwargs = kwargs or {}
    if f is len and len(args) == 1 and not kwargs and control.is_symbolic(args[0]):
        return _tensor_len(args[0])
    if iterated and (f is array_create.range or f is range):
        lazy = _lazy_range(args, kwargs)
        if lazy is not None:
            return lazy
    from .. import conversion

    return conversion.convert(f)(*args, **kwargs)
