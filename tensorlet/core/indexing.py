"""Normalising `t[...]` keys: tensors become Python ints, and unsupported keys raise TF's errors."""

from __future__ import annotations

import numpy as np

from .errors import InvalidArgumentError

__all__ = ["normalize_key", "check_bounds"]

_VALID = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
          "tf.int32/tf.int64 tensors are valid indices, got {!r}")


def _scalar_index(x):
    if x is None:
        return None
    if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
        return int(x)
    value = getattr(x, "_value", x)
    static = getattr(value, "_static_value", None)
    if static is not None:  # a traced bound fixed by constants and known shapes
        value = static()
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu":
        return int(value)
    raise TypeError(_VALID.format(x))


def normalize_key(key) -> tuple:
    """Returns the key as a tuple of ints, slices of ints, `Ellipsis` and `None`.

    A list key is read as a tuple (`t[[0, 1]]` is `t[0, 1]`), as in TF.

    Raises:
        TypeError: for floats, non-scalar tensors and other unsupported keys.
        ValueError: for a Python bool (TF reads it as a scalar mask).
        InvalidArgumentError: for a zero step or several ellipses.
    """
    if not isinstance(key, (tuple, list)):
        key = (key,)
    out = []
    for i, k in enumerate(key):
        if k is Ellipsis or k is None:
            out.append(k)
        elif isinstance(k, slice):
            step = _scalar_index(k.step)
            if step == 0:
                raise InvalidArgumentError(
                    None, None, f"strides[{i}] must be non-zero [Op:StridedSlice]")
            out.append(slice(_scalar_index(k.start), _scalar_index(k.stop), step))
        elif isinstance(k, (bool, np.bool_)):
            raise ValueError("mask cannot be scalar.")
        else:
            out.append(_scalar_index(k))
    if out.count(Ellipsis) > 1:
        raise InvalidArgumentError(
            None, None, "Multiple ellipses in slice spec not allowed [Op:StridedSlice]")
    return tuple(out)


def check_bounds(shape: tuple, key: tuple) -> None:
    """Raises TF's InvalidArgumentError when a normalized key does not fit `shape`."""
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    if not shape and n_real:
        raise InvalidArgumentError(None, None, "Attempting to slice scalar input. "
                                               "[Op:StridedSlice]")
    if n_real > len(shape):
        raise InvalidArgumentError(
            None, None, f"Index out of range using input dim {len(shape)}; input has only "
            f"{len(shape)} dims [Op:StridedSlice]")
    axis = 0
    for k in key:
        if k is Ellipsis:
            axis += len(shape) - n_real
        elif k is not None:
            if isinstance(k, int) and not -shape[axis] <= k < shape[axis]:
                raise InvalidArgumentError(
                    None, None, f"slice index {k} of dimension {axis} out of bounds. "
                    f"[Op:StridedSlice]")
            axis += 1
