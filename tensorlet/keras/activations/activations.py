"""Keras's built-in activation functions, written with public tensorlet ops.

Each function takes a tensor (or anything `tf.convert_to_tensor` accepts) and returns a tensor
of the same dtype. The Keras-2 spelling `alpha=` is accepted where Keras 3 says
`negative_slope=` (FEATURES.md §0).
"""

from __future__ import annotations

import tensorlet as tf

__all__ = ["relu", "sigmoid", "softmax", "log_softmax", "tanh", "softplus", "softsign", "selu",
           "elu", "gelu", "silu", "swish", "leaky_relu", "relu6", "hard_sigmoid", "mish",
           "exponential", "linear"]


def _tensor(x):
    return x if tf.is_tensor(x) else tf.convert_to_tensor(x)


def _with_logits(output, logits):
    """`output`, remembering the `logits` it was computed from: Keras's crossentropy losses
    then compute from the logits (no clipped log of a probability, no collapse to zero)."""
    try:
        output._keras_logits = logits
    except AttributeError:  # a tensor type without the slot (a subclass of the user's)
        pass
    return output


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0, alpha=None):
    """Rectified linear unit: `max(x, 0)`, with an optional leak, ceiling and threshold.

    Values below `threshold` become `negative_slope * (x - threshold)`; values above
    `max_value` (when given) are clipped to it.

    Args:
        x: input tensor.
        negative_slope: slope below the threshold (Keras 2: `alpha`).
        max_value: optional ceiling.
        threshold: where the unit switches on.
        alpha: the Keras-2 name of `negative_slope`.

    Returns:
        A tensor of the same dtype as `x`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.relu([-2., 1., 9.], max_value=6.).numpy()
        array([0., 1., 6.], dtype=float32)
    """
    x = _tensor(x)
    slope = negative_slope if alpha is None else alpha
    if slope == 0 and max_value is None and threshold == 0:
        return tf.nn.relu(x)
    cut = tf.cast(threshold, x.dtype)
    y = tf.where(x >= cut, x, tf.zeros_like(x))
    if slope != 0:
        y = tf.where(x < cut, tf.cast(slope, x.dtype) * (x - cut), y)
    if max_value is not None:
        y = tf.minimum(y, tf.cast(max_value, x.dtype))
    return y


def sigmoid(x):
    """`1 / (1 + exp(-x))`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.sigmoid([0.]).numpy()
        array([0.5], dtype=float32)
    """
    x = _tensor(x)
    return _with_logits(tf.sigmoid(x), x)


def softmax(x, axis=-1):
    """`exp(x) / sum(exp(x))` along `axis` (default: the last).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.softmax([[0., 0.]]).numpy()
        array([[0.5, 0.5]], dtype=float32)
    """
    x = _tensor(x)
    return _with_logits(tf.nn.softmax(x, axis=axis), x)


def log_softmax(x, axis=-1):
    """`log(softmax(x))`, computed stably.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.log_softmax([[0., 0.]]).numpy().round(4)
        array([[-0.6931, -0.6931]], dtype=float32)
    """
    return tf.nn.log_softmax(_tensor(x), axis=axis)


def tanh(x):
    """Hyperbolic tangent.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.tanh([0.]).numpy()
        array([0.], dtype=float32)
    """
    return tf.tanh(_tensor(x))


def softplus(x):
    """`log(1 + exp(x))`, stable for large inputs.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.softplus([0.]).numpy().round(4)
        array([0.6931], dtype=float32)
    """
    return tf.nn.softplus(_tensor(x))


def softsign(x):
    """`x / (1 + |x|)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.softsign([1.]).numpy()
        array([0.5], dtype=float32)
    """
    return tf.nn.softsign(_tensor(x))


def selu(x):
    """Scaled exponential linear unit (self-normalizing networks).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.selu([1.]).numpy().round(4)
        array([1.0507], dtype=float32)
    """
    return tf.nn.selu(_tensor(x))


def elu(x, alpha=1.0):
    """Exponential linear unit: `x` if `x > 0` else `alpha * (exp(x) - 1)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.elu([-1., 1.], alpha=0.5).numpy().round(4)
        array([-0.3161,  1.    ], dtype=float32)
    """
    x = _tensor(x)
    y = tf.nn.elu(x)
    if alpha == 1:
        return y
    return tf.where(x > 0, y, tf.cast(alpha, x.dtype) * y)


def gelu(x, approximate=False):
    """Gaussian error linear unit (exact, or the tanh approximation).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.gelu([1.]).numpy().round(4)
        array([0.8413], dtype=float32)
    """
    return tf.nn.gelu(_tensor(x), approximate=approximate)


def silu(x):
    """Sigmoid linear unit (swish): `x * sigmoid(x)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.silu([1.]).numpy().round(4)
        array([0.7311], dtype=float32)
    """
    return tf.nn.silu(_tensor(x))


# NOTE: Keras 3 makes `swish` the very same function as `silu`: get("swish") and
# serialize(swish) then both say "silu" (A6.5).
swish = silu


def leaky_relu(x, negative_slope=0.2, alpha=None):
    """Leaky ReLU: `x` if `x >= 0` else `negative_slope * x` (Keras 2: `alpha`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.leaky_relu([-1., 2.]).numpy()
        array([-0.2,  2. ], dtype=float32)
    """
    slope = negative_slope if alpha is None else alpha
    return tf.nn.leaky_relu(_tensor(x), alpha=slope)


def relu6(x):
    """`min(max(x, 0), 6)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.relu6([-1., 9.]).numpy()
        array([0., 6.], dtype=float32)
    """
    return tf.nn.relu6(_tensor(x))


def hard_sigmoid(x):
    """Piecewise-linear sigmoid: `relu6(x + 3) / 6`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.hard_sigmoid([-3., 0., 3.]).numpy()
        array([0. , 0.5, 1. ], dtype=float32)
    """
    x = _tensor(x)
    return tf.nn.relu6(x + tf.cast(3.0, x.dtype)) / tf.cast(6.0, x.dtype)


def mish(x):
    """`x * tanh(softplus(x))`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.mish([1.]).numpy().round(4)
        array([0.8651], dtype=float32)
    """
    x = _tensor(x)
    return x * tf.tanh(tf.nn.softplus(x))


def exponential(x):
    """`exp(x)` (the same as `activation=tf.exp`, A8.1).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.exponential([0.]).numpy()
        array([1.], dtype=float32)
    """
    return tf.exp(_tensor(x))


def linear(x):
    """The identity: returns `x` unchanged (the activation of `activation=None`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.linear(3.)
        3.0
    """
    return x
