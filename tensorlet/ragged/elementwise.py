"""Elementwise math on ragged tensors: `map_flat_values`, the Python operators and the public
math ops (`tf.add(r, 1)`, `tf.math.sqrt(r)`, ...), which reach the functions here through
`tensorlet.core.overrides`.

A dense operand broadcasts against a ragged one as in TF: over the inner dense dimensions
directly, and over the rows when its dimensions that line up with ragged ones are 1.
"""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes, nest, overrides
from ..core.errors import InvalidArgumentError
from ..ops import array as array_ops
from ..ops import array_index, math_cast, math_compare, math_unary, nn
from ..ops import math as math_ops
from .ragged_tensor import RaggedTensor, check_same_partitions

__all__ = ["map_flat_values", "binary", "install"]

_MAP_ERROR = ("tf.ragged.map_flat_values requires that the output of `op` have the same "
              "outer-dimension size as flat_values of any ragged inputs. (output shape: {}; "
              "expected outer dimension size: {})")


def map_flat_values(op, *args, **kwargs):
    """Applies `op` to the flat values of the ragged arguments; keeps their row partitions.

    Args:
        op: a function of tensors returning a tensor with one row per flat value.
        *args: arguments of `op`; RaggedTensors among them (also inside lists, tuples and
            dicts) are replaced by their flat values. They must share their row partitions.
        **kwargs: keyword arguments of `op`, treated as `args`.

    Returns:
        A RaggedTensor with the partitions of the ragged arguments (`op`'s result itself when
        there are none).

    Raises:
        ValueError: when `op` changes the number of flat values.
        InvalidArgumentError: when the ragged arguments have different row partitions.

    Example:
        >>> import tensorlet as tf
        >>> r = tf.ragged.constant([[1., 2.], [3.]])
        >>> tf.ragged.map_flat_values(tf.multiply, r, 10.)
        <tf.RaggedTensor [[10.0, 20.0], [30.0]]>
    """
    leaves = nest.flatten((args, kwargs))
    ragged = [x for x in leaves if isinstance(x, RaggedTensor)]
    if not ragged:
        return op(*args, **kwargs)
    for other in ragged[1:]:
        check_same_partitions("map_flat_values", ragged[0], other)
    flat = [x.flat_values if isinstance(x, RaggedTensor) else x for x in leaves]
    new_args, new_kwargs = nest.pack_sequence_as((args, kwargs), flat)
    out = op(*new_args, **new_kwargs)
    expected = ragged[0].flat_values.shape[0]
    shape = tuple(out.shape.as_list())
    if not shape or shape[0] != expected:
        raise ValueError(_MAP_ERROR.format(shape, expected))
    return ragged[0].with_flat_values(out)


def _broadcast_error(rt: RaggedTensor, y) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"Condition x == y did not hold.\nragged broadcast: a dense operand of shape "
        f"{y.shape} does not broadcast to the ragged shape {rt.shape}: its dimensions that line "
        f"up with ragged dimensions must be 1, and its first dimension 1 or {rt._nrows()}")


def _dense_operand(rt: RaggedTensor, y):
    """`y` as an operand of `rt.flat_values` (Python scalars stay as they are)."""
    if not hasattr(y, "_value"):
        if np.ndim(y) == 0 and not isinstance(y, np.ndarray):
            return y
        y = convert.convert_to_tensor(y, dtype_hint=rt.dtype)
    k, rank = rt.ragged_rank, rt.shape.rank
    if y.shape.rank <= rank - 1 - k:
        return y
    if y.shape.rank > rank:
        raise ValueError(f"ragged broadcast: the dense operand's rank {y.shape.rank} is larger "
                         f"than the ragged tensor's rank {rank}")
    dims = [1] * (rank - y.shape.rank) + y.shape.as_list()
    if any(d != 1 for d in dims[1:1 + k]) or dims[0] not in (1, rt._nrows()):
        raise _broadcast_error(rt, y)
    inner = dims[1 + k:]
    if dims[0] == 1:
        return array_ops.reshape(y, inner) if inner else array_ops.reshape(y, [])
    rows, level = array_ops.reshape(y, [dims[0]] + inner), rt
    while isinstance(level, RaggedTensor):
        rows = array_index.gather(rows, level.value_rowids())
        level = level._values
    return rows


def binary(fn, x, y, name=None):
    """`fn(x, y)` on flat values, where `x` or `y` (or both) is ragged."""
    if isinstance(x, RaggedTensor) and isinstance(y, RaggedTensor):
        check_same_partitions(getattr(fn, "__name__", "op"), x, y)
        return x.with_flat_values(fn(x.flat_values, y.flat_values))
    if isinstance(x, RaggedTensor):
        return x.with_flat_values(fn(x.flat_values, _dense_operand(x, y)))
    return y.with_flat_values(fn(_dense_operand(y, x), y.flat_values))


def _logical(logical, bitwise):
    def op(x, y):
        kind = x if isinstance(x, RaggedTensor) else y
        return logical(x, y) if kind.dtype is dtypes.bool else bitwise(x, y)

    return op


def _invert(x):
    fn = math_compare.logical_not if x.dtype is dtypes.bool else math_compare.invert
    return x.with_flat_values(fn(x.flat_values))


_BINARY = {
    "add": math_ops.add, "sub": math_ops.subtract, "mul": math_ops.multiply,
    "truediv": math_ops.truediv, "floordiv": math_ops.floordiv, "mod": math_ops.floormod,
    "pow": math_ops.pow,
    "and": _logical(math_compare.logical_and, math_compare.bitwise_and),
    "or": _logical(math_compare.logical_or, math_compare.bitwise_or),
    "xor": _logical(math_compare.logical_xor, math_compare.bitwise_xor),
}
_COMPARE = {"lt": math_compare.less, "le": math_compare.less_equal,
            "gt": math_compare.greater, "ge": math_compare.greater_equal}
# Public ops that accept ragged arguments through `overrides`, by the name they register.
_UNARY_OPS = {fn.__name__: fn for fn in (
    math_ops.negative, math_ops.exp, math_ops.log, math_unary.abs, math_unary.sign,
    math_unary.square, math_unary.sqrt, math_unary.rsqrt, math_unary.sin, math_unary.cos,
    math_unary.tan, math_unary.tanh, math_unary.sigmoid, math_unary.round, math_unary.floor,
    math_unary.ceil, math_unary.log1p, math_unary.expm1, math_unary.reciprocal,
    math_compare.logical_not, nn.relu)}
_BINARY_OPS = {fn.__name__: fn for fn in (
    math_ops.add, math_ops.subtract, math_ops.multiply, math_ops.divide, math_ops.truediv,
    math_ops.maximum, math_ops.minimum, math_ops.pow, math_compare.equal,
    math_compare.not_equal, math_compare.less, math_compare.less_equal, math_compare.greater,
    math_compare.greater_equal, math_compare.logical_and, math_compare.logical_or)}


def _operator(fn, reflected: bool):
    if reflected:
        return lambda self, other: binary(fn, other, self)
    return lambda self, other: binary(fn, self, other)


def _equality(fn, if_none: bool):
    def op(self, other):
        return if_none if other is None else binary(fn, self, other)

    return op


def _unhashable(self):
    raise TypeError("RaggedTensor is unhashable.")


def _unary_override(fn):
    return lambda x, name=None: x.with_flat_values(fn(x.flat_values))


def _binary_override(fn):
    return lambda x, y, name=None: binary(fn, x, y)


def _cast(x, dtype, name=None):
    return x.with_flat_values(math_cast.cast(x.flat_values, dtype))


def install() -> None:
    """Adds the Python operators to RaggedTensor and registers the public-op overrides."""
    for dunder, fn in _BINARY.items():
        setattr(RaggedTensor, f"__{dunder}__", _operator(fn, False))
        setattr(RaggedTensor, f"__r{dunder}__", _operator(fn, True))
    for dunder, fn in _COMPARE.items():
        setattr(RaggedTensor, f"__{dunder}__", _operator(fn, False))
    RaggedTensor.__eq__ = _equality(math_compare.equal, False)
    RaggedTensor.__ne__ = _equality(math_compare.not_equal, True)
    RaggedTensor.__hash__ = _unhashable
    RaggedTensor.__neg__ = _unary_override(math_ops.negative)
    RaggedTensor.__abs__ = _unary_override(math_unary.abs)
    RaggedTensor.__invert__ = _invert
    for name, fn in _UNARY_OPS.items():
        overrides.register(name, RaggedTensor, _unary_override(fn))
    for name, fn in _BINARY_OPS.items():
        overrides.register(name, RaggedTensor, _binary_override(fn))
    overrides.register("cast", RaggedTensor, _cast)
