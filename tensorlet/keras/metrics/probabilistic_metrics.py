"""Running means of the probabilistic and hinge losses (crossentropies, KL, Poisson, hinges)."""

from __future__ import annotations

from .. import losses
from .reduction_metrics import MeanMetricWrapper

__all__ = ["BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
           "KLDivergence", "Poisson", "Hinge", "SquaredHinge", "CategoricalHinge"]


class BinaryCrossentropy(MeanMetricWrapper):
    """Running mean of `binary_crossentropy`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.BinaryCrossentropy()([[1.]], [[0.5]]).numpy().round(4)
        np.float32(0.6931)
    """

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super().__init__(losses.binary_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing)


class CategoricalCrossentropy(MeanMetricWrapper):
    """Running mean of `categorical_crossentropy`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.CategoricalCrossentropy()([[0., 1.]], [[0.5, 0.5]]).numpy().round(4)
        np.float32(0.6931)
    """

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0, axis=-1):
        super().__init__(losses.categorical_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """Running mean of `sparse_categorical_crossentropy`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.SparseCategoricalCrossentropy()([1], [[0.5, 0.5]]).numpy().round(4)
        np.float32(0.6931)
    """

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False,
                 ignore_class=None, axis=-1):
        super().__init__(losses.sparse_categorical_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)


class KLDivergence(MeanMetricWrapper):
    """Running mean of `kl_divergence`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.KLDivergence()([[0.5, 0.5]], [[0.5, 0.5]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, name="kl_divergence", dtype=None):
        super().__init__(losses.kl_divergence, name=name, dtype=dtype)


class Poisson(MeanMetricWrapper):
    """Running mean of `poisson`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.Poisson()([[1.]], [[1.]]).numpy().round(4)
        np.float32(1.0)
    """

    def __init__(self, name="poisson", dtype=None):
        super().__init__(losses.poisson, name=name, dtype=dtype)


class Hinge(MeanMetricWrapper):
    """Running mean of `hinge`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.Hinge()([[1.]], [[0.5]]).numpy()
        np.float32(0.5)
    """

    def __init__(self, name="hinge", dtype=None):
        super().__init__(losses.hinge, name=name, dtype=dtype)


class SquaredHinge(MeanMetricWrapper):
    """Running mean of `squared_hinge`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.SquaredHinge()([[1.]], [[0.5]]).numpy()
        np.float32(0.25)
    """

    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(losses.squared_hinge, name=name, dtype=dtype)


class CategoricalHinge(MeanMetricWrapper):
    """Running mean of `categorical_hinge`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.CategoricalHinge()([[0., 1.]], [[0., 2.]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(losses.categorical_hinge, name=name, dtype=dtype)
