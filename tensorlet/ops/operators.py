"""Python operators on tensors and variables (`+`, `@`, `[]`, `==`, ...), mapped to public ops.

`core` defines the classes without arithmetic so that it never imports the op families; this
module installs the operators once, when `tensorlet` is imported.
"""

from __future__ import annotations

from ..core.tensor import EagerTensor, Tensor
from ..core.variable import Variable
from . import array as array_ops
from . import linalg as linalg_ops
from . import math as math_ops

__all__ = ["install"]

# operator name -> the public op it calls (looked up in the math module)
_BINARY = {
    "add": "add", "sub": "subtract", "mul": "multiply", "truediv": "truediv",
    "floordiv": "floordiv", "mod": "floormod", "pow": "pow",
    "and": "logical_and", "or": "logical_or", "xor": "logical_xor",
}
_COMPARE = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal"}


def _forward(fn):
    def op(x, y):
        return fn(x, y)

    return op


def _reflected(fn):
    def op(x, y):
        return fn(y, x)

    return op


def _eq(x, y):
    if y is None:
        return False
    try:
        return math_ops.equal(x, y)
    except (TypeError, ValueError):
        return False


def _ne(x, y):
    if y is None:
        return True
    try:
        return math_ops.not_equal(x, y)
    except (TypeError, ValueError):
        return True


def _variable_getitem(v, key):
    result = array_ops.strided_slice_key(v, key)
    if isinstance(result, EagerTensor):
        result = _VariableSlice(result._value, v, key)
    return result


class _VariableSlice(EagerTensor):
    """The result of `v[key]`: a tensor that can also write back with `.assign(value)`."""

    __slots__ = ("_variable", "_key")

    def __init__(self, value, variable, key) -> None:
        self._value = value
        self._variable = variable
        self._key = key

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._variable._assign_slice(self._key, value)


def install() -> None:
    for cls in (Tensor, Variable):
        for dunder, name in _BINARY.items():
            fn = getattr(math_ops, name, None)  # TEMP-BOOTSTRAP
            if fn is None:  # TEMP-BOOTSTRAP
                continue  # TEMP-BOOTSTRAP
            setattr(cls, f"__{dunder}__", _forward(fn))
            setattr(cls, f"__r{dunder}__", _reflected(fn))
        for dunder, name in _COMPARE.items():
            if hasattr(math_ops, name):  # TEMP-BOOTSTRAP
                setattr(cls, f"__{dunder}__", _forward(getattr(math_ops, name)))
        cls.__matmul__ = _forward(linalg_ops.matmul)
        cls.__rmatmul__ = _reflected(linalg_ops.matmul)
        cls.__neg__ = math_ops.negative
        cls.__abs__ = getattr(math_ops, "abs", None)  # TEMP-BOOTSTRAP
        cls.__invert__ = getattr(math_ops, "logical_not", None)  # TEMP-BOOTSTRAP
        cls.__pos__ = lambda x: x
        cls.__eq__ = _eq
        cls.__ne__ = _ne
    Tensor.__getitem__ = array_ops.strided_slice_key
    Variable.__getitem__ = _variable_getitem
