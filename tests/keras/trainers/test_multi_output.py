"""Multi-output models: per-output losses, weights and metrics (B1, B4)."""

import numpy as np
import pytest

import tensorlet as tf


def _wide_and_deep(dict_outputs=False):
    inputs = tf.keras.Input((4,), name="inputs")
    hidden = tf.keras.layers.Dense(5, activation="relu")(inputs)
    main = tf.keras.layers.Dense(1, name="main", kernel_initializer="zeros")(hidden)
    aux = tf.keras.layers.Dense(1, name="aux", kernel_initializer="zeros")(hidden)
    outputs = {"main": main, "aux": aux} if dict_outputs else [main, aux]
    return tf.keras.Model(inputs, outputs)


X = np.ones((12, 4), np.float32)
Y_MAIN = np.ones((12, 1), np.float32)
Y_AUX = np.full((12, 1), 2.0, np.float32)


def test_b1_loss_weights_weight_the_total_but_not_the_output_losses():
    model = _wide_and_deep()
    model.compile(loss=["mse", "mse"], loss_weights=[2.0, 3.0],
                  optimizer=tf.keras.optimizers.SGD(0.0))
    logs = model.evaluate(X, [Y_MAIN, Y_AUX], verbose=0, return_dict=True)
    assert logs == {"aux_loss": 4.0, "loss": 14.0, "main_loss": 1.0}  # measured on TF 2.21
    history = model.fit(X, [Y_MAIN, Y_AUX], verbose=0)
    assert history.history == {"aux_loss": [4.0], "loss": [14.0], "main_loss": [1.0]}


def test_b1_per_output_metrics_are_prefixed_with_the_output_name():
    model = _wide_and_deep()
    model.compile(loss=["mse", "mae"], metrics=[["mae"], ["mse", "mae"]], optimizer="sgd")
    history = model.fit(X, [Y_MAIN, Y_AUX], validation_split=0.25, verbose=0)
    assert sorted(history.history) == [
        "aux_loss", "aux_mae", "aux_mse", "loss", "main_loss", "main_mae",
        "val_aux_loss", "val_aux_mae", "val_aux_mse", "val_loss", "val_main_loss",
        "val_main_mae"]
    assert model.metrics_names == ["loss", "compile_metrics", "main_loss", "aux_loss"]
    values = model.evaluate(X, [Y_MAIN, Y_AUX], verbose=0)
    logs = model.evaluate(X, [Y_MAIN, Y_AUX], verbose=0, return_dict=True)
    # Keras 3.15's order: loss, the per-output losses, then the other metrics sorted by name
    order = ["loss", "main_loss", "aux_loss", "aux_mae", "aux_mse", "main_mae"]
    assert values == [logs[name] for name in order]


def test_b1_dict_losses_and_targets_by_output_name():
    model = _wide_and_deep()
    model.compile(loss={"main": "mse", "aux": "mae"}, metrics={"main": "mae"},
                  optimizer=tf.keras.optimizers.SGD(0.0))
    logs = model.fit(X, {"main": Y_MAIN, "aux": Y_AUX}, verbose=0).history
    assert logs == {"aux_loss": [2.0], "loss": [3.0], "main_loss": [1.0], "main_mae": [1.0]}


def test_b1_one_loss_for_every_output():
    model = _wide_and_deep()
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.0))
    logs = model.evaluate(X, [Y_MAIN, Y_AUX], verbose=0, return_dict=True)
    assert logs == {"aux_loss": 4.0, "loss": 5.0, "main_loss": 1.0}


def test_b1_a_loss_for_one_output_only():
    model = _wide_and_deep()
    model.compile(loss={"aux": "mse"}, optimizer=tf.keras.optimizers.SGD(0.0))
    logs = model.evaluate(X, [Y_MAIN, Y_AUX], verbose=0, return_dict=True)
    assert logs == {"aux_loss": 4.0, "loss": 4.0}


def test_b1_dict_outputs_and_per_output_sample_weights():
    model = _wide_and_deep(dict_outputs=True)
    model.compile(loss={"main": "mse", "aux": "mse"}, optimizer=tf.keras.optimizers.SGD(0.0))
    weights = {"main": np.zeros(12), "aux": np.ones(12)}
    logs = model.evaluate(X, {"main": Y_MAIN, "aux": Y_AUX}, sample_weight=weights, verbose=0,
                          return_dict=True)
    assert logs == {"aux_loss": 4.0, "loss": 4.0, "main_loss": 0.0}
    out = model.predict(X, verbose=0)
    assert sorted(out) == ["aux", "main"]


def test_b1_wrong_number_of_losses_or_unknown_names_are_errors():
    model = _wide_and_deep()
    model.compile(loss=["mse"] * 3, optimizer="sgd")
    with pytest.raises(ValueError, match="as many entries as the model has outputs"):
        model.fit(X, [Y_MAIN, Y_AUX], verbose=0)
    model.compile(loss={"nope": "mse"}, optimizer="sgd")
    with pytest.raises(ValueError, match="do not correspond to any model output"):
        model.fit(X, [Y_MAIN, Y_AUX], verbose=0)


def test_b1_multi_output_trains_both_heads():
    model = _wide_and_deep()
    model.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], optimizer="adam")
    history = model.fit(X, [Y_MAIN, Y_AUX], epochs=5, verbose=0)
    assert history.history["main_loss"][-1] < history.history["main_loss"][0]
    assert history.history["aux_loss"][-1] < history.history["aux_loss"][0]
