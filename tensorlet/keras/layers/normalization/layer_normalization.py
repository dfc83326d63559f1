"""`LayerNormalization`: normalizes each sample over its feature axes."""

from __future__ import annotations

import tensorlet as tf

from ... import constraints, initializers, regularizers
from ..base_layer import Layer
from .batch_normalization import broadcast_param, param_axes

__all__ = ["LayerNormalization"]


class LayerNormalization(Layer):
    """Normalizes each sample over `axis`: `gamma * (x - mean) / sqrt(var + epsilon) + beta`.

    Unlike BatchNormalization it uses each sample's own statistics, in training and
    inference alike. `gamma` ("ones") and `beta` ("zeros") have the shape of the normalized
    axes.

    Args:
        axis: an int or a list of ints (default -1).
        epsilon: added to the variance (default 1e-3).
        center, scale: whether to create `beta` / `gamma`.
        rms_scaling: Keras 3's deprecated option: `x * gamma / sqrt(var + epsilon)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.LayerNormalization()(tf.constant([[1., 3.]])).numpy().round(4)
        array([[-0.9995,  0.9995]], dtype=float32)
    """

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, rms_scaling=False,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.axis = list(axis) if isinstance(axis, list | tuple) else axis
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        self._axes = param_axes(self.axis, len(shape), "LayerNormalization")
        param_shape = tuple(shape[a] for a in self._axes)
        self.gamma = self.beta = None
        if self.scale:
            self.gamma = self.add_weight(
                name="gamma", shape=param_shape, initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(
                name="beta", shape=param_shape, initializer=self.beta_initializer,
                regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        super().build(input_shape)

    def call(self, inputs):
        x = tf.convert_to_tensor(inputs)
        shape = x.shape.as_list()
        mean, variance = tf.nn.moments(x, axes=self._axes, keepdims=True)
        inv = tf.math.rsqrt(variance + tf.cast(self.epsilon, x.dtype))
        if self.rms_scaling:
            y = x * inv
        else:
            y = (x - mean) * inv
        if self.gamma is not None:
            y = y * broadcast_param(self.gamma, self._axes, shape)
        if self.beta is not None:
            y = y + broadcast_param(self.beta, self._axes, shape)
        return y

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "axis": self.axis, "epsilon": self.epsilon, "center": self.center,
            "scale": self.scale, "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
