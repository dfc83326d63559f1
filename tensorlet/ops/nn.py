"""Neural-network primitives: the activations with their own kernels, and bias_add.

Each gradient is written with public ops (comparisons and `where` select, as TF's `ReluGrad`,
`EluGrad`...), so it can be differentiated again. Compositions such as softmax and gelu live in
`composite.py`.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes, overrides
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.registry import ELEMENTWISE, OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import math as math_ops
from . import reduce as reduce_ops
from ._rules import fail, same_as_input

__all__ = ["relu", "relu6", "elu", "selu", "softplus", "softsign", "leaky_relu", "bias_add"]

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_REALS = dtypes.REALS
_FLOATS = dtypes.FLOATS


def _pass_where(cond, g):
    """`g` where `cond` holds, 0 elsewhere (a select, so an inf in `g` never becomes nan)."""
    return math_ops.where(cond, g, array_ops.zeros_like(g))


# --- relu, relu6 ---------------------------------------------------------------------------

def _relu_grad_kernel(dy, y):
    # NOTE: a product with the mask, as TF's ReluGrad kernel (an inf upstream gradient where the
    # unit is off gives nan there, as in TF); NumPy's select branches on every element and is
    # ten times slower than the product on the random masks a ReLU layer produces.
    return np.multiply(dy, y > 0, dtype=dy.dtype)


def _relu_grad_out(dy, y, out):
    return np.multiply(dy, y > 0, out=out, dtype=dy.dtype)


def _relu_grad_infer(dy: TensorSpec, y: TensorSpec) -> TensorSpec:
    if dy.dtype is not y.dtype or not dy.shape.is_compatible_with(y.shape):
        raise fail("relu_grad", "the gradient and the relu output must have the same dtype "
                   "and shape [Op:ReluGrad]", dy, y)
    return TensorSpec(dy.shape.merge_with(y.shape), dy.dtype)


# TF's ReluGrad: `dy` where the relu output is positive, else 0. Its gradient with respect to
# `y` is zero (the mask is piecewise constant), given as zeros as TF does.
RELU_GRAD = def_op(
    "relu_grad", tf_name="ReluGrad", kernel=_relu_grad_kernel, infer=_relu_grad_infer,
    grad=lambda g, z, dy, y: (relu_grad(g, y), array_ops.zeros_like(y)),
    traits=ELEMENTWISE, dtype_group=(0, 1), allowed=_REALS, expr="x * (y > 0)", quiet=True,
    out_kernel=_relu_grad_out,
)

RELU = def_op(
    "relu", kernel=lambda x: np.maximum(x, x.dtype.type(0)), infer=same_as_input,
    grad=lambda g, y, x: (relu_grad(g, y),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=_REALS, expr="maximum(x, 0)",
    out_kernel=lambda x, out: np.maximum(x, x.dtype.type(0), out=out),
)


def relu_grad(gradients, outputs):
    """The gradient of relu given the upstream `gradients` and relu's `outputs` (TF's
    `ReluGrad`): `gradients` where `outputs > 0`, else 0.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.ops.nn import relu_grad
        >>> relu_grad(tf.constant([5., 6., 7.]), tf.constant([0., 2., 0.])).numpy()
        array([0., 6., 0.], dtype=float32)
    """
    return execute(RELU_GRAD, (gradients, outputs), {})


def _relu6_grad(g, y, x):
    inside = math_ops.logical_and(math_ops.greater(x, 0), math_ops.less(x, 6))
    return (_pass_where(inside, g),)


RELU6 = def_op(
    "relu6", kernel=lambda x: np.clip(x, x.dtype.type(0), x.dtype.type(6)), infer=same_as_input,
    grad=_relu6_grad, traits=ELEMENTWISE, dtype_group=(0,), allowed=_REALS,
    expr="minimum(maximum(x, 0), 6)",
)


# --- elu, selu -----------------------------------------------------------------------------

def _elu_kernel(x):
    return np.where(x < 0, np.expm1(np.minimum(x, 0)), x).astype(x.dtype, copy=False)


def _selu_kernel(x):
    neg = np.expm1(np.minimum(x, 0)) * x.dtype.type(SELU_ALPHA)
    return (np.where(x < 0, neg, x) * x.dtype.type(SELU_SCALE)).astype(x.dtype, copy=False)


ELU = def_op(
    "elu", kernel=_elu_kernel, infer=same_as_input,
    grad=lambda g, y, x: (math_ops.where(math_ops.less(y, 0), math_ops.multiply(g, y + 1), g),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=_FLOATS, expr="where(x < 0, expm1(x), x)",
)
SELU = def_op(
    "selu", kernel=_selu_kernel, infer=same_as_input,
    grad=lambda g, y, x: (math_ops.where(math_ops.less(y, 0),
                                         math_ops.multiply(g, y + SELU_SCALE * SELU_ALPHA),
                                         g * SELU_SCALE),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=_FLOATS,
    expr=f"{SELU_SCALE!r} * where(x < 0, {SELU_ALPHA!r} * expm1(x), x)",
)


# --- softplus, softsign --------------------------------------------------------------------

def _softplus_kernel(x):
    # NOTE: logaddexp(0, x) = log(1 + e^x) without overflow; float16 is computed in float32.
    wide = x.astype(np.float32) if x.dtype == np.float16 else x
    return np.logaddexp(wide.dtype.type(0), wide).astype(x.dtype, copy=False)


SOFTPLUS = def_op(
    "softplus", kernel=_softplus_kernel, infer=same_as_input,
    grad=lambda g, y, x: (math_ops.multiply(g, math_ops.sigmoid(x)),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=_FLOATS, expr="logaddexp(0, x)", quiet=True,
)
SOFTSIGN = def_op(
    "softsign", kernel=lambda x: x / (x.dtype.type(1) + np.abs(x)), infer=same_as_input,
    grad=lambda g, y, x: (math_ops.divide(g, math_ops.square(1 + math_ops.abs(x))),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=_FLOATS, expr="x / (1 + abs(x))",
    quiet=True,
)


# --- leaky_relu ----------------------------------------------------------------------------

def _leaky_kernel(x, alpha=0.2):
    return np.where(x > 0, x, x * x.dtype.type(alpha)).astype(x.dtype, copy=False)


LEAKY_RELU = def_op(
    "leaky_relu", tf_name="LeakyRelu", kernel=_leaky_kernel, infer=same_as_input,
    grad=lambda g, y, x, alpha=0.2: (math_ops.where(math_ops.greater(x, 0), g, g * alpha),),
    traits=ELEMENTWISE, dtype_group=(0,), allowed=_FLOATS, attrs={"alpha": 0.2},
    expr="where(x > 0, x, alpha * x)",
)


# --- bias_add ------------------------------------------------------------------------------

def _bias_axis(value: list, bias: list, channels_first: bool) -> int:
    """The channel axis of `value` that `bias` is added along; raises TF's errors."""
    if len(bias) != 1:
        raise fail("bias_add", f"Biases must be 1D: {bias}")
    if len(value) < 2:
        raise fail("bias_add", f"Input tensor must be at least 2D: {value}")
    axis = 1 if channels_first else len(value) - 1
    if value[axis] is not None and bias[0] is not None and value[axis] != bias[0]:
        where = "channel" if channels_first else "last"
        raise fail("bias_add", f"Must provide as many biases as the {where} dimension of the "
                   f"input tensor: {bias} vs. {value}")
    return axis


def _bias_infer(value: TensorSpec, bias: TensorSpec, channels_first=False) -> TensorSpec:
    _bias_axis(value.shape.as_list(), bias.shape.as_list(), channels_first)
    return TensorSpec(value.shape, value.dtype)


def _bias_kernel(value, bias, channels_first=False):
    axis = _bias_axis(list(value.shape), list(bias.shape), channels_first)
    shape = [1] * value.ndim
    shape[axis] = bias.shape[0]
    return value + bias.reshape(shape)


def _bias_grad(g, y, value, bias, channels_first=False):
    rank = value.shape.rank
    axis = 1 if channels_first else rank - 1
    others = [a for a in range(rank) if a != axis]
    return g, reduce_ops.reduce_sum(g, axis=others)


BIAS_ADD = def_op(
    "bias_add", tf_name="BiasAdd", kernel=_bias_kernel, infer=_bias_infer, grad=_bias_grad,
    traits=OPAQUE, dtype_group=(0, 1), allowed=dtypes.NUMERIC, attrs={"channels_first": False},
)


# --- public functions ----------------------------------------------------------------------

def relu(features, name=None):
    """Returns `max(features, 0)` elementwise.

    Args:
        features: a real tensor (floats or integers).
        name: ignored in eager mode.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.relu(tf.constant([-1., 0.5])).numpy()
        array([0. , 0.5], dtype=float32)
    """
    try:
        return execute(RELU, (features,), name=name)
    except ValueError:
        return overrides.retry("relu", features, name=name)


def relu6(features, name=None):
    """Returns `min(max(features, 0), 6)` elementwise.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.relu6(tf.constant([-1, 3, 9])).numpy()
        array([0, 3, 6], dtype=int32)
    """
    return execute(RELU6, (features,), name=name)


def elu(features, name=None):
    """Exponential linear unit: `features` if > 0, else `exp(features) - 1`.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.elu(tf.constant([-1000., 2.])).numpy()
        array([-1.,  2.], dtype=float32)
    """
    return execute(ELU, (features,), name=name)


def selu(features, name=None):
    """Scaled ELU: `scale * (features if > 0 else alpha * (exp(features) - 1))`.

    With `alpha ≈ 1.6733` and `scale ≈ 1.0507` (Klambauer et al., 2017).

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.selu(tf.constant([0., 1.])).numpy()
        array([0.      , 1.050701], dtype=float32)
    """
    return execute(SELU, (features,), name=name)


def softplus(features, name=None):
    """Returns `log(exp(features) + 1)`, computed without overflow for large inputs.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.softplus(tf.constant([0., 1000.])).numpy()
        array([6.931472e-01, 1.000000e+03], dtype=float32)
    """
    return execute(SOFTPLUS, (features,), name=name)


def softsign(features, name=None):
    """Returns `features / (abs(features) + 1)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.softsign(tf.constant([-1., 3.])).numpy()
        array([-0.5 ,  0.75], dtype=float32)
    """
    return execute(SOFTSIGN, (features,), name=name)


def leaky_relu(features, alpha=0.2, name=None):
    """Returns `features` where positive, `alpha * features` elsewhere.

    Integer inputs are converted to float32 first, as TF does.

    Args:
        features: a real tensor.
        alpha: the slope for negative inputs.
        name: ignored in eager mode.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.leaky_relu(tf.constant([-2., 3.]), alpha=0.1).numpy()
        array([-0.2,  3. ], dtype=float32)
    """
    x = features if is_tensor_like(features) else convert_to_tensor(features)
    if x.dtype.is_integer:
        x = math_ops.cast(x, dtypes.float32)
    return execute(LEAKY_RELU, (x,), {"alpha": float(alpha)}, name=name)


def bias_add(value, bias, data_format=None, name=None):
    """Adds the 1-D `bias` along the channel dimension of `value`.

    Args:
        value: a tensor of rank >= 2.
        bias: a 1-D tensor, as long as the channel dimension, of `value`'s dtype.
        data_format: None or `"N...C"` (channels last, e.g. "NHWC"), or `"NC..."` (channels
            first, e.g. "NCHW").
        name: ignored in eager mode.

    Raises:
        ValueError: for another `data_format`.
        InvalidArgumentError: for bad ranks, a length mismatch or mixed dtypes.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.bias_add(tf.zeros([2, 3]), [1., 2., 3.]).numpy()
        array([[1., 2., 3.],
               [1., 2., 3.]], dtype=float32)
    """
    fmt = "N...C" if data_format is None else str(data_format)
    if fmt.startswith("NC"):
        channels_first = True
    elif fmt.startswith("N") and fmt.endswith("C"):
        channels_first = False
    else:
        raise ValueError(f"`data_format` must be of the form `N...C` or `NC...`. Received: "
                         f"data_format={data_format}")
    return execute(BIAS_ADD, (value, bias), {"channels_first": channels_first}, name=name)
