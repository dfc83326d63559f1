"""The chapter's custom Keras components, as the demo uses them.

A Huber loss written three ways (a function, a function factory, a `Loss` subclass that saves its
threshold), a streaming `HuberMetric`, a `MyDense` layer, a `ResidualBlock` made of `MyDense`
layers and the `ResidualRegressor` model built from those blocks, plus a model that adds a loss
and a metric computed from its own internals. Every class implements `get_config` so that models
using it can be saved and loaded back with `custom_objects`.
"""

from __future__ import annotations

import tensorlet as tf


def _huber(error, threshold):
    """Huber's loss of `error`: quadratic inside [-threshold, threshold], linear outside."""
    quadratic = 0.5 * tf.square(error)
    linear = threshold * tf.abs(error) - 0.5 * threshold ** 2
    return tf.where(tf.abs(error) < threshold, quadratic, linear)


def create_huber(threshold=1.0):
    """Returns a Huber loss function for `threshold`; Keras saves it under the name `huber_fn`.

    Example:
        >>> loss = create_huber(2.0)
        >>> loss(tf.constant([3.0]), tf.constant([0.0])).numpy().tolist()
        [4.0]
    """
    def huber_fn(y_true, y_pred):
        return _huber(y_true - y_pred, threshold)

    return huber_fn


huber_fn = create_huber(1.0)


class HuberLoss(tf.keras.losses.Loss):
    """The Huber loss as a `Loss` subclass: its threshold is saved with the model.

    Example:
        >>> HuberLoss(2.0)(tf.constant([[3.0]]), tf.constant([[0.0]])).numpy()
        np.float32(4.0)
    """

    def __init__(self, threshold=1.0, **kwargs):
        self.threshold = threshold
        super().__init__(**kwargs)

    def call(self, y_true, y_pred):
        return _huber(y_true - y_pred, self.threshold)

    def get_config(self):
        return {**super().get_config(), "threshold": self.threshold}


class HuberMetric(tf.keras.metrics.Metric):
    """A streaming metric: the mean Huber loss over every value seen since the last reset.

    Example:
        >>> metric = HuberMetric(2.0)
        >>> metric.update_state(tf.constant([3.0]), tf.constant([0.0]))
        >>> float(metric(tf.constant([0.0]), tf.constant([0.0])))
        2.0
    """

    def __init__(self, threshold=1.0, **kwargs):
        super().__init__(**kwargs)
        self.threshold = threshold
        self.total = self.add_weight("total", initializer="zeros")
        self.count = self.add_weight("count", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self.total.assign_add(tf.reduce_sum(_huber(y_true - y_pred, self.threshold)))
        self.count.assign_add(tf.cast(tf.size(y_true), tf.float32))

    def result(self):
        return self.total / self.count

    def get_config(self):
        return {**super().get_config(), "threshold": self.threshold}


class MyDense(tf.keras.layers.Layer):
    """A simplified `Dense` layer: `activation(inputs @ kernel + bias)`.

    Example:
        >>> MyDense(3, activation="relu")(tf.ones((2, 4))).shape
        TensorShape([2, 3])
    """

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = tf.keras.activations.get(activation)

    def build(self, batch_input_shape):
        n_inputs = batch_input_shape[-1]
        self.kernel = self.add_weight(name="kernel", shape=[n_inputs, self.units],
                                      initializer="he_normal")
        self.bias = self.add_weight(name="bias", shape=[self.units], initializer="zeros")

    def call(self, inputs):
        return self.activation(tf.matmul(inputs, self.kernel) + self.bias)

    def get_config(self):
        activation = tf.keras.activations.serialize(self.activation)
        return {**super().get_config(), "units": self.units, "activation": activation}


class ResidualBlock(tf.keras.layers.Layer):
    """`n_layers` ReLU `MyDense` layers whose output is added to the block's input.

    Example:
        >>> ResidualBlock(2, 4)(tf.ones((1, 4))).shape
        TensorShape([1, 4])
    """

    def __init__(self, n_layers, n_neurons, **kwargs):
        super().__init__(**kwargs)
        self.n_layers, self.n_neurons = n_layers, n_neurons
        self.hidden = [MyDense(n_neurons, activation="relu") for _ in range(n_layers)]

    def call(self, inputs):
        outputs = inputs
        for layer in self.hidden:
            outputs = layer(outputs)
        return inputs + outputs

    def get_config(self):
        return {**super().get_config(), "n_layers": self.n_layers, "n_neurons": self.n_neurons}


class ResidualRegressor(tf.keras.Model):
    """The chapter's figure 12-3: a dense layer, one block applied 4 times, a second block.

    Example:
        >>> ResidualRegressor(1)(tf.ones((2, 8))).shape
        TensorShape([2, 1])
    """

    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim
        self.hidden1 = MyDense(30, activation="relu")
        self.block1 = ResidualBlock(2, 30)
        self.block2 = ResidualBlock(2, 30)
        self.out = MyDense(output_dim)

    def call(self, inputs):
        z = self.hidden1(inputs)
        for _ in range(4):  # the same block (the same weights) four times in a row
            z = self.block1(z)
        return self.out(self.block2(z))

    def get_config(self):
        return {**super().get_config(), "output_dim": self.output_dim}


class ReconstructingRegressor(tf.keras.Model):
    """A regressor that also tries to rebuild its inputs from its top hidden layer.

    The reconstruction error is added to the training loss (`add_loss`) and shown in the
    progress bar as `reconstruction_error` (`add_metric`).

    Example:
        >>> ReconstructingRegressor(1)(tf.ones((2, 8))).shape
        TensorShape([2, 1])
    """

    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden = [tf.keras.layers.Dense(30, activation="relu",
                                             kernel_initializer="he_normal") for _ in range(3)]
        self.out = tf.keras.layers.Dense(output_dim)
        self.reconstruction_mean = tf.keras.metrics.Mean(name="reconstruction_error")

    def build(self, batch_input_shape):
        self.reconstruct = tf.keras.layers.Dense(batch_input_shape[-1])

    def call(self, inputs, training=False):
        z = inputs
        for layer in self.hidden:
            z = layer(z)
        error = tf.reduce_mean(tf.square(self.reconstruct(z) - inputs))
        self.add_loss(0.05 * error)
        if training:
            self.add_metric(self.reconstruction_mean(error))
        return self.out(z)
