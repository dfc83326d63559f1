"""Automatic tracking of sub-layers, variables and metrics (A9.1, A10.2) and losses (A10.1,
A12.1, D4)."""

import numpy as np

import tensorlet as tf

from .chapter_models import ResidualBlock


def test_a9_1_layers_in_a_list_are_tracked():
    block = ResidualBlock(2, 3)
    block(tf.ones((1, 3)))
    assert len(block.weights) == 4
    assert len(block.trainable_variables) == 4
    assert block._layers == block.hidden


def test_a9_1_layers_and_variables_in_tuples_dicts_and_nested_containers():
    class Holder(tf.keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.pair = (tf.keras.layers.Dense(1), tf.keras.layers.Dense(1))
            self.table = {"a": tf.keras.layers.Dense(1), "b": [tf.keras.layers.Dense(1)]}
            self.scale = tf.Variable(2.0)

        def call(self, x):
            ys = [self.pair[0](x), self.pair[1](x), self.table["a"](x), self.table["b"][0](x)]
            return tf.add_n(ys) * self.scale

    holder = Holder()
    holder(tf.ones((1, 2)))
    assert len(holder._layers) == 4
    assert len(holder.weights) == 9
    assert holder.weights[0] is holder.scale


def test_list_appended_after_assignment_is_tracked():
    class Grow(tf.keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.blocks = []
            self.blocks.append(tf.keras.layers.Dense(2))

        def call(self, x):
            return self.blocks[0](x)

    grow = Grow()
    grow(tf.ones((1, 2)))
    assert len(grow.weights) == 2


def test_reassigning_attribute_stops_tracking():
    layer = tf.keras.layers.Layer()
    layer.sub = tf.keras.layers.Dense(1)
    layer.sub = None
    assert layer._layers == []


def test_shared_layer_counted_once():
    dense = tf.keras.layers.Dense(2)

    class Shared(tf.keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.a = dense
            self.b = [dense]

        def call(self, x):
            return self.b[0](self.a(x))

    shared = Shared()
    shared(tf.ones((1, 2)))
    assert len(shared.weights) == 2


class ReconstructingRegressor(tf.keras.Model):
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden = [tf.keras.layers.Dense(30, activation="relu",
                                             kernel_initializer="he_normal")
                       for _ in range(5)]
        self.out = tf.keras.layers.Dense(output_dim)

    def build(self, batch_input_shape):
        n_inputs = batch_input_shape[-1]
        self.reconstruct = tf.keras.layers.Dense(n_inputs)

    def call(self, inputs, training=False):
        Z = inputs
        for layer in self.hidden:
            Z = layer(Z)
        reconstruction = self.reconstruct(Z)
        recon_loss = tf.reduce_mean(tf.square(reconstruction - inputs))
        self.add_loss(0.05 * recon_loss)
        return self.out(Z)


def test_a10_2_d10_layer_created_in_build_is_tracked_and_gets_gradients():
    model = ReconstructingRegressor(1)
    X = np.random.default_rng(0).random((8, 4))
    with tf.GradientTape() as tape:
        y = model(X, training=True)
        loss = tf.add_n([tf.reduce_mean(y)] + model.losses)
    names = [v.path for v in model.trainable_variables]
    assert len(names) == 14
    assert any(model.reconstruct.name in n for n in names)
    grads = tape.gradient(loss, model.trainable_variables)
    assert all(g is not None for g in grads)


def test_a10_1_add_loss_is_reset_on_every_outer_call():
    model = ReconstructingRegressor(1)
    X = np.ones((4, 3))
    for _ in range(3):
        model(X)
        assert len(model.losses) == 1


def test_a10_1_add_loss_in_nested_layer_collected_and_reset():
    class Penalized(tf.keras.layers.Layer):
        def call(self, x):
            self.add_loss(tf.reduce_sum(x))
            return x

    class Outer(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.p = Penalized()

        def call(self, x):
            return self.p(self.p(x))

    model = Outer()
    model(tf.ones(2))
    model(tf.ones(2))
    assert [float(v) for v in model.losses] == [2.0, 2.0]


def test_a12_1_sequential_with_regularizers_builds_lazily_and_has_two_losses():
    l2_reg = tf.keras.regularizers.l2(0.05)
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(30, activation="relu", kernel_initializer="he_normal",
                              kernel_regularizer=l2_reg),
        tf.keras.layers.Dense(1, kernel_regularizer=l2_reg)])
    assert not model.built
    model(np.ones((2, 8)))
    assert model.built
    assert len(model.losses) == 2
    assert all(loss.shape == () for loss in model.losses)
    model(np.ones((2, 8)))
    assert len(model.losses) == 2


def test_d4_add_metric_keeps_a_streaming_mean_by_name():
    class WithMetric(tf.keras.layers.Layer):
        def call(self, x):
            self.add_metric(tf.reduce_mean(x), name="avg")
            return x

    layer = WithMetric()
    layer(tf.constant([1.0, 3.0]))
    layer(tf.constant([5.0, 7.0]))
    assert [m.name for m in layer.metrics] == ["avg"]
    assert float(layer.metrics[0].result()) == 4.0


def test_a10_4_d4_metric_attribute_is_tracked_and_add_metric_of_its_result_is_not_duplicated():
    class WithMean(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.mean = tf.keras.metrics.Mean(name="reconstruction_error")

        def call(self, x, training=False):
            if training:
                result = self.mean(tf.reduce_mean(x))
                self.add_metric(result)
            return x

    model = WithMean()
    model(tf.ones(2), training=True)
    assert [m.name for m in model.metrics] == ["reconstruction_error"]


def test_cached_weights_follow_later_changes():
    class Grow(tf.keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.blocks = [tf.keras.layers.Dense(2)]

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return x

    grow = Grow()
    grow(tf.ones((1, 2)))
    assert len(grow.weights) == 2
    grow.blocks.append(tf.keras.layers.Dense(2))
    grow(tf.ones((1, 2)))
    assert len(grow.weights) == 4 and len(grow.trainable_weights) == 4
    grow.blocks[1].kernel.trainable = False
    assert len(grow.trainable_weights) == 3
    del grow.blocks
    assert grow.weights == []
