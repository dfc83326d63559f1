"""EarlyStopping, ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN (B5).

Expected tuples were measured with the same fake model on Keras 3.15 (TF 2.21).
"""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import callbacks
from tensorlet.keras.callbacks.monitor_callback import direction

from ._loop import fit, make_data, make_model


class FakeModel:
    def __init__(self):
        self.weights = [np.zeros(1)]
        self.stop_training = False
        self.optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [np.array(w) for w in weights]


def run(callback, values, key="val_loss"):
    """Epoch e sets the weight to e, then logs values[e]; returns Keras's observables."""
    model = FakeModel()
    callback.set_model(model)
    callback.on_train_begin()
    for epoch, value in enumerate(values):
        model.weights = [np.array([float(epoch)])]
        callback.on_epoch_end(epoch, {key: value})
        if model.stop_training:
            break
    callback.on_train_end()
    return epoch, float(model.weights[0][0]), callback.best, callback.wait


@pytest.mark.parametrize("kwargs, values, expected", [
    (dict(patience=2, restore_best_weights=True), [5, 3, 4, 4, 4, 1], (3, 1.0, 3, 2)),
    (dict(patience=2, baseline=2.0, restore_best_weights=True), [5, 3, 4, 4, 4, 1],
     (2, 1.0, 3, 3)),
    (dict(patience=1, min_delta=0.5), [5, 4.7, 4.6, 4.5], (1, 1.0, 5, 1)),
    (dict(patience=1, start_from_epoch=2, restore_best_weights=True), [1, 5, 6, 7, 8, 9],
     (3, 2.0, 6, 1)),
    (dict(patience=0), [5, 6], (1, 1.0, 5, 1)),
    (dict(patience=2, restore_best_weights=True), [5, 4, 3, 2], (3, 3.0, 2, 0)),
    (dict(patience=3, restore_best_weights=True), [5, 4, 6, 7], (3, 1.0, 4, 2)),
    (dict(patience=2, min_delta=-0.5), [5, 5.2, 5.4, 5.6], (2, 2.0, 5, 2)),
])
def test_b5_early_stopping_matches_keras(kwargs, values, expected):
    assert run(callbacks.EarlyStopping(**kwargs), values) == expected


def test_b5_early_stopping_max_mode_for_accuracy():
    stopper = callbacks.EarlyStopping(monitor="val_accuracy", patience=1)
    assert run(stopper, [0.5, 0.6, 0.55, 0.4], "val_accuracy") == (2, 2.0, 0.6, 1)
    assert stopper.stopped_epoch == 2


def test_early_stopping_verbose_messages(capsys):
    run(callbacks.EarlyStopping(patience=2, restore_best_weights=True, verbose=1),
        [5, 3, 4, 4, 4, 1])
    assert capsys.readouterr().out.splitlines() == [
        "Epoch 4: early stopping", "Restoring model weights from the end of the best epoch: 2."]


def test_early_stopping_warns_when_the_monitor_is_missing():
    with pytest.warns(UserWarning, match="Early stopping conditioned on metric `val_loss` "
                                         "which is not available. Available metrics are: loss"):
        result = run(callbacks.EarlyStopping(patience=1), [0.5, 0.6], "loss")
    assert result == (1, 1.0, None, 0)


def test_b5_early_stopping_restores_best_weights_of_a_real_model():
    model = make_model()
    x, y = make_data(16)

    class Snapshot(callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.weights = []

        def on_epoch_end(self, epoch, logs=None):
            self.weights.append([w.copy() for w in self.model.get_weights()])

    snapshot = Snapshot()
    # val_loss goes up after epoch 1, so epoch 1 (0-based) is the best one
    val_losses = iter([3.0, 1.0, 2.0, 2.5, 3.0, 4.0])

    class FakeValidation(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs["val_loss"] = next(val_losses)

    stopper = callbacks.EarlyStopping(patience=2, restore_best_weights=True)
    history = fit(model, x, y, epochs=6, batch_size=8,
                  callbacks=[FakeValidation(), snapshot, stopper])
    assert history.epoch == [0, 1, 2, 3] and stopper.best_epoch == 1
    for restored, best in zip(model.get_weights(), snapshot.weights[1]):
        np.testing.assert_array_equal(restored, best)
    assert not np.array_equal(model.get_weights()[0], snapshot.weights[-1][0])


@pytest.mark.parametrize("monitor, expected", [
    ("val_loss", "min"), ("loss", "min"), ("val_accuracy", "max"), ("sparse_categorical_accuracy",
                                                                     "max"),
    ("val_auc", "max"), ("precision", "max"), ("val_recall", "max"), ("mae", "min"),
    ("reconstruction_error", "min"), ("val_root_mean_squared_error", "min"),
])
def test_auto_mode_direction_from_the_name(monitor, expected):
    assert direction(monitor) == expected


def test_auto_mode_prefers_the_metric_objects_direction():
    class Metric:
        name = "score"
        _direction = "up"

    class Model:
        metrics = [Metric()]

    assert direction("val_score", Model()) == "max" and direction("val_score") == "min"


def test_unknown_mode_warns_and_uses_auto():
    with pytest.warns(UserWarning, match="mode 'maximum' is unknown, fallback to auto"):
        stopper = callbacks.EarlyStopping(mode="maximum")
    assert stopper.mode == "auto"


# --- ReduceLROnPlateau --------------------------------------------------------------------


def run_reduce(callback, values):
    model = FakeModel()
    callback.set_model(model)
    callback.on_train_begin()
    rates = []
    for epoch, value in enumerate(values):
        logs = {"val_loss": value}
        callback.on_epoch_end(epoch, logs)
        rates.append(round(float(model.optimizer.learning_rate.numpy()), 6))
    return rates, logs


@pytest.mark.parametrize("kwargs, values, rates, last_logged", [
    (dict(factor=0.5, patience=2), [1] * 6, [0.1, 0.1, 0.05, 0.05, 0.025, 0.025], 0.025),
    (dict(factor=0.5, patience=1, cooldown=2, min_lr=0.02), [1] * 8,
     [0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02], 0.02),
    (dict(factor=0.5, patience=1, min_delta=0.1), [1, 0.95, 0.8, 0.75, 0.74],
     [0.1, 0.05, 0.05, 0.025, 0.0125], 0.025),
])
def test_b5_reduce_lr_on_plateau_matches_keras(kwargs, values, rates, last_logged):
    got_rates, logs = run_reduce(callbacks.ReduceLROnPlateau(**kwargs), values)
    assert got_rates == rates
    assert logs["learning_rate"] == pytest.approx(last_logged)


def test_reduce_lr_on_plateau_verbose_message(capsys):
    run_reduce(callbacks.ReduceLROnPlateau(factor=0.5, patience=2, verbose=1), [1] * 3)
    assert capsys.readouterr().out == ("\nEpoch 3: ReduceLROnPlateau reducing learning rate to "
                                       "0.05000000074505806.\n")


def test_reduce_lr_on_plateau_rejects_factor_1_and_maps_epsilon():
    with pytest.raises(ValueError, match="does not support a factor >= 1.0. Received factor=1"):
        callbacks.ReduceLROnPlateau(factor=1)
    with pytest.warns(DeprecationWarning, match="`epsilon` argument is deprecated"):
        callback = callbacks.ReduceLROnPlateau(epsilon=0.3)
    assert callback.min_delta == 0.3
    with pytest.raises(TypeError, match="unexpected keyword arguments \\['patiense'\\]"):
        callbacks.ReduceLROnPlateau(patiense=3)


# --- LearningRateScheduler ----------------------------------------------------------------


def test_b5_learning_rate_scheduler_sets_the_rate_each_epoch():
    rates = []

    class Record(callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            rates.append(float(self.model.optimizer.learning_rate.numpy()))

    def schedule(epoch, lr):
        return lr if epoch < 1 else lr * 0.5

    x, y = make_data(16)
    history = fit(make_model(), x, y, epochs=3, batch_size=8,
                  callbacks=[callbacks.LearningRateScheduler(schedule), Record()])
    np.testing.assert_allclose(rates, [0.05, 0.025, 0.0125], rtol=1e-6)
    np.testing.assert_allclose(history.history["learning_rate"], [0.05, 0.025, 0.0125],
                               rtol=1e-6)


@pytest.mark.parametrize("schedule", [lambda epoch: 0.01 * (epoch + 1),
                                      lambda epoch, lr: tf.constant(0.01) * (epoch + 1),
                                      lambda epoch, lr: np.float32(0.01) * (epoch + 1)])
def test_learning_rate_scheduler_accepts_old_api_and_float_tensors(schedule):
    model = FakeModel()
    scheduler = callbacks.LearningRateScheduler(schedule)
    scheduler.set_model(model)
    scheduler.on_epoch_begin(1)
    assert float(model.optimizer.learning_rate.numpy()) == pytest.approx(0.02)


def test_learning_rate_scheduler_rejects_non_floats_and_prints(capsys):
    model = FakeModel()
    scheduler = callbacks.LearningRateScheduler(lambda epoch, lr: 1)
    scheduler.set_model(model)
    with pytest.raises(ValueError, match="The output of the `schedule` function should be a "
                                         "float. Got: 1"):
        scheduler.on_epoch_begin(0)
    verbose = callbacks.LearningRateScheduler(lambda epoch, lr: 0.5, verbose=1)
    verbose.set_model(model)
    verbose.on_epoch_begin(2)
    assert capsys.readouterr().out == ("\nEpoch 3: LearningRateScheduler setting learning rate "
                                       "to 0.5.\n")


# --- TerminateOnNaN -----------------------------------------------------------------------


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -np.inf])
def test_b5_terminate_on_nan_stops_training(bad, capsys):
    x, y = make_data(32)

    class PoisonLoss(callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 1:
                logs["loss"] = bad

    history = fit(make_model(), x, y, epochs=3, batch_size=8,
                  callbacks=[PoisonLoss(), callbacks.TerminateOnNaN()])
    assert history.epoch == [0]
    assert capsys.readouterr().out == "Batch 1: Invalid loss, terminating training\n"


def test_terminate_on_nan_raise_error_and_finite_losses():
    callback = callbacks.TerminateOnNaN(raise_error=True)
    callback.set_model(FakeModel())
    callback.on_train_batch_end(0, {"loss": 1.5})
    callback.on_train_batch_end(0, {})
    assert callback.model.stop_training is False
    with pytest.raises(RuntimeError, match="NaN or Inf loss encountered at batch 2. Loss "
                                           "value: nan. Terminating training immediately."):
        callback.on_train_batch_end(2, {"loss": float("nan")})
