"""Normalising `t[...]` keys: tensors become Python ints, and unsupported keys raise TypeError."""

from __future__ import annotations

import numpy as np

__all__ = ["normalize_key"]


def _scalar_index(x, what: str):
    if x is None:
        return None
    if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
        return int(x)
    value = getattr(x, "_value", None)
    if value is not None and value.ndim == 0 and value.dtype.kind in "iu":
        return int(value)
    raise TypeError(
        f"Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
        f"tf.int32/tf.int64 tensors are valid indices, got {x!r} as {what}"
    )


def normalize_key(key) -> tuple:
    """Returns the key as a tuple of ints, slices of ints, `Ellipsis` and `None`.

    Raises:
        TypeError: for floats, lists, non-scalar tensors and other unsupported keys.
    """
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    for k in key:
        if k is Ellipsis or k is None:
            out.append(k)
        elif isinstance(k, slice):
            out.append(slice(_scalar_index(k.start, "a slice start"),
                             _scalar_index(k.stop, "a slice stop"),
                             _scalar_index(k.step, "a slice step")))
            if out[-1].step == 0:
                raise ValueError("slice step cannot be zero")
        else:
            out.append(_scalar_index(k, "an index"))
    if out.count(Ellipsis) > 1:
        raise ValueError("Multiple ellipses in slice spec not allowed")
    return tuple(out)
