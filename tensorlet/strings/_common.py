"""Shared helpers of `tf.strings`: converting inputs to string tensors, checking attribute
values, and giving ragged results the outer dimensions of their input."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..ragged import factories
from ..ragged.ragged_tensor import RaggedTensor

__all__ = ["strings", "concrete", "nest_rows", "check_choice", "text", "execute",
           "RaggedTensor"]


def strings(x, tf_name: str, index: int = 0):
    """`x` as a string tensor; a tensor of another dtype raises TF's InvalidArgumentError."""
    if not convert.is_tensor_like(x):
        return convert.convert_to_tensor(x, dtypes.string)
    if x.dtype is not dtypes.string:
        raise InvalidArgumentError(
            f"cannot compute {tf_name} as input #{index}(zero-based) was expected to be a "
            f"string tensor but is a {x.dtype.kernel_name} tensor [Op:{tf_name}]\n"
            f"tf.strings: got a {x.dtype.name} tensor where a string tensor is needed; use "
            f"tf.strings.as_string to convert numbers")
    return x


def concrete(t, op: str) -> np.ndarray:
    """The array of an eager tensor; ragged results are built eagerly only."""
    held = getattr(t, "_value", None)
    if held is None:
        raise NotImplementedError(f"tf.strings.{op} returns a RaggedTensor, which tensorlet "
                                  f"builds in eager mode only: call it outside tf.function")
    return held


def nest_rows(rows: RaggedTensor, outer: list):
    """Rows (one per element of an input of shape `outer`) as a RaggedTensor of that shape."""
    result = rows
    for d in reversed(outer[1:]):
        n = result._nrows() // d if d else 0
        splits = (np.arange(n + 1) * d).astype(np.int64)
        result = factories.make(result, splits)
    return result


def check_choice(name: str, value, allowed: tuple, tf_name: str) -> None:
    if value not in allowed:
        listed = ", ".join(f'"{a}"' for a in allowed)
        raise InvalidArgumentError(f"Value for attr '{name}' of \"{value}\" is not in the list "
                                   f"of allowed values: {listed} [Op:{tf_name}]")


def text(value, what: str) -> str:
    """A pattern or separator given as str, bytes or a scalar string tensor, as str."""
    held = getattr(value, "_value", None)
    if held is not None:
        value = held.reshape(()).item() if held.size == 1 else None
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {value!r}")
    return value
