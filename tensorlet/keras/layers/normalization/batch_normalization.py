"""`BatchNormalization`: normalizes with batch statistics in training, moving ones otherwise."""

from __future__ import annotations

import tensorlet as tf

from ... import constraints, initializers, regularizers
from ..base_layer import Layer

__all__ = ["BatchNormalization"]

# Keras 2 arguments that Keras 3 dropped: accepted with their neutral values only.
_KERAS2_NEUTRAL = {"fused": (None, True, False), "virtual_batch_size": (None,),
                   "adjustment": (None,)}


def param_axes(axis, rank: int, owner: str) -> list:
    """`axis` (an int or a list) as sorted non-negative ints; ValueError when out of range."""
    axes = [axis] if isinstance(axis, int) else list(axis)
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"{owner}: axis {a} is out of range for inputs of rank {rank}")
    return sorted({a % rank for a in axes})


def broadcast_param(param, axes: list, shape: list):
    """Reshapes a weight of shape `[shape[a] for a in axes]` to broadcast against `shape`."""
    if axes == list(range(len(shape) - len(axes), len(shape))):
        return param  # trailing axes broadcast as they are
    target = [1] * len(shape)
    for a in axes:
        target[a] = shape[a]
    return tf.reshape(param, target)


class BatchNormalization(Layer):
    """Normalizes each feature (along `axis`) to mean 0 and variance 1, then scales by
    `gamma` and shifts by `beta`.

    With `training=True` (and a trainable layer) it uses the batch's mean and (biased)
    variance and updates the non-trainable `moving_mean` / `moving_variance`:
    `moving = moving * momentum + batch * (1 - momentum)`. Otherwise it uses the moving ones.

    Args:
        axis: the feature axis (default -1).
        momentum: of the moving statistics (default 0.99).
        epsilon: added to the variance (default 1e-3).
        center, scale: whether to create `beta` / `gamma`.
        beta_initializer, gamma_initializer, moving_mean_initializer,
        moving_variance_initializer, beta_regularizer, gamma_regularizer, beta_constraint,
        gamma_constraint: as their names say.

    Example:
        >>> import tensorlet as tf
        >>> bn = tf.keras.layers.BatchNormalization()
        >>> y = bn(tf.constant([[1.], [3.]]), training=True)
        >>> y.numpy().round(4), [w.name for w in bn.non_trainable_weights]
        (array([[-0.9995],
               [ 0.9995]], dtype=float32), ['moving_mean', 'moving_variance'])
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, synchronized=False, **kwargs):
        for key, neutral in _KERAS2_NEUTRAL.items():
            if kwargs.pop(key, None) not in neutral:
                raise NotImplementedError(f"BatchNormalization: `{key}` is not supported")
        if renorm:
            raise NotImplementedError("BatchNormalization: `renorm=True` is not supported")
        super().__init__(**kwargs)
        self.axis = axis
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        self.synchronized = synchronized
        self.supports_masking = True

    def build(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        self._axes = param_axes(self.axis, len(shape), "BatchNormalization")
        param_shape = tuple(shape[a] for a in self._axes)
        if None in param_shape:
            raise ValueError(f"BatchNormalization: axis {self.axis} of input shape "
                             f"{tuple(shape)} must have a known size")
        self.gamma = self.beta = None
        if self.scale:
            self.gamma = self.add_weight(
                name="gamma", shape=param_shape, initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(
                name="beta", shape=param_shape, initializer=self.beta_initializer,
                regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self.moving_mean = self.add_weight(name="moving_mean", shape=param_shape,
                                           initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight(name="moving_variance", shape=param_shape,
                                               initializer=self.moving_variance_initializer,
                                               trainable=False)
        super().build(input_shape)

    def call(self, inputs, training=None, mask=None):
        x = tf.convert_to_tensor(inputs)
        shape = x.shape.as_list()
        reduce_axes = [a for a in range(len(shape)) if a not in self._axes]
        if training and self.trainable:
            mean, variance = tf.nn.moments(x, axes=reduce_axes)
            self._update_moving(mean, variance)
        else:
            mean, variance = self.moving_mean, self.moving_variance
        inv = tf.math.rsqrt(variance + tf.cast(self.epsilon, x.dtype))
        if self.gamma is not None:
            inv = inv * self.gamma
        offset = -mean * inv
        if self.beta is not None:
            offset = offset + self.beta
        return (x * broadcast_param(inv, self._axes, shape)
                + broadcast_param(offset, self._axes, shape))

    def _update_moving(self, mean, variance) -> None:
        momentum = tf.cast(self.momentum, mean.dtype)
        self.moving_mean.assign(self.moving_mean * momentum + mean * (1 - momentum))
        self.moving_variance.assign(self.moving_variance * momentum + variance * (1 - momentum))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
            "center": self.center, "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer":
                initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized, "renorm": False,
            "renorm_clipping": self.renorm_clipping, "renorm_momentum": self.renorm_momentum,
        }
