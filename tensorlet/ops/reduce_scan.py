"""Scans and products: cumsum, cumprod and reduce_prod.

Same determinism rule as `reduce.py`: float16/float32 scans and products accumulate in float64
and are rounded once; integer ones stay in their dtype (and wrap around, as TF's do).
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, REDUCE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import math as math_ops
from ._rules import fail
from .reduce import (
    ACCUMULATE_IN_FLOAT64,
    axes_attr,
    contiguous,
    keep_dims,
    reduce_infer,
    reduction_axes,
)

__all__ = ["cumsum", "cumprod", "reduce_prod"]

_F64 = np.dtype(np.float64)


def _accumulator(dtype: np.dtype) -> np.dtype:
    return _F64 if dtype in ACCUMULATE_IN_FLOAT64 else dtype


# --- cumsum and cumprod ----------------------------------------------------------------------

def _scan_axis(axis: int, rank: int) -> int:
    if not -rank <= axis < rank:
        raise ValueError(f"ScanOp: Expected scan axis in the range [{-rank}, {rank}), but got "
                         f"{axis}")
    return axis % rank


def _shift(out: np.ndarray, axis: int, identity) -> np.ndarray:
    """Turns an inclusive scan into an exclusive one: shift by one, start with `identity`."""
    shifted = np.empty_like(out)
    head = [slice(None)] * out.ndim
    head[axis] = slice(0, 1)
    shifted[tuple(head)] = identity
    dst, src = list(head), list(head)
    dst[axis], src[axis] = slice(1, None), slice(0, -1)
    shifted[tuple(dst)] = out[tuple(src)]
    return shifted


def _scan_kernel(ufunc, identity):
    def kernel(x, axis=0, exclusive=False, reverse=False):
        a = _scan_axis(axis, x.ndim)
        if reverse:
            x = np.flip(x, a)
        out = ufunc.accumulate(x, axis=a, dtype=_accumulator(x.dtype))
        if exclusive and out.shape[a]:
            out = _shift(out, a, identity)
        if reverse:
            out = np.flip(out, a)
        return out.astype(x.dtype, copy=False)

    return kernel


def _scan_infer(op: str):
    def infer(x: TensorSpec, axis=0, exclusive=False, reverse=False) -> TensorSpec:
        rank = x.shape.rank
        if rank is not None:
            try:
                _scan_axis(axis, rank)
            except ValueError as e:
                raise fail(op, str(e), x) from None
        return TensorSpec(x.shape, x.dtype)

    return infer


def _cumsum_grad(g, y, x, axis=0, exclusive=False, reverse=False):
    return (cumsum(g, axis, exclusive=exclusive, reverse=not reverse),)


def _cumprod_grad(g, y, x, axis=0, exclusive=False, reverse=False):
    """d/dx_k of the products: the reverse scan of g*y, divided by x_k (inf/NaN at 0, as TF)."""
    total = cumsum(math_ops.multiply(g, y), axis, exclusive=exclusive, reverse=not reverse)
    return (math_ops.divide(total, x),)


_SCAN_ATTRS = {"axis": 0, "exclusive": False, "reverse": False}

CUMSUM = def_op(
    "cumsum", tf_name="Cumsum", kernel=_scan_kernel(np.add, 0), infer=_scan_infer("cumsum"),
    grad=_cumsum_grad, traits=OPAQUE, attrs=_SCAN_ATTRS, dtype_group=(0,),
    allowed=dtypes.NUMERIC, quiet=True,
)
CUMPROD = def_op(
    "cumprod", tf_name="Cumprod", kernel=_scan_kernel(np.multiply, 1),
    infer=_scan_infer("cumprod"), grad=_cumprod_grad, traits=OPAQUE, attrs=_SCAN_ATTRS,
    dtype_group=(0,), allowed=dtypes.NUMERIC, quiet=True,
)


def _scan_attrs(op: str, axis, exclusive, reverse) -> dict:
    axis = axes_attr(axis)
    if not isinstance(axis, int):
        raise InvalidArgumentError(f"ScanOp: axis must be a scalar, not {list(axis)} [Op:{op}]")
    return {"axis": axis, "exclusive": bool(exclusive), "reverse": bool(reverse)}


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """The cumulative sum of `x` along `axis`.

    Args:
        x: a numeric tensor.
        axis: the scan axis (an int or a scalar integer tensor; negative counts from the end).
        exclusive: each output excludes its own element (the first output is 0).
        reverse: scan from the end towards the start.
        name: ignored in eager mode.

    Returns:
        A tensor of the shape and dtype of `x`.

    Raises:
        InvalidArgumentError: for an axis out of range or a list of axes.

    Example:
        >>> import tensorlet as tf
        >>> tf.cumsum(tf.constant([1, 2, 3])).numpy()
        array([1, 3, 6], dtype=int32)
        >>> tf.cumsum(tf.constant([1., 2., 3.]), exclusive=True, reverse=True).numpy()
        array([5., 3., 0.], dtype=float32)
    """
    return execute(CUMSUM, (x,), _scan_attrs("Cumsum", axis, exclusive, reverse), name=name)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """The cumulative product of `x` along `axis`.

    Args:
        x: a numeric tensor.
        axis: the scan axis (an int or a scalar integer tensor; negative counts from the end).
        exclusive: each output excludes its own element (the first output is 1).
        reverse: scan from the end towards the start.
        name: ignored in eager mode.

    Returns:
        A tensor of the shape and dtype of `x`.

    Raises:
        InvalidArgumentError: for an axis out of range or a list of axes.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.cumprod(tf.constant([1., 2., 3.]), exclusive=True).numpy()
        array([1., 1., 2.], dtype=float32)
    """
    return execute(CUMPROD, (x,), _scan_attrs("Cumprod", axis, exclusive, reverse), name=name)


# --- reduce_prod -----------------------------------------------------------------------------

def _prod_kernel(x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.ndim)
    acc = _accumulator(x.dtype)
    out = np.multiply.reduce(contiguous(x), axis=axes, dtype=acc, keepdims=keepdims)
    return out.astype(x.dtype)


def _products_of_others(x, axes: tuple):
    """For each element, the product of the other elements of its reduced block.

    Built from two exclusive cumprods over the flattened block (reduced axes moved last), so
    the result is exact when the block holds zeros, unlike `prod / x`.
    """
    dims = x.shape.as_list()
    others = [i for i in range(len(dims)) if i not in axes]
    perm = others + list(axes)
    moved = perm != sorted(perm)
    xt = array_ops.transpose(x, perm) if moved else x
    block = int(np.prod([dims[a] for a in axes]))
    flat = array_ops.reshape(xt, [dims[i] for i in others] + [block])
    left = cumprod(flat, axis=-1, exclusive=True)
    right = cumprod(flat, axis=-1, exclusive=True, reverse=True)
    part = array_ops.reshape(math_ops.multiply(left, right), [dims[i] for i in perm])
    return array_ops.transpose(part, list(np.argsort(perm))) if moved else part


def _prod_grad(g, y, x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.shape.rank)
    g = keep_dims(g, x, axes, keepdims)
    if not axes:
        return (g,)
    others = _products_of_others(x, axes)
    if others.dtype.is_complex:
        others = math_ops.conj(others)
    return (math_ops.multiply(others, g),)


REDUCE_PROD = def_op(
    "reduce_prod", tf_name="Prod", kernel=_prod_kernel, infer=reduce_infer("reduce_prod"),
    grad=_prod_grad, traits=REDUCE, attrs={"axis": None, "keepdims": False}, dtype_group=(0,),
    allowed=dtypes.NUMERIC, quiet=True,
)


def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    """The product of the elements along `axis` (1 for an empty reduction).

    The gradient is exact when inputs are zero: each element gets the product of the others.

    Args:
        input_tensor: a numeric tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A tensor of the input's dtype.

    Raises:
        InvalidArgumentError: for a bad axis, or a bool or string input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_prod(tf.constant([[1, 2], [3, 4]]), axis=0).numpy()
        array([3, 8], dtype=int32)
    """
    attrs = {"axis": axes_attr(axis), "keepdims": bool(keepdims)}
    return execute(REDUCE_PROD, (input_tensor,), attrs, name=name)
