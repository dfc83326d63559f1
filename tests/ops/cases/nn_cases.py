"""Case rows for tensorlet/ops/nn.py, nn_losses.py and the composite ops (composite.py).

References are computed in float64. Gradient rows use inputs away from the kinks of relu-like
ops ("nonzero": |x| in [0.5, 2]). A composite row names a primitive it runs.
"""

import math

import numpy as np

from tensorlet.testing.op_check import Case, In

F = In((2, 3))
NONZERO = In((2, 3), "float32", "nonzero")
WIDE = In((3, 4), "float32", (-8.0, 8.0))
LOGITS = In((4, 3), "float32", (-3.0, 3.0))
HUGE = np.array([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -999.0]], np.float32)
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_erf = np.vectorize(math.erf, otypes=[np.float64])


def _f64(x):
    return np.asarray(x, np.float64)


def _softmax(x, axis=-1):
    e = np.exp(_f64(x) - np.max(x, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _log_softmax(x, axis=-1):
    s = _f64(x) - np.max(x, axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


def _softplus(x):
    return np.logaddexp(0.0, _f64(x))


def _sce(labels, logits, axis=-1):
    return -np.sum(labels * _log_softmax(logits, axis), axis=axis)


def _sparse(labels, logits):
    return -np.take_along_axis(_log_softmax(logits), labels[..., None], -1)[..., 0]


def _gelu_tanh(x):
    x = _f64(x)
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


def _moments(x, axes, keepdims=False):
    return [np.mean(_f64(x), axis=axes, keepdims=keepdims),
            np.var(_f64(x), axis=axes, keepdims=keepdims)]


def _sparse_backprop(tf, labels, logits):
    """d(loss / 2)/d(logits) for sparse labels (runs the fused backprop op)."""
    with tf.GradientTape() as tape:
        tape.watch(logits)
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits) * 0.5
    return tape.gradient(loss, logits)


def _relu_backprop(tf, x, dy):
    """relu's gradient for the upstream gradient `dy` (runs ReluGrad)."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.relu(x)
    return tape.gradient(y, x, output_gradients=dy)


ACTIVATIONS = [
    Case("relu_grad-f32", "relu_grad", _relu_backprop, (NONZERO, F),
         lambda x, dy: dy * (x > 0)),
    Case("relu_grad-f64-inf-upstream", "relu_grad", _relu_backprop,
         (np.array([-1.0, 2.0, -3.0], np.float64), np.array([np.inf, np.inf, 1.0], np.float64)),
         lambda x, dy: np.array([np.nan, np.inf, 0.0]), grad=False),
    Case("relu-f32", "relu", lambda tf, x: tf.nn.relu(x), (NONZERO,),
         lambda x: np.maximum(x, 0)),
    Case("relu-i32", "relu", lambda tf, x: tf.nn.relu(x), (In((5,), "int32", (-4, 4)),),
         lambda x: np.maximum(x, 0)),
    Case("relu-f64-specials", "relu", lambda tf, x: tf.nn.relu(x),
         (np.array([np.nan, -np.inf, np.inf, -0.0], np.float64),),
         lambda x: np.array([np.nan, 0.0, np.inf, 0.0]), grad=False),
    Case("relu6-f32", "relu6", lambda tf, x: tf.nn.relu6(x), (In((3, 4), "float32", "nonzero"),),
         lambda x: np.clip(x, 0, 6)),
    Case("relu6-above-six", "relu6", lambda tf, x: tf.nn.relu6(x),
         (In((2, 3), "float32", (6.5, 9.0)),), lambda x: np.clip(x, 0, 6)),
    Case("relu6-i32", "relu6", lambda tf, x: tf.nn.relu6(x), (In((6,), "int32", (-9, 9)),),
         lambda x: np.clip(x, 0, 6)),
    Case("elu-f32", "elu", lambda tf, x: tf.nn.elu(x), (NONZERO,),
         lambda x: np.where(x > 0, x, np.expm1(_f64(x)))),
    Case("elu-f64-saturates", "elu", lambda tf, x: tf.nn.elu(x),
         (np.array([-1000.0, -30.0, 1000.0]),),
         lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
         grad=False),
    Case("selu-f32", "selu", lambda tf, x: tf.nn.selu(x), (NONZERO,),
         lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(_f64(x)))),
    Case("softplus-f32", "softplus", lambda tf, x: tf.nn.softplus(x), (WIDE,), _softplus),
    Case("softplus-f32-extremes", "softplus", lambda tf, x: tf.math.softplus(x),
         (np.array([-1000.0, -20.0, 0.0, 20.0, 1000.0], np.float32),), _softplus, grad=False),
    Case("softplus-f16", "softplus", lambda tf, x: tf.nn.softplus(x),
         (In((6,), "float16", (-6.0, 6.0)),), _softplus, rtol=2e-3, atol=1e-3, grad=False),
    Case("softsign-f32", "softsign", lambda tf, x: tf.nn.softsign(x), (NONZERO,),
         lambda x: x / (1 + np.abs(_f64(x)))),
    Case("leaky_relu-default-alpha", "leaky_relu", lambda tf, x: tf.nn.leaky_relu(x), (NONZERO,),
         lambda x: np.where(x > 0, x, 0.2 * _f64(x))),
    Case("leaky_relu-alpha-above-one", "leaky_relu",
         lambda tf, x: tf.nn.leaky_relu(x, alpha=2.0), (NONZERO,),
         lambda x: np.where(x > 0, x, 2.0 * _f64(x))),
    Case("leaky_relu-i32-gives-f32", "leaky_relu", lambda tf, x: tf.nn.leaky_relu(x, 0.5),
         (In((5,), "int32", (-4, 4)),), lambda x: np.where(x > 0, x, 0.5 * x)),
]

BIAS_ADD = [
    Case("bias_add-nhwc", "bias_add", lambda tf, x, b: tf.nn.bias_add(x, b),
         (In((2, 2, 3)), In((3,))), lambda x, b: x + b),
    Case("bias_add-nchw", "bias_add", lambda tf, x, b: tf.nn.bias_add(x, b, data_format="NCHW"),
         (In((2, 3, 2, 2)), In((3,))), lambda x, b: x + b[:, None, None]),
    Case("bias_add-i32", "bias_add", lambda tf, x, b: tf.nn.bias_add(x, b),
         (In((2, 3), "int32", (-5, 5)), In((3,), "int32", (-5, 5))), lambda x, b: x + b),
]

LOSSES = [
    Case("softmax_cross_entropy-rows", "softmax_cross_entropy_with_logits",
         lambda tf, z, x: tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(z), x),
         (LOGITS, LOGITS), lambda z, x: _sce(_softmax(z), x)),
    Case("softmax_cross_entropy-axis0", "softmax_cross_entropy_with_logits",
         lambda tf, z, x: tf.nn.softmax_cross_entropy_with_logits(
             tf.nn.softmax(z, axis=0), x, axis=0),
         (In((3, 2)), In((3, 2))), lambda z, x: _sce(_softmax(z, 0), x, 0)),
    Case("softmax_cross_entropy-broadcast-labels", "softmax_cross_entropy_with_logits",
         lambda tf, z, x: tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(z), x),
         (In((1, 3)), LOGITS), lambda z, x: _sce(_softmax(z), x), grad=False),
    # NOTE: TF 2.21 fails to differentiate broadcast labels (a Reshape error); tensorlet sums
    # the labels' gradient over the broadcast rows.
    Case("softmax_cross_entropy-broadcast-labels-gradient", "softmax_cross_entropy_with_logits",
         lambda tf, z, x: tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(z), x),
         (In((1, 3)), LOGITS), lambda z, x: _sce(_softmax(z), x), tf=False),
    Case("softmax_cross_entropy-huge-logits", "softmax_cross_entropy_with_logits",
         lambda tf, x: tf.nn.softmax_cross_entropy_with_logits(
             [[0.0, 0.0, 1.0], [0.5, 0.5, 0.0]], x),
         (HUGE,), lambda x: _sce(np.array([[0.0, 0.0, 1.0], [0.5, 0.5, 0.0]]), x), grad=False),
    Case("sparse_softmax_cross_entropy-rows", "sparse_softmax_cross_entropy_with_logits",
         lambda tf, y, x: tf.nn.sparse_softmax_cross_entropy_with_logits(y, x),
         (In((4,), "int32", (0, 2)), LOGITS), _sparse),
    Case("sparse_softmax_cross_entropy-i64-3d", "sparse_softmax_cross_entropy_with_logits",
         lambda tf, y, x: tf.nn.sparse_softmax_cross_entropy_with_logits(y, x),
         (In((2, 2), "int64", (0, 3)), In((2, 2, 4))), _sparse),
    Case("sparse_softmax_cross_entropy-huge-logits", "sparse_softmax_cross_entropy_with_logits",
         lambda tf, x: tf.nn.sparse_softmax_cross_entropy_with_logits([2, 1], x), (HUGE,),
         lambda x: _sparse(np.array([2, 1]), x), grad=False),
    Case("sparse_softmax_cross_entropy_backprop-rows", "sparse_softmax_cross_entropy_backprop",
         _sparse_backprop, (In((4,), "int32", (0, 2)), LOGITS),
         lambda y, x: (_softmax(x) - np.eye(3)[y]) * 0.5),
    Case("sparse_softmax_cross_entropy_backprop-huge", "sparse_softmax_cross_entropy_backprop",
         _sparse_backprop, (np.array([2, 0]), HUGE),
         lambda y, x: (_softmax(x) - np.eye(3)[y]) * 0.5, grad=False),
    Case("sigmoid_cross_entropy", "log1p",
         lambda tf, z, x: tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.sigmoid(z), logits=x),
         (WIDE, WIDE),
         lambda z, x: _softplus(x) - x / (1 + np.exp(-_f64(z)))),
    Case("sigmoid_cross_entropy-huge", "log1p",
         lambda tf, x: tf.nn.sigmoid_cross_entropy_with_logits(labels=[0.0, 1.0, 0.5], logits=x),
         (np.array([-1000.0, 1000.0, 2.0], np.float32),),
         lambda x: _softplus(x) - x * np.array([0.0, 1.0, 0.5]), grad=False),
]

COMPOSITES = [
    Case("softmax-last-axis", "exp", lambda tf, x: tf.nn.softmax(x), (WIDE,), _softmax),
    Case("softmax-axis0", "exp", lambda tf, x: tf.nn.softmax(x, axis=0), (WIDE,),
         lambda x: _softmax(x, 0)),
    Case("softmax-huge-logits", "exp", lambda tf, x: tf.math.softmax(x), (HUGE,), _softmax,
         grad=False),
    Case("log_softmax-last-axis", "exp", lambda tf, x: tf.nn.log_softmax(x), (WIDE,),
         _log_softmax),
    Case("log_softmax-huge-logits", "exp", lambda tf, x: tf.nn.log_softmax(x, axis=-1), (HUGE,),
         _log_softmax, grad=False),
    Case("gelu-exact", "erf", lambda tf, x: tf.nn.gelu(x), (WIDE,),
         lambda x: 0.5 * x * (1 + _erf(_f64(x) / math.sqrt(2)))),
    Case("gelu-tanh", "tanh", lambda tf, x: tf.nn.gelu(x, approximate=True), (WIDE,),
         _gelu_tanh),
    Case("silu", "sigmoid", lambda tf, x: tf.nn.silu(x), (WIDE,),
         lambda x: x / (1 + np.exp(-_f64(x)))),
    Case("swish-beta", "sigmoid", lambda tf, x: tf.nn.swish(x, beta=1.5), (WIDE,),
         lambda x: x / (1 + np.exp(-1.5 * _f64(x)))),
    Case("log_sigmoid", "softplus", lambda tf, x: tf.math.log_sigmoid(x), (WIDE,),
         lambda x: -_softplus(-_f64(x))),
    Case("moments-axis0", "squared_difference", lambda tf, x: list(tf.nn.moments(x, axes=[0])),
         (WIDE,), lambda x: _moments(x, 0)),
    Case("moments-keepdims-all", "squared_difference",
         lambda tf, x: list(tf.nn.moments(x, axes=[0, 1], keepdims=True)), (WIDE,),
         lambda x: _moments(x, (0, 1), keepdims=True), rtol=1e-4),
    Case("moments-f16", "squared_difference", lambda tf, x: list(tf.nn.moments(x, axes=-1)),
         (In((2, 5), "float16"),), lambda x: _moments(x, -1), rtol=2e-3, atol=1e-3,
         grad=False),
    Case("l2_normalize-axis1", "rsqrt", lambda tf, x: tf.math.l2_normalize(x, axis=1), (WIDE,),
         lambda x: x / np.sqrt(np.sum(_f64(x) ** 2, axis=1, keepdims=True))),
    Case("l2_normalize-all-with-zero-row", "rsqrt", lambda tf, x: tf.nn.l2_normalize(x),
         (np.array([[0.0, 0.0], [3.0, 4.0]], np.float32),),
         lambda x: x / 5.0, grad=False),
]

CASES = [*ACTIVATIONS, *BIAS_ADD, *LOSSES, *COMPOSITES]
