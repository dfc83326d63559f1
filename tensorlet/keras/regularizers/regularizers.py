"""Weight regularizers: `regularizer(weights)` returns a scalar penalty added to the loss."""

from __future__ import annotations

import tensorlet as tf

__all__ = ["Regularizer", "L1", "L2", "L1L2"]


class Regularizer:
    """Base class of regularizers: subclasses implement `__call__(weights)`.

    A subclass does not need to call `super().__init__()` (the chapter's `MyL1Regularizer`
    does not, A6.3); it implements `get_config()` to be saved.

    Example:
        >>> import tensorlet as tf
        >>> class MyL1(tf.keras.regularizers.Regularizer):
        ...     def __init__(self, factor):
        ...         self.factor = factor
        ...     def __call__(self, weights):
        ...         return tf.reduce_sum(tf.abs(self.factor * weights))
        ...     def get_config(self):
        ...         return {"factor": self.factor}
        >>> float(MyL1(0.5)(tf.constant([-2., 2.])))
        2.0
    """

    def __call__(self, x):
        return 0.0

    def get_config(self) -> dict:
        """Returns the constructor arguments; subclasses that take any must override it."""
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config(); "
                                  "implement it to save this regularizer")

    @classmethod
    def from_config(cls, config: dict):
        """Creates a regularizer from its `get_config()` dict."""
        return cls(**config)


def _factor(value, name: str) -> float:
    if value is None:
        return 0.0
    value = float(value)
    if value < 0 or value != value:
        raise ValueError(f"Value for argument `{name}` should be a non-negative float. "
                         f"Received: {name}={value}")
    return value


class L1(Regularizer):
    """`l1 * reduce_sum(abs(x))`.

    Args:
        l1: the factor (default 0.01).

    Example:
        >>> import tensorlet as tf
        >>> round(float(tf.keras.regularizers.l1(0.01)(tf.constant([[1., -2.], [3., 0.5]]))), 6)
        0.065
    """

    def __init__(self, l1=0.01):
        self.l1 = _factor(l1, "l1")

    def __call__(self, x):
        return tf.cast(self.l1, x.dtype) * tf.reduce_sum(tf.abs(x))

    def get_config(self) -> dict:
        return {"l1": self.l1}


class L2(Regularizer):
    """`l2 * reduce_sum(square(x))`.

    Args:
        l2: the factor (default 0.01).

    Example:
        >>> import tensorlet as tf
        >>> round(float(tf.keras.regularizers.l2(0.05)(tf.constant([1., 2.]))), 4)
        0.25
    """

    def __init__(self, l2=0.01):
        self.l2 = _factor(l2, "l2")

    def __call__(self, x):
        return tf.cast(self.l2, x.dtype) * tf.reduce_sum(tf.square(x))

    def get_config(self) -> dict:
        return {"l2": self.l2}


class L1L2(Regularizer):
    """`l1 * reduce_sum(abs(x)) + l2 * reduce_sum(square(x))`.

    Args:
        l1: the L1 factor (default 0.0).
        l2: the L2 factor (default 0.0).

    Example:
        >>> import tensorlet as tf
        >>> float(tf.keras.regularizers.l1_l2(l1=0.5, l2=0.25)(tf.constant([2.])))
        2.0
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _factor(l1, "l1")
        self.l2 = _factor(l2, "l2")

    def __call__(self, x):
        penalty = tf.zeros((), dtype=x.dtype)
        if self.l1:
            penalty += tf.cast(self.l1, x.dtype) * tf.reduce_sum(tf.abs(x))
        if self.l2:
            penalty += tf.cast(self.l2, x.dtype) * tf.reduce_sum(tf.square(x))
        return penalty

    def get_config(self) -> dict:
        return {"l1": self.l1, "l2": self.l2}
