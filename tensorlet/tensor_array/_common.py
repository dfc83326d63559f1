"""What the eager and the traced TensorArray share: value conversion and TF's dtype check."""

from __future__ import annotations

from ..core import dtypes
from ..core.convert import convert_to_tensor
from ..core.errors import InvalidArgumentError
from ..core.tensor import Tensor
from ..core.variable import Variable
from ..ops import array_shape

__all__ = ["as_value", "as_tensor"]


def as_tensor(value, dtype_hint=None):
    """`value` as a tensor; a variable is read through an op, so gradients reach it."""
    if isinstance(value, Variable):
        return array_shape.identity(value)
    if isinstance(value, Tensor):
        return value
    return convert_to_tensor(value, dtype_hint=dtype_hint)


def as_value(value, dtype: dtypes.DType):
    """A value to store in a TensorArray of `dtype` (Python data takes `dtype` if it can).

    Raises:
        InvalidArgumentError: when the value has another dtype (TF's text).
    """
    x = as_tensor(value, dtype)
    if x.dtype is not dtype:
        raise InvalidArgumentError(
            None, None,
            f"TensorArray dtype is {dtype.name} but Op is trying to write dtype {x.dtype.name} ")
    return x
