"""Python operators on tensors and variables (`+`, `@`, `[]`, `==`, ...), mapped to public ops.

`core` defines the classes without arithmetic so that it never imports the op families; this
module installs the operators once, when `tensorlet` is imported.
"""

from __future__ import annotations

from ..core import dtypes
from ..core.dispatch import execute
from ..core.tensor import EagerTensor, Tensor
from ..core.variable import Variable
from . import array as array_ops
from . import linalg as linalg_ops
from . import math as math_ops
from . import math_compare, math_unary

__all__ = ["install"]

_LENIENT_SHAPES = {"incompatible_shape_error": False}


def _reflected(fn):
    def op(x, y):
        return fn(y, x)

    return op


def _eq(x, y):
    """`x == y`: elementwise; False for None and for shapes that do not broadcast (TF 2)."""
    if y is None:
        return False
    return execute(math_compare.EQUAL, (x, y), _LENIENT_SHAPES)


def _ne(x, y):
    if y is None:
        return True
    return execute(math_compare.NOT_EQUAL, (x, y), _LENIENT_SHAPES)


def _is_bool(x) -> bool:
    return getattr(x, "dtype", None) is dtypes.bool


def _and(x, y):
    """`&`: logical on bool tensors, bitwise on integers (as TF)."""
    if _is_bool(x) or _is_bool(y):
        return math_compare.logical_and(x, y)
    return math_compare.bitwise_and(x, y)


def _or(x, y):
    if _is_bool(x) or _is_bool(y):
        return math_compare.logical_or(x, y)
    return math_compare.bitwise_or(x, y)


def _xor(x, y):
    if _is_bool(x) or _is_bool(y):
        return math_compare.logical_xor(x, y)
    return math_compare.bitwise_xor(x, y)


def _invert(x):
    if _is_bool(x):
        return math_compare.logical_not(x)
    return math_compare.invert(x)


# operator name -> the public op it calls; each also gets its reflected `__r<name>__`
_BINARY = {
    "add": math_ops.add, "sub": math_ops.subtract, "mul": math_ops.multiply,
    "truediv": math_ops.truediv, "floordiv": math_ops.floordiv, "mod": math_ops.floormod,
    "pow": math_ops.pow,
    "matmul": linalg_ops._plain_matmul, "and": _and, "or": _or, "xor": _xor,
}
_UNARY = {"neg": math_ops.negative, "abs": math_unary.abs, "invert": _invert}
_COMPARE = {"lt": math_compare.less, "le": math_compare.less_equal,
            "gt": math_compare.greater, "ge": math_compare.greater_equal, "eq": _eq, "ne": _ne}


def _variable_getitem(v, key):
    result = array_ops.strided_slice_key(v, key)
    if type(result) is EagerTensor:
        # NOTE: the class is switched in place (same memory layout) rather than copied, so a
        # gradient tape that recorded `result` still knows it.
        result.__class__ = _VariableSlice
        result._origin = (v, key)
    return result


class _VariableSlice(EagerTensor):
    """The result of `v[key]`: a tensor that can also write back with `.assign(value)`."""

    __slots__ = ()

    def assign(self, value, use_locking=None, name=None, read_value=True):
        variable, key = self._origin
        variable._assign_slice(key, value)
        return variable if read_value else None


_VariableSlice.__name__ = _VariableSlice.__qualname__ = "EagerTensor"


def install() -> None:
    """Binds the public ops directly as the operators (no wrapper for `a + b`)."""
    for cls in (Tensor, Variable):
        for dunder, fn in _BINARY.items():
            setattr(cls, f"__{dunder}__", fn)
            setattr(cls, f"__r{dunder}__", _reflected(fn))
        cls.__radd__ = math_ops._radd
        for dunder, fn in {**_UNARY, **_COMPARE}.items():
            setattr(cls, f"__{dunder}__", fn)
    Tensor.__getitem__ = array_ops.strided_slice_key
    Variable.__getitem__ = _variable_getitem
