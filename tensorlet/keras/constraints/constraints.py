"""Weight constraints: `constraint(w)` returns the projected weights; the optimizer assigns
them back after every update."""

from __future__ import annotations

import tensorlet as tf

__all__ = ["Constraint", "MaxNorm", "NonNeg", "UnitNorm", "MinMaxNorm"]

# Keras's backend epsilon: keeps the norm ratios finite for all-zero weights.
_EPSILON = 1e-7


class Constraint:
    """Base class of constraints: subclasses implement `__call__(w)`.

    Example:
        >>> import tensorlet as tf
        >>> class Positive(tf.keras.constraints.Constraint):
        ...     def __call__(self, w):
        ...         return tf.nn.relu(w)
        >>> Positive()(tf.constant([-1., 2.])).numpy()
        array([0., 2.], dtype=float32)
    """

    def __call__(self, w):
        return w

    def get_config(self) -> dict:
        """Returns the constructor arguments of this constraint (none for the base)."""
        return {}

    @classmethod
    def from_config(cls, config: dict):
        """Creates a constraint from its `get_config()` dict."""
        return cls(**config)


def _norms(w, axis):
    return tf.sqrt(tf.reduce_sum(tf.square(w), axis=axis, keepdims=True))


def _rescale(w, norms, desired):
    return w * (desired / (tf.cast(_EPSILON, w.dtype) + norms))


class MaxNorm(Constraint):
    """Rescales each weight vector (along `axis`) whose L2 norm exceeds `max_value`.

    Args:
        max_value: the largest norm allowed (default 2).
        axis: the axis (or axes) the norms are taken over (default 0: each column of a Dense
            kernel, i.e. the incoming weights of each unit).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.constraints.max_norm(1.)(tf.constant([[3.], [4.]])).numpy().round(4)
        array([[0.6],
               [0.8]], dtype=float32)
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        desired = tf.clip_by_value(norms, tf.cast(0, w.dtype), tf.cast(self.max_value, w.dtype))
        return _rescale(w, norms, desired)

    def get_config(self) -> dict:
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Sets negative weights to 0.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.constraints.NonNeg()(tf.constant([-1., 2.])).numpy()
        array([0., 2.], dtype=float32)
    """

    def __call__(self, w):
        return tf.where(w < tf.zeros_like(w), tf.zeros_like(w), w)


class UnitNorm(Constraint):
    """Rescales each weight vector (along `axis`) to unit L2 norm.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.constraints.UnitNorm()(tf.constant([[3.], [4.]])).numpy().round(4)
        array([[0.6],
               [0.8]], dtype=float32)
    """

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        return w / (tf.cast(_EPSILON, w.dtype) + _norms(w, self.axis))

    def get_config(self) -> dict:
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Moves each weight vector's norm into [min_value, max_value], by a fraction `rate`.

    Example:
        >>> import tensorlet as tf
        >>> w = tf.keras.constraints.MinMaxNorm(2., 3.)(tf.constant([[0.6], [0.8]]))
        >>> w.numpy().round(4)
        array([[1.2],
               [1.6]], dtype=float32)
    """

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        clipped = tf.clip_by_value(norms, tf.cast(self.min_value, w.dtype),
                                   tf.cast(self.max_value, w.dtype))
        rate = tf.cast(self.rate, w.dtype)
        desired = rate * clipped + (1 - rate) * norms
        return _rescale(w, norms, desired)

    def get_config(self) -> dict:
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}
