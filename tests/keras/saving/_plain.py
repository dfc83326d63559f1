"""Small plain classes that follow the Keras protocols saving relies on (no keras-core needed).

`TinyModel` has `get_config`/`from_config`, `weights`, `get_build_config`/`build_from_config`,
`compile(optimizer=, loss=)` with `optimizer`/`loss` attributes, and `predict`.
`TinyOptimizer` has `iterations`, `variables` (slots created lazily), `build(var_list)` and
`apply_gradients`.
"""

import numpy as np

import tensorlet as tf
from tensorlet.keras import saving


def arange_weights(n_in, units):
    kernel = (np.arange(n_in * units, dtype=np.float32).reshape(n_in, units) - 3.0) / 7.0
    bias = np.linspace(-1.0, 1.0, units, dtype=np.float32)
    return kernel, bias


@saving.register_keras_serializable(package="TensorletTest")
class TinyOptimizer:
    def __init__(self, learning_rate=0.1, name="tiny"):
        self.learning_rate = learning_rate
        self.name = name
        self.iterations = tf.Variable(np.int64(0), name="iterations")
        self._slots = []

    @property
    def variables(self):
        return [self.iterations, *self._slots]

    def build(self, var_list):
        if not self._slots:
            self._slots = [
                tf.Variable(np.zeros(v.shape, np.float32), name="momentum") for v in var_list
            ]

    def apply_gradients(self, grads_and_vars):
        grads_and_vars = list(grads_and_vars)
        self.build([v for _, v in grads_and_vars])
        for slot, (g, v) in zip(self._slots, grads_and_vars):
            slot.assign(0.9 * slot.numpy() + np.asarray(g))
            v.assign(v.numpy() - self.learning_rate * slot.numpy())
        self.iterations.assign(self.iterations.numpy() + 1)

    def get_config(self):
        return {"learning_rate": self.learning_rate, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


@saving.register_keras_serializable(package="TensorletTest")
class TinyModel:
    """y = x @ kernel + bias, built lazily from the input width."""

    def __init__(self, units=2, name="tiny_model"):
        self.units = units
        self.name = name
        self.weights = []
        self._input_dim = None
        self.optimizer = None
        self.loss = None

    def build(self, input_dim):
        kernel, bias = arange_weights(input_dim, self.units)
        self._input_dim = input_dim
        self.weights = [tf.Variable(kernel, name="kernel"), tf.Variable(bias, name="bias")]

    @property
    def trainable_variables(self):
        return list(self.weights)

    def predict(self, x):
        x = np.asarray(x, np.float32)
        if not self.weights:
            self.build(x.shape[-1])
        return x @ self.weights[0].numpy() + self.weights[1].numpy()

    def compile(self, optimizer=None, loss=None):
        self.optimizer = optimizer
        self.loss = loss

    def get_config(self):
        return {"units": self.units, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def get_build_config(self):
        return None if self._input_dim is None else {"input_dim": self._input_dim}

    def build_from_config(self, config):
        self.build(config["input_dim"])


class UnregisteredModel(TinyModel):
    """Same as TinyModel, but not registered: loads only through custom_objects."""


class NoConfigModel(TinyModel):
    """A subclass whose constructor takes arguments it cannot describe (A5.7)."""

    def __init__(self, block, **kwargs):
        super().__init__(**kwargs)
        self.block = block

    def get_config(self):
        raise NotImplementedError(f"Object {type(self).__name__} must override get_config().")
