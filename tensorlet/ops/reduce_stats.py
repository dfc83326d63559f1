"""Statistical reductions: reduce_logsumexp, reduce_variance and reduce_std."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.registry import REDUCE, def_op
from . import math as math_ops
from .reduce import (
    ACCUMULATE_IN_FLOAT64,
    axes_attr,
    contiguous,
    keep_dims,
    reduce_infer,
    reduce_mean,
    reduction_axes,
)

__all__ = ["reduce_logsumexp", "reduce_variance", "reduce_std"]


def _logsumexp_kernel(x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.ndim)
    xd = contiguous(x)
    if x.dtype in ACCUMULATE_IN_FLOAT64:
        xd = xd.astype(np.float64)
    # NOTE: shifting by the (finite) maximum keeps exp() in range; an all -inf or empty slice
    # gives -inf and a +inf element gives +inf, as TF.
    top = np.maximum.reduce(xd, axis=axes, keepdims=True, initial=-np.inf)
    top = np.where(np.isfinite(top), top, 0)
    total = np.add.reduce(np.exp(xd - top), axis=axes, keepdims=True)
    out = np.log(total) + top
    if not keepdims:
        out = np.squeeze(out, axis=axes)
    return out.astype(x.dtype)


def _logsumexp_grad(g, y, x, axis=None, keepdims=False):
    axes = reduction_axes(axis, x.shape.rank)
    weights = math_ops.exp(math_ops.subtract(x, keep_dims(y, x, axes, keepdims)))
    return (math_ops.multiply(keep_dims(g, x, axes, keepdims), weights),)


REDUCE_LOGSUMEXP = def_op(
    "reduce_logsumexp", tf_name="ReduceLogSumExp", kernel=_logsumexp_kernel,
    infer=reduce_infer("reduce_logsumexp"), grad=_logsumexp_grad, traits=REDUCE,
    attrs={"axis": None, "keepdims": False}, dtype_group=(0,), allowed=dtypes.FLOATS,
    quiet=True,
)


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """`log(sum(exp(x)))` along `axis`, computed stably (no overflow for large inputs).

    Args:
        input_tensor: a float tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A tensor of the input's dtype (-inf for an empty reduction).

    Raises:
        InvalidArgumentError: for a bad axis or a non-float input.

    Example:
        >>> import tensorlet as tf
        >>> tf.reduce_logsumexp(tf.constant([1000., 1000.])).numpy()
        np.float32(1000.6932)
    """
    attrs = {"axis": axes_attr(axis), "keepdims": bool(keepdims)}
    return execute(REDUCE_LOGSUMEXP, (input_tensor,), attrs, name=name)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """The (population) variance along `axis`: the mean of squared deviations from the mean.

    Args:
        input_tensor: a float or complex tensor (a complex one gives a real variance).
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A float tensor.

    Raises:
        TypeError: for an integer input.
        InvalidArgumentError: for a bad axis, or a bool or string input.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.reduce_variance(tf.constant([[1., 2.], [3., 4.]]), axis=0).numpy()
        array([1., 1.], dtype=float32)
    """
    x = input_tensor if is_tensor_like(input_tensor) else convert_to_tensor(input_tensor)
    means = reduce_mean(x, axis=axis, keepdims=True)
    if x.dtype.is_integer:
        raise TypeError(f"Input must be either real or complex. Received integer type "
                        f"{x.dtype}.")
    diff = math_ops.subtract(x, means)
    if x.dtype.is_complex:
        squares = math_ops.real(math_ops.multiply(diff, math_ops.conj(diff)))
    else:
        squares = math_ops.multiply(diff, diff)
    return reduce_mean(squares, axis=axis, keepdims=keepdims, name=name)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """The (population) standard deviation along `axis`: the square root of the variance.

    Args:
        input_tensor: a float or complex tensor.
        axis: None, an int, a list of ints or an integer tensor.
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        A float tensor.

    Raises:
        TypeError: for an integer input.
        InvalidArgumentError: for a bad axis, or a bool or string input.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.reduce_std(tf.constant([1., 3.])).numpy()
        np.float32(1.0)
    """
    return math_ops.sqrt(reduce_variance(input_tensor, axis=axis, keepdims=keepdims), name=name)
