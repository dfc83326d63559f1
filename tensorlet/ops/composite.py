"""Composite ops: softmax, gelu, moments, ... written with public tensorlet ops only.

They have no registry entry: their gradients, tracing and export come from the primitives they
are made of. Each is written in a numerically stable form (shifted exponentials, `softplus`
rather than `log(1 + exp(x))`), the same forms TF uses.
"""

from __future__ import annotations

import math

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.errors import InvalidArgumentError
from . import array as array_ops
from . import array_shape as shape_ops
from . import gradient_ops
from . import math as math_ops
from . import nn as nn_ops
from . import reduce as reduce_ops

__all__ = ["softmax", "log_softmax", "gelu", "silu", "swish", "moments", "l2_normalize",
           "log_sigmoid", "sigmoid_cross_entropy_with_logits"]

_SQRT_HALF = 1 / math.sqrt(2)
_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


def as_tensor(x, dtype_hint=None):
    """`x` itself when it is a tensor or variable (so tapes see it), else a new tensor."""
    return x if is_tensor_like(x) else convert_to_tensor(x, dtype_hint=dtype_hint)


def require_float(x, op: str, tf_name: str) -> None:
    """TF's error for a non-float input of an op whose kernel takes half, float and double."""
    if x.dtype not in dtypes.FLOATS:
        raise InvalidArgumentError(
            None, None, f"Value for attr 'T' of {x.dtype.name} is not in the list of allowed "
            f"values: half, float, double [Op:{tf_name}]\n{op}: got a {x.dtype.name} tensor; "
            f"expected float16, float32 or float64 (use tf.cast)")


def softmax_axis(x, axis, op: str) -> int:
    """`axis` (None: the last) as a non-negative int; TF's errors for rank 0 or out of range."""
    rank = x.shape.rank
    if rank == 0:
        raise InvalidArgumentError(None, None, f"{op}: logits must have >= 1 dimension, got []")
    axis = -1 if axis is None else int(axis)
    if rank is None:
        return axis
    if not -rank <= axis < rank:
        raise InvalidArgumentError(
            None, None, f"`dim` must be in the range [-{rank}, {rank}) where {rank} is the "
            f"number of dimensions in the input. Received: dim={axis} ({op})")
    return axis % rank


def _shifted(x, axis: int):
    """`x - max(x, axis)`: exponentials of it cannot overflow. The max is a constant for
    gradients (softmax does not change when all logits move together)."""
    top = gradient_ops.stop_gradient(reduce_ops.reduce_max(x, axis=axis, keepdims=True))
    return math_ops.subtract(x, top)


def softmax(logits, axis=None, name=None):
    """Returns `exp(logits) / reduce_sum(exp(logits), axis)`, stable for large logits.

    Args:
        logits: a float tensor of rank >= 1.
        axis: the class axis (default: the last).
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for a scalar, a non-float dtype or an axis out of range.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.softmax(tf.constant([1000., 1000.])).numpy()
        array([0.5, 0.5], dtype=float32)
    """
    x = as_tensor(logits)
    require_float(x, "softmax", "Softmax")
    axis = softmax_axis(x, axis, "softmax")
    e = math_ops.exp(_shifted(x, axis))
    return math_ops.divide(e, reduce_ops.reduce_sum(e, axis=axis, keepdims=True))


def log_softmax(logits, axis=None, name=None):
    """Returns `logits - log(reduce_sum(exp(logits), axis))`, stable for large logits.

    Args:
        logits: a float tensor of rank >= 1.
        axis: the class axis (default: the last).
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for a scalar, a non-float dtype or an axis out of range.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.log_softmax(tf.constant([1000., 0.])).numpy()
        array([    0., -1000.], dtype=float32)
    """
    x = as_tensor(logits)
    require_float(x, "log_softmax", "LogSoftmax")
    axis = softmax_axis(x, axis, "log_softmax")
    shifted = _shifted(x, axis)
    total = reduce_ops.reduce_sum(math_ops.exp(shifted), axis=axis, keepdims=True)
    return math_ops.subtract(shifted, math_ops.log(total))


def gelu(features, approximate=False, name=None):
    """Gaussian error linear unit: `x * P(X <= x)` for a standard normal X.

    Args:
        features: a float tensor.
        approximate: use the tanh approximation
            `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))` instead of the exact erf form.
        name: ignored in eager mode.

    Raises:
        ValueError: for a non-float dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.gelu(tf.constant([0., 1.])).numpy()
        array([0.       , 0.8413447], dtype=float32)
    """
    x = as_tensor(features)
    if not x.dtype.is_floating:
        raise ValueError(f"`features.dtype` must be a floating point tensor.Received:"
                         f"features.dtype={x.dtype!r}")
    if approximate:
        cubic = math_ops.add(x, math_ops.multiply(0.044715, x * x * x))
        inner = math_ops.tanh(math_ops.multiply(_SQRT_2_OVER_PI, cubic))
    else:
        inner = math_ops.erf(math_ops.multiply(x, _SQRT_HALF))
    return math_ops.multiply(math_ops.multiply(0.5, x), math_ops.add(1.0, inner))


def silu(features, beta=1.0):
    """Sigmoid linear unit (swish): `features * sigmoid(beta * features)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.silu(tf.constant([0., 2.])).numpy().round(4)
        array([0.    , 1.7616], dtype=float32)
    """
    x = as_tensor(features)
    scaled = x if isinstance(beta, (int, float)) and beta == 1 else math_ops.multiply(beta, x)
    return math_ops.multiply(x, math_ops.sigmoid(scaled))


swish = silu


def moments(x, axes, shift=None, keepdims=False, name=None):
    """Returns the mean and variance of `x` over `axes`.

    float16 inputs are reduced in float32 and the results rounded back, as TF does.

    Args:
        x: a numeric tensor.
        axes: an int or a list of ints: the axes to reduce.
        shift: unused (kept for TF compatibility).
        keepdims: keep the reduced axes with length 1.
        name: ignored in eager mode.

    Returns:
        `(mean, variance)`, two tensors of `x`'s dtype.

    Example:
        >>> import tensorlet as tf
        >>> mean, variance = tf.nn.moments(tf.constant([[1., 2.], [3., 5.]]), axes=[0])
        >>> mean.numpy(), variance.numpy()
        (array([2. , 3.5], dtype=float32), array([1.  , 2.25], dtype=float32))
    """
    x = as_tensor(x)
    y = math_ops.cast(x, dtypes.float32) if x.dtype is dtypes.float16 else x
    axes = _axes_list(axes, x.shape.rank)
    mean = reduce_ops.reduce_mean(y, axis=axes, keepdims=True)
    centered = math_ops.squared_difference(y, mean)
    variance = reduce_ops.reduce_mean(centered, axis=axes, keepdims=True)
    if not keepdims and axes:
        mean = shape_ops.squeeze(mean, axis=axes)
        variance = shape_ops.squeeze(variance, axis=axes)
    if y is not x:
        return math_ops.cast(mean, x.dtype), math_ops.cast(variance, x.dtype)
    return mean, variance


def _axes_list(axes, rank) -> list:
    """The user's axes (int, list or 1-D tensor) as a list of ints, non-negative if the rank
    is known (out-of-range axes are left to the reduction, which names them)."""
    value = getattr(axes, "_value", axes)
    if hasattr(value, "tolist"):
        value = value.tolist()
    items = [value] if isinstance(value, int) else list(value)
    axes = [int(a) for a in items]
    if rank is not None and all(-rank <= a < rank for a in axes):
        return [a % rank for a in axes]
    return axes


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """Returns `x / sqrt(max(reduce_sum(x**2, axis), epsilon))`.

    Args:
        x: a float or complex tensor.
        axis: the axis or axes to normalize along (None: all); `dim` is its old name.
        epsilon: the lower bound of the squared norm (avoids dividing by zero).
        name: ignored in eager mode.
        dim: deprecated alias of `axis`.

    Raises:
        TypeError: for an integer tensor (epsilon cannot be converted to it).

    Example:
        >>> import tensorlet as tf
        >>> tf.math.l2_normalize(tf.constant([3., 4.])).numpy()
        array([0.6, 0.8], dtype=float32)
    """
    x = as_tensor(x)
    axis = dim if axis is None else axis
    if not (x.dtype.is_floating or x.dtype.is_complex):
        raise TypeError(f"Cannot convert {epsilon!r} to EagerTensor of dtype {x.dtype.name} "
                        f"(l2_normalize takes float or complex tensors)")
    if x.dtype.is_complex:
        square = math_ops.add(math_ops.square(math_ops.real(x)),
                              math_ops.square(math_ops.imag(x)))
    else:
        square = math_ops.square(x)
    total = reduce_ops.reduce_sum(square, axis=axis, keepdims=True)
    inverse = math_ops.rsqrt(math_ops.maximum(total, epsilon))
    if x.dtype.is_complex:
        inverse = math_ops.cast(inverse, x.dtype)
    return math_ops.multiply(x, inverse)


def log_sigmoid(x, name=None):
    """Returns `log(sigmoid(x))`, computed as `-softplus(-x)` so it stays finite.

    Example:
        >>> import tensorlet as tf
        >>> float(tf.math.log_sigmoid(tf.constant(-1000.)))
        -1000.0
    """
    x = as_tensor(x)
    return math_ops.negative(nn_ops.softplus(math_ops.negative(x)))


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """Binary cross-entropy of `sigmoid(logits)` against `labels`, elementwise.

    Computed as TF does, `max(x, 0) - x * z + log(1 + exp(-abs(x)))`, which never overflows;
    the branches are `where` selects, so the gradient at `x = 0` is `sigmoid(0) - z`.

    Args:
        labels: a tensor of `logits`' shape and dtype (probabilities of class 1).
        logits: a float tensor.
        name: ignored in eager mode.

    Raises:
        ValueError: when either is missing or their shapes differ.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.sigmoid_cross_entropy_with_logits(labels=[1., 0.], logits=[1000., 0.]).numpy()
        array([0.       , 0.6931472], dtype=float32)
    """
    if labels is None or logits is None:
        raise ValueError(f"Both `labels` and `logits` must be provided for "
                         f"sigmoid_cross_entropy_with_logitsReceived: labels={labels} and "
                         f"logits={logits}")
    logits = as_tensor(logits)
    labels = as_tensor(labels, dtype_hint=logits.dtype)
    if not labels.shape.is_compatible_with(logits.shape):
        raise ValueError(f"`logits` and `labels` must have the same shape, received "
                         f"({logits.shape} vs {labels.shape}).")
    zeros = array_ops.zeros_like(logits)
    positive = math_ops.greater_equal(logits, zeros)
    relu_logits = math_ops.where(positive, logits, zeros)
    neg_abs_logits = math_ops.where(positive, math_ops.negative(logits), logits)
    linear = math_ops.subtract(relu_logits, math_ops.multiply(logits, labels))
    return math_ops.add(linear, math_ops.log1p(math_ops.exp(neg_abs_logits)))
