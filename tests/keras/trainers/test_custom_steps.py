"""User-overridden `train_step`/`test_step`/`predict_step`/`compute_loss` (B4; Keras 2 and 3)."""

import numpy as np
import pytest

import tensorlet as tf

from ..chapter_models import housing_like


class Keras3Style(tf.keras.Model):
    """The keras.io "customizing fit" pattern of Keras 3."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = tf.keras.layers.Dense(1)

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


class Keras2Style(tf.keras.Model):
    """The TF 2.x guide's pattern: compiled_loss and compiled_metrics."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = tf.keras.layers.Dense(1)

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


@pytest.mark.parametrize("cls", [Keras3Style, Keras2Style])
def test_b4_custom_train_step_trains_and_logs_its_metrics(cls):
    x, y = housing_like(128)
    model = cls()
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    history = model.fit(x, y, epochs=3, verbose=0)
    assert sorted(history.history) == ["loss", "mae"]
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert model.optimizer.iterations.numpy() == 12


def test_b4_custom_train_step_runs_in_tf_function_by_default():
    modes = []

    class Probe(Keras3Style):
        def train_step(self, data):
            modes.append(tf.executing_eagerly())
            return super().train_step(data)

    x, y = housing_like(64)
    model = Probe()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, epochs=2, verbose=0)
    assert modes and not any(modes)
    assert len(modes) <= 3  # traced (once more after creating variables), never per batch


def test_b4_custom_logs_are_returned_as_is():
    class Constant(Keras3Style):
        def train_step(self, data):
            super().train_step(data)
            return {"custom": tf.constant(7.0)}

    model = Constant()
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
    assert history.history == {"custom": [7.0]}


def test_b4_custom_test_step_and_predict_step():
    class Custom(Keras3Style):
        def test_step(self, data):
            x, y = data
            return {"gap": tf.reduce_mean(y - self(x, training=False))}

        def predict_step(self, data):
            return {"twice": 2.0 * self(data[0], training=False)}

    model = Custom()
    model.compile(optimizer="sgd", loss="mse")
    x = np.ones((3, 2), np.float32)
    base = model(x).numpy()
    assert model.evaluate(x, np.ones((3, 1)), verbose=0) == pytest.approx(
        float(np.mean(1.0 - base)))
    np.testing.assert_allclose(model.predict(x, verbose=0)["twice"], 2 * base, rtol=1e-6)


def test_b4_custom_train_step_with_sample_weights():
    seen = []

    class Weighted(Keras3Style):
        def train_step(self, data):
            x, y, sample_weight = data
            seen.append(sample_weight.shape.as_list())
            with tf.GradientTape() as tape:
                loss = self.compute_loss(y=y, y_pred=self(x, training=True),
                                         sample_weight=sample_weight)
            self.optimizer.apply_gradients(
                zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
            return {"loss": loss}

    model = Weighted()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 2)), np.ones((4, 1)), sample_weight=np.ones(4), verbose=0)
    assert seen[0] == [4]


def test_b4_overridden_compute_loss_is_used_by_the_default_step():
    class Doubled(Keras3Style):
        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
            return 2.0 * super().compute_loss(x, y, y_pred, sample_weight, training)

    model = Doubled()
    model.dense.build((None, 2))
    model.dense.set_weights([np.zeros((2, 1)), np.zeros(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(0.0), loss="mse")
    history = model.fit(np.ones((4, 2)), np.full((4, 1), 3.0), verbose=0)
    assert history.history["loss"] == [18.0]


def test_b4_overridden_compute_metrics_is_used():
    class Extra(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def compute_metrics(self, x, y, y_pred, sample_weight=None):
            logs = super().compute_metrics(x, y, y_pred, sample_weight)
            logs["pred_mean"] = tf.reduce_mean(y_pred)
            return logs

    model = Extra()
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
    assert sorted(history.history) == ["loss", "pred_mean"]
