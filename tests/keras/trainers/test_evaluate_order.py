"""The list `evaluate()` returns for a multi-output model, in Keras 3's order.

Keras 3 lists the loss, then the per-output losses (`<output>_loss`), then the other metrics
sorted by name. The per-output loss trackers of a traced step average the batches' losses
(Keras does not know the batch size inside `tf.function`); an eager step weights them by the
batch size. Expected values come from Keras 3.15 on TF 2.21.
"""

import numpy as np
import pytest

import tensorlet as tf

K = tf.keras
_RNG = np.random.RandomState(0)
X = _RNG.randn(40, 3).astype("float32")
Y1 = _RNG.randn(40, 1).astype("float32")
Y2 = _RNG.randn(40, 1).astype("float32")


def _model():
    inputs = K.Input(shape=(3,), name="x")
    model = K.Model(inputs, [K.layers.Dense(1, name="o1")(inputs),
                             K.layers.Dense(1, name="o2")(inputs)])
    model.get_layer("o1").set_weights([np.array([[1.0], [2.0], [3.0]], "float32"),
                                       np.array([0.5], "float32")])
    model.get_layer("o2").set_weights([np.array([[-1.0], [0.0], [1.0]], "float32"),
                                       np.array([0.0], "float32")])
    return model


def _compiled(metrics=(("mae",), ("mae",)), **kwargs):
    model = _model()
    model.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], optimizer="sgd",
                  metrics=[list(m) for m in metrics], **kwargs)
    return model


# Keras 3.15, batch_size=40: [loss, o1_loss, o2_loss, o1_mae, o2_mae]
ONE_BATCH = [16.99976921081543, 18.577245712280273, 2.8024837970733643, 3.4997260570526123,
             1.301011323928833]


def test_evaluate_lists_the_output_losses_before_the_metrics():
    model = _compiled()
    assert model.metrics_names == ["loss", "compile_metrics"]  # Keras 3.15, before a step
    np.testing.assert_allclose(model.evaluate(X, (Y1, Y2), batch_size=40, verbose=0),
                               ONE_BATCH, rtol=1e-5)
    logs = model.evaluate(X, (Y1, Y2), batch_size=40, verbose=0, return_dict=True)
    assert list(logs) == ["loss", "o1_loss", "o1_mae", "o2_loss", "o2_mae"]
    assert model.metrics_names == ["loss", "compile_metrics", "o1_loss", "o2_loss"]


def test_other_metrics_follow_sorted_by_name():
    model = _compiled(metrics=(("mae", "mse"), ("mae",)))
    values = model.evaluate(X, (Y1, Y2), batch_size=40, verbose=0)
    # Keras 3.15: [loss, o1_loss, o2_loss, o1_mae, o1_mse, o2_mae]
    np.testing.assert_allclose(values, [16.99976921081543, 18.577245712280273,
                                        2.8024837970733643, 3.4997260570526123,
                                        18.577245712280273, 1.301011323928833], rtol=1e-5)
    np.testing.assert_allclose(model.test_on_batch(X, (Y1, Y2)), values, rtol=1e-5)


@pytest.mark.parametrize("run_eagerly, o1_loss, o2_loss", [
    (False, 20.282297134399414, 2.514042854309082),   # Keras 3.15: mean of 3 batch losses
    (True, 18.57724952697754, 2.8024837970733643),    # Keras 3.15: weighted by batch size
])
def test_output_loss_trackers_over_several_batches(run_eagerly, o1_loss, o2_loss):
    model = _compiled(run_eagerly=run_eagerly)
    values = model.evaluate(X, (Y1, Y2), batch_size=16, verbose=0)
    np.testing.assert_allclose(values, [16.999771118164062, o1_loss, o2_loss,
                                        3.4997260570526123, 1.3010114431381226], rtol=1e-5)


def test_single_output_keeps_the_compile_order():
    model = K.Sequential([K.Input((3,)), K.layers.Dense(1, kernel_initializer="ones")])
    model.compile(loss="mse", metrics=["mse", "mae", K.metrics.RootMeanSquaredError()])
    logs = model.evaluate(X, Y1, verbose=0, return_dict=True)
    values = model.evaluate(X, Y1, verbose=0)
    # Keras 3.15: the dict's keys are sorted, the list follows the compile order
    assert list(logs) == ["loss", "mae", "mse", "root_mean_squared_error"]
    assert values == [logs[k] for k in ["loss", "mse", "mae", "root_mean_squared_error"]]
    assert values[0] == values[1]
