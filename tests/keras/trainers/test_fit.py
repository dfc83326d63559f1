"""`Model.fit` on arrays: History, validation, weights, epochs and steps (A4.1, A4.2, A6.1, A7.1,
A9.2, A10.1, A10.2, B4)."""

import numpy as np
import pytest

import tensorlet as tf

from ..chapter_models import (
    ResidualRegressor,
    create_huber,
    housing_like,
    huber_fn,
    regressor,
)


def _frozen_linear(units=1, inputs=1):
    """y_pred = 0 forever: a zero kernel that SGD(0) never changes."""
    model = tf.keras.Sequential([tf.keras.Input((inputs,)),
                                 tf.keras.layers.Dense(units, kernel_initializer="zeros",
                                                       use_bias=False)])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0))
    return model


def test_a4_1_huber_fn_trains_and_history_is_the_epoch_mean():
    x, y = housing_like(320)
    model = regressor()
    model.compile(loss=huber_fn, optimizer="nadam")
    history = model.fit(x, y, epochs=4, verbose=0)
    assert list(history.history) == ["loss"]
    assert history.epoch == [0, 1, 2, 3]
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert all(isinstance(v, float) for v in history.history["loss"])


def test_a4_1_history_loss_is_the_sample_mean_over_the_epoch():
    # batches of 4, 4 and 2 samples: Keras weights each batch's loss by its size
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    model = _frozen_linear()
    history = model.fit(x, x, batch_size=4, shuffle=False, verbose=0)
    assert history.history["loss"] == [pytest.approx(np.mean(x ** 2))]  # 28.5, not 35.83


def test_b4_sample_weight_and_class_weight_weight_the_loss_like_keras():
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    model = _frozen_linear()
    weights = np.arange(10, dtype=np.float32)
    history = model.fit(x, x, batch_size=4, sample_weight=weights, verbose=0)
    assert history.history["loss"] == [pytest.approx(202.5)]  # TF 2.21: sum(w*l) / n
    classes = x.astype(np.int64)
    history = model.fit(x, classes, batch_size=4, class_weight={i: float(i) for i in range(10)},
                        verbose=0)
    assert history.history["loss"] == [pytest.approx(202.5)]


def test_b4_class_weight_with_sample_weight_is_an_error():
    model = _frozen_linear()
    with pytest.raises(ValueError, match="cannot `class_weight` and `sample_weight`"):
        model.fit(np.ones((4, 1)), np.ones((4, 1)), class_weight={1: 1.0},
                  sample_weight=np.ones(4), verbose=0)


def test_b4_class_weight_missing_class_is_an_error():
    model = _frozen_linear()
    with pytest.raises(ValueError, match="class_weight"):
        model.fit(np.ones((4, 1)), np.array([0, 1, 2, 0]), class_weight={0: 1.0, 1: 2.0},
                  verbose=0)


def test_a4_2_closure_loss_trains():
    x, y = housing_like(128)
    model = regressor()
    model.compile(loss=create_huber(2.0), optimizer="nadam")
    losses = model.fit(x, y, epochs=3, verbose=0).history["loss"]
    assert losses[-1] < losses[0]


def test_a7_1_function_metric_is_logged_under_its_name():
    x, y = housing_like(128)
    model = regressor()
    model.compile(loss="mse", optimizer="nadam", metrics=[create_huber(2.0)])
    history = model.fit(x, y, epochs=2, verbose=0)
    assert sorted(history.history) == ["huber_fn", "loss"]
    # A7.1: the metric is averaged over the epoch's batches, like the loss
    assert 0 < history.history["huber_fn"][0] < history.history["loss"][0]


def test_a9_2_residual_regressor_fit_evaluate_predict():
    x, y = housing_like(200)
    model = ResidualRegressor(1)
    model.compile(loss="mse", optimizer="nadam")
    history = model.fit(x, y, epochs=2, validation_split=0.1, verbose=0)
    assert len(model.trainable_variables) == 12
    assert set(history.history) == {"loss", "val_loss"}
    score = model.evaluate(x, y, verbose=0)
    assert isinstance(score, float)
    assert model.predict(x[:7], verbose=0).shape == (7, 1)


def test_b4_validation_split_takes_the_last_samples():
    seen = {"train": [], "val": []}

    class Spy(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def train_step(self, data):
            seen["train"].extend(np.asarray(data[0]).ravel().tolist())
            return {"loss": 0.0}

        def test_step(self, data):
            seen["val"].extend(np.asarray(data[0]).ravel().tolist())
            return {"loss": 0.0}

    model = Spy()
    model.compile(loss="mse", run_eagerly=True)
    x = np.arange(10, dtype=np.float32).reshape(10, 1)
    history = model.fit(x, x, batch_size=4, validation_split=0.15, shuffle=False, verbose=0)
    assert seen == {"train": [0, 1, 2, 3, 4, 5, 6, 7], "val": [8.0, 9.0]}  # floor(8.5) = 8
    assert history.params["steps"] == 2


def test_b4_validation_split_must_be_a_fraction():
    with pytest.raises(ValueError, match="validation_split"):
        _frozen_linear().fit(np.ones((4, 1)), np.ones((4, 1)), validation_split=1.5, verbose=0)


def test_b4_validation_data_and_validation_freq():
    x, y = housing_like(60)
    model = regressor()
    model.compile(loss="mse", optimizer="sgd", metrics=["mae"])
    history = model.fit(x, y, epochs=4, validation_data=(x[:20], y[:20]), validation_freq=2,
                        verbose=0)
    assert sorted(history.history) == ["loss", "mae", "val_loss", "val_mae"]
    assert len(history.history["loss"]) == 4 and len(history.history["val_loss"]) == 2
    history = model.fit(x, y, epochs=3, validation_data=(x, y, np.ones(60)),
                        validation_freq=[1, 3], verbose=0)
    assert len(history.history["val_loss"]) == 2


def test_b4_initial_epoch_and_params():
    model = _frozen_linear()
    history = model.fit(np.ones((5, 1)), np.ones((5, 1)), epochs=3, initial_epoch=1,
                        batch_size=2, verbose=0)
    assert history.epoch == [1, 2]
    assert history.params == {"verbose": 0, "epochs": 3, "steps": 3}
    assert model.history is history


def test_b4_steps_per_epoch_cycles_through_arrays():
    seen = []

    class Counter(tf.keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(batch)

    model = _frozen_linear()
    history = model.fit(np.ones((5, 1)), np.ones((5, 1)), batch_size=2, steps_per_epoch=4,
                        epochs=2, callbacks=[Counter()], verbose=0)
    assert seen == [0, 1, 2, 3, 0, 1, 2, 3]
    assert history.params["steps"] == 4


def test_b4_shuffle_false_keeps_order_and_shuffle_true_permutes():
    batches = []

    class Spy(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def train_step(self, data):
            batches.append(np.asarray(data[0]).ravel().tolist())
            return {}

    model = Spy()
    model.compile(loss="mse", run_eagerly=True)
    x = np.arange(12, dtype=np.float32).reshape(12, 1)
    model.fit(x, x, batch_size=4, shuffle=False, verbose=0)
    assert batches == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    batches.clear()
    tf.random.set_seed(3)
    model.fit(x, x, batch_size=4, epochs=2, verbose=0)
    first, second = sorted(sum(batches[:3], [])), sum(batches[:3], [])
    assert first == list(range(12)) and second != list(range(12))
    assert sum(batches[3:], []) != second  # reshuffled each epoch


def test_b4_data_cardinality_mismatch():
    with pytest.raises(ValueError, match="Data cardinality is ambiguous"):
        _frozen_linear().fit(np.ones((2, 1)), np.ones((3, 1)), verbose=0)


def test_a6_1_regularizer_is_added_to_the_training_loss_and_constraint_applied():
    def my_l1_regularizer(weights):
        return tf.reduce_sum(tf.abs(0.01 * weights))

    def my_positive_weights(weights):
        return tf.where(weights < 0., tf.zeros_like(weights), weights)

    x, y = housing_like(64)
    model = tf.keras.Sequential([
        tf.keras.Input((8,)),
        tf.keras.layers.Dense(30, activation="relu", kernel_regularizer=my_l1_regularizer,
                              kernel_constraint=my_positive_weights),
        tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0))
    penalty = float(tf.add_n(model.losses))
    plain = float(tf.reduce_mean(tf.square(y - model(x))))
    history = model.fit(x, y, batch_size=64, verbose=0)
    assert history.history["loss"][0] == pytest.approx(plain + penalty, rel=1e-5)
    model.compile(loss="mse", optimizer="sgd")
    model.fit(x, y, epochs=2, verbose=0)
    assert float(tf.reduce_min(model.layers[0].kernel)) >= 0.0


def test_a10_1_a10_2_add_loss_in_call_with_a_sublayer_built_in_build():
    from ..chapter_models import ReconstructingRegressor

    x, y = housing_like(256)
    model = ReconstructingRegressor(1)
    model.compile(loss="mse", optimizer="nadam")
    history = model.fit(x, y, epochs=3, verbose=0)
    assert "reconstruction_error" in history.history
    errors = history.history["reconstruction_error"]
    assert errors[-1] < errors[0]
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert len(model.trainable_variables) == 14  # 5 hidden + out + reconstruct, trained too
    model(x[:4])
    assert len(model.losses) == 1  # A10.1: reset on every call


def test_a10_4_metric_attribute_updated_in_call_is_logged():
    class Watch(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(1)
            self.mean_abs = tf.keras.metrics.Mean(name="mean_abs_input")

        def call(self, x, training=False):
            if training:
                self.mean_abs.update_state(tf.reduce_mean(tf.abs(x)))
            return self.dense(x)

    x, y = housing_like(64)
    model = Watch()
    model.compile(loss="mse", optimizer="sgd")
    history = model.fit(x, y, batch_size=64, verbose=0)
    assert history.history["mean_abs_input"][0] == pytest.approx(np.abs(x).mean(), rel=1e-5)


def test_a10_3_add_metric_with_a_name_is_logged():
    class AddMetric(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(1)

        def call(self, x):
            y = self.dense(x)
            self.add_metric(tf.reduce_mean(x), name="input_mean")
            return y

    x, y = housing_like(64)
    model = AddMetric()
    model.compile(loss="mse", optimizer="sgd")
    history = model.fit(x, y, batch_size=64, verbose=0)
    assert history.history["input_mean"][0] == pytest.approx(x.mean(), rel=1e-5, abs=1e-6)


def test_b4_stop_training_from_a_callback():
    class StopAtOne(tf.keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                self.model.stop_training = True

    history = _frozen_linear().fit(np.ones((4, 1)), np.ones((4, 1)), epochs=10,
                                   callbacks=[StopAtOne()], verbose=0)
    assert history.epoch == [0, 1]


def test_b4_fit_accepts_multi_input_lists_and_dicts():
    a = tf.keras.Input((2,), name="a")
    b = tf.keras.Input((3,), name="b")
    out = tf.keras.layers.Dense(1)(tf.keras.layers.Concatenate()([a, b]))
    model = tf.keras.Model([a, b], out)
    model.compile(loss="mse", optimizer="sgd")
    xa, xb, y = np.ones((10, 2)), np.ones((10, 3)), np.ones((10, 1))
    assert len(model.fit([xa, xb], y, verbose=0).history["loss"]) == 1
    assert len(model.fit({"a": xa, "b": xb}, y, verbose=0).history["loss"]) == 1
    assert model.predict({"a": xa, "b": xb}, verbose=0).shape == (10, 1)


def test_a8_3_float64_inputs_and_int_labels_are_accepted():
    model = regressor(inputs=3)
    model.compile(loss="mse", optimizer="sgd")
    model.fit(np.ones((4, 3), np.float64), np.ones((4, 1), np.float64), verbose=0)
    model.fit(np.ones((4, 3), np.float64), np.arange(4), verbose=0)
    assert model.layers[0].kernel.dtype == tf.float32


def test_a10_1_a_non_scalar_add_loss_is_summed():
    class PerSample(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(1, kernel_initializer="zeros", use_bias=False)

        def call(self, x):
            self.add_loss(tf.reduce_sum(x, axis=1))  # one value per sample
            return self.dense(x)

    model = PerSample()
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0))
    history = model.fit(np.ones((4, 2)), np.zeros((4, 1)), batch_size=4, verbose=0)
    assert history.history["loss"] == [8.0]


def test_a10_1_add_loss_alone_needs_no_compiled_loss():
    class OnlyAddLoss(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(1)

        def call(self, x):
            y = self.dense(x)
            self.add_loss(tf.reduce_mean(tf.square(y - 1.0)))
            return y

    model = OnlyAddLoss()
    model.compile(optimizer="sgd")
    losses = model.fit(np.ones((16, 2)), epochs=5, verbose=0).history["loss"]
    assert losses[-1] < losses[0]
