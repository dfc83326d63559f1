"""The `Initializer` base class and the helpers shared by the built-in initializers."""

from __future__ import annotations

import math

import tensorlet as tf

__all__ = ["Initializer"]


class Initializer:
    """Base class of weight initializers: `initializer(shape, dtype)` returns a tensor.

    Subclasses implement `__call__(self, shape, dtype=None)` and, when they take
    hyperparameters, `get_config()` (the default `from_config` calls `cls(**config)`).

    Example:
        >>> import tensorlet as tf
        >>> class Twos(tf.keras.initializers.Initializer):
        ...     def __call__(self, shape, dtype=None):
        ...         return 2 * tf.ones(shape, dtype=dtype or tf.float32)
        >>> Twos()((2,)).numpy()
        array([2., 2.], dtype=float32)
    """

    def __call__(self, shape, dtype=None):
        raise NotImplementedError(
            f"Initializer subclasses must implement `__call__(shape, dtype=None)`; "
            f"{type(self).__name__} does not.")

    def get_config(self) -> dict:
        """Returns the constructor arguments of this initializer (none for the base)."""
        return {}

    @classmethod
    def from_config(cls, config: dict):
        """Creates an initializer from its `get_config()` dict."""
        return cls(**config)

    def clone(self):
        """Returns a new initializer with the same configuration."""
        return self.__class__.from_config(self.get_config())


def float_dtype(dtype, owner: str):
    """`dtype` as a floating DType (None: float32); a clear TypeError for other dtypes."""
    dtype = tf.as_dtype(dtype or "float32")
    if not dtype.is_floating:
        raise TypeError(f"{owner}: dtype {dtype.name} is not a floating dtype; expected "
                        "float16, float32 or float64")
    return dtype


def as_shape(shape) -> tuple:
    """The shape of the weight to create, as a tuple of ints."""
    dims = tf.TensorShape(shape).as_list()
    if any(d is None for d in dims):
        raise ValueError(f"An initializer needs a fully known shape; got {tuple(dims)}")
    return tuple(dims)


def check_seed(seed, owner: str):
    """`seed` itself when it is None or an int (Keras 3's rule)."""
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise ValueError(f"{owner}: the `seed` argument should be an integer or None. "
                         f"Received: seed={seed}")
    return seed


def compute_fans(shape, input_axes=None, output_axes=None) -> tuple:
    """(fan_in, fan_out) of a weight shape: Dense (in, out), or conv (*window, in, out).

    `input_axes` / `output_axes`, when given, name the axes whose product is the fan.
    """
    shape = tuple(shape)
    if input_axes is not None or output_axes is not None:
        fan_in = math.prod(shape[a] for a in (input_axes or ()))
        fan_out = math.prod(shape[a] for a in (output_axes or ()))
        return max(fan_in, 1), max(fan_out, 1)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive_field = math.prod(shape[:-2])
    return shape[-2] * receptive_field, shape[-1] * receptive_field


class RandomDraws:
    """Random tensors for a seeded or unseeded initializer.

    With an int `seed`, every call gives the same values (Keras 3's rule for seeded
    initializers): the draws are stateless. Without one, the draws come from `tf.random`'s
    stateful ops, so `tf.random.set_seed` makes them reproducible.
    """

    def __init__(self, seed):
        self.seed = seed

    def normal(self, shape, mean, stddev, dtype):
        if self.seed is None:
            return tf.random.normal(shape, mean=mean, stddev=stddev, dtype=dtype)
        return tf.random.stateless_normal(shape, seed=(self.seed, 0), mean=mean, stddev=stddev,
                                          dtype=dtype)

    def truncated_normal(self, shape, mean, stddev, dtype):
        if self.seed is None:
            return tf.random.truncated_normal(shape, mean=mean, stddev=stddev, dtype=dtype)
        return tf.random.stateless_truncated_normal(shape, seed=(self.seed, 0), mean=mean,
                                                    stddev=stddev, dtype=dtype)

    def uniform(self, shape, minval, maxval, dtype):
        if self.seed is None:
            return tf.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype)
        return tf.random.stateless_uniform(shape, seed=(self.seed, 0), minval=minval,
                                           maxval=maxval, dtype=dtype)
