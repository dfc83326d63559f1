"""`Normalization`: standardizes features with a mean and variance given or learned by
`adapt` (ch. 13)."""

from __future__ import annotations

import tensorlet as tf

from ..base_layer import Layer

__all__ = ["Normalization"]

# Keras's backend epsilon: the smallest standard deviation divided by.
_EPSILON = 1e-7


class Normalization(Layer):
    """Computes `(x - mean) / sqrt(variance)` per feature (along `axis`).

    The statistics are either given (`mean=`, `variance=`) or computed by `adapt(data)` over a
    NumPy array, a tensor or an iterable of batches (such as a `tf.data.Dataset`). They are
    kept in non-trainable weights `mean`, `variance` and `count`.

    Args:
        axis: the axis (or axes) with one statistic per index (default -1); None: one scalar.
        mean, variance: fixed statistics (both or neither), broadcast to the kept axes.
        invert: compute `mean + x * sqrt(variance)` instead (undo a normalization).

    Example:
        >>> import tensorlet as tf
        >>> norm = tf.keras.layers.Normalization()
        >>> norm.adapt([[1., 10.], [3., 30.]])
        >>> norm(tf.constant([[2., 20.]])).numpy()
        array([[0., 0.]], dtype=float32)
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        self.axis = (axis,) if isinstance(axis, int) else tuple(axis)
        if (mean is None) != (variance is None):
            raise ValueError("When setting values directly, both `mean` and `variance` must "
                             f"be set. Received: mean={mean} and variance={variance}")
        self.input_mean = _plain(mean)
        self.input_variance = _plain(variance)
        self.invert = invert

    def build(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        rank = len(shape)
        self._keep = sorted({a % rank for a in self.axis if -rank <= a < rank})
        if len(self._keep) != len(self.axis):
            raise ValueError(f"Normalization: axis {self.axis} is out of range for inputs of "
                             f"shape {tuple(shape)}")
        if any(shape[a] is None for a in self._keep):
            raise ValueError(f"Normalization: the kept axes {self.axis} of input shape "
                             f"{tuple(shape)} must have known sizes")
        stat_shape = self._stat_shape = tuple(shape[a] for a in self._keep)
        self._broadcast = [shape[a] if a in self._keep else 1 for a in range(rank)]
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=stat_shape,
                                              initializer="zeros", trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=stat_shape,
                                                  initializer="ones", trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int64",
                                         initializer="zeros", trainable=False)
        super().build(input_shape)

    @property
    def mean(self):
        """The mean, shaped to broadcast against the inputs."""
        return self._stat(self.input_mean, "adapt_mean")

    @property
    def variance(self):
        """The variance, shaped to broadcast against the inputs."""
        return self._stat(self.input_variance, "adapt_variance")

    def _stat(self, given, weight_name):
        if not self.built:
            return given
        if given is None:
            return tf.reshape(getattr(self, weight_name), self._broadcast)
        value = tf.cast(tf.convert_to_tensor(given), self.dtype)
        return tf.reshape(tf.broadcast_to(value, self._stat_shape), self._broadcast)

    def adapt(self, data, batch_size=None, steps=None):
        """Computes the mean and variance of `data` and stores them in the weights.

        Args:
            data: a NumPy array, a tensor, a list, or an iterable of batches (a Dataset).
            batch_size, steps: accepted for Keras compatibility; `steps` limits the batches.

        Example:
            >>> import tensorlet as tf
            >>> norm = tf.keras.layers.Normalization(axis=None)
            >>> norm.adapt([[1., 2.], [3., 4.]])
            >>> norm.mean.numpy(), norm.variance.numpy()
            (array([[2.5]], dtype=float32), array([[1.25]], dtype=float32))
        """
        if self.input_mean is not None:
            raise ValueError("Normalization: cannot `adapt` a layer made with a fixed `mean` "
                             "and `variance`")
        count, mean, m2 = 0, None, None
        for batch in _batches(data, steps):
            x = tf.cast(batch, self.dtype)
            if not self.built:
                self._build_with_shape(tf.TensorShape([None] + x.shape.as_list()[1:]))
            reduce_axes = [a for a in range(x.shape.rank) if a not in self._keep]
            n = _count(x, reduce_axes)
            b_mean, b_var = tf.nn.moments(x, axes=reduce_axes)
            if mean is None:
                count, mean, m2 = n, b_mean, b_var * n
                continue
            # NOTE: Chan et al.'s pairwise update: exact for any split of the data into batches.
            total = count + n
            delta = b_mean - mean
            mean = mean + delta * (n / total)
            m2 = m2 + b_var * n + tf.square(delta) * (count * n / total)
            count = total
        if mean is None:
            raise ValueError("Normalization.adapt: the data holds no samples")
        self.adapt_mean.assign(mean)
        self.adapt_variance.assign(m2 / count)
        self.count.assign(count)

    def call(self, inputs):
        x = tf.cast(tf.convert_to_tensor(inputs), self.dtype)
        stddev = tf.maximum(tf.sqrt(self.variance), tf.cast(_EPSILON, x.dtype))
        if self.invert:
            return self.mean + x * stddev
        return (x - self.mean) / stddev

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis, "invert": self.invert,
                "mean": self.input_mean, "variance": self.input_variance}


def _plain(value):
    """A JSON-ready copy of a given statistic (NumPy arrays and tensors become lists)."""
    if value is None or isinstance(value, int | float):
        return value
    if hasattr(value, "numpy"):
        value = value.numpy()
    return value.tolist() if hasattr(value, "tolist") else list(value)


def _batches(data, steps):
    """The batches of `data`: itself for an array-like, else its items (a Dataset)."""
    if tf.is_tensor(data) or hasattr(data, "__array__") or isinstance(data, list | tuple):
        yield tf.convert_to_tensor(data)
        return
    for i, batch in enumerate(data):
        if steps is not None and i >= steps:
            return
        yield tf.convert_to_tensor(batch)


def _count(x, axes) -> int:
    n = 1
    for a in axes:
        n *= x.shape[a]
    return n
