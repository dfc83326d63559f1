"""Part 2 of the demo: a custom loss and metric, then custom models trained with `fit`."""

from __future__ import annotations

import os

import numpy as np

import tensorlet as tf

from .common import section
from .components import (
    HuberLoss,
    HuberMetric,
    MyDense,
    ReconstructingRegressor,
    ResidualRegressor,
    huber_fn,
)


def _values(tensor) -> list:
    return [round(float(v), 4) for v in np.ravel(tensor)]


def custom_loss_and_metric() -> None:
    section("Custom loss and metric")
    y_true = tf.constant([[0.0], [0.0], [0.0]])
    y_pred = tf.constant([[0.5], [1.5], [3.0]])
    print("errors                      :", _values(y_true - y_pred))
    print("huber_fn (per sample)       :", _values(huber_fn(y_true, y_pred)))
    loss = HuberLoss(2.0)
    print("HuberLoss(2.0) (batch mean) :", _values(loss(y_true, y_pred)),
          " get_config() keeps threshold =", loss.get_config()["threshold"])
    metric = HuberMetric(2.0)
    first = metric(y_true[:1], y_pred[:1])
    second = metric(y_true[1:], y_pred[1:])
    print(f"HuberMetric(2.0) streams    : {float(first):.4f} after batch 1, "
          f"{float(second):.4f} after batch 2 (the mean over all 3 values)")
    print("   its variables            :", {v.name: float(v) for v in metric.variables})
    metric.reset_state()
    print("   after reset_state()      :", {v.name: float(v) for v in metric.variables})


def residual_model(data, log_dir):
    """Trains `ResidualRegressor` with `fit`, the progress bar and a TensorBoard callback."""
    section("A custom layer and a residual model, trained with fit")
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = data
    layer = MyDense(3, activation="relu")
    print("MyDense(3, activation='relu') on a (2, 4) batch ->", layer(tf.ones((2, 4))).shape,
          " weights:", [f"{w.name} {tuple(w.shape)}" for w in layer.weights])
    print(f"Data: a noisy housing-like regression set, {len(X_train)} / {len(X_valid)} / "
          f"{len(X_test)} rows of 8 features (3% outliers)")
    model = ResidualRegressor(1)
    metric = HuberMetric(2.0, name="huber_metric")  # named: the first one was huber_metric
    model.compile(loss=HuberLoss(2.0), optimizer="nadam", metrics=[metric])
    tensorboard = tf.keras.callbacks.TensorBoard(os.path.join(log_dir, "residual_fit"),
                                                 histogram_freq=1)
    print("model.fit(X_train, y_train, epochs=5, validation_data=..., callbacks=[TensorBoard]):")
    history = model.fit(X_train, y_train, epochs=5, validation_data=(X_valid, y_valid),
                        callbacks=[tensorboard], verbose=1)
    n_params = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    print(f"ResidualRegressor: {len(model.trainable_weights)} weight tensors, {n_params} "
          "parameters (block1's weights are shared by its 4 applications)")
    scores = model.evaluate(X_test, y_test, verbose=0, return_dict=True)
    print("history keys:", sorted(history.history))
    print("huber_metric equals the loss: the same Huber function, tracked as a streaming metric")
    print("test set:", " - ".join(f"{k}: {v:.4f}" for k, v in sorted(scores.items())))
    return model


def internal_loss_and_metric(data) -> None:
    section("Losses and metrics from model internals")
    (X_train, y_train), _, _ = data
    model = ReconstructingRegressor(1)
    model.compile(loss="mse", optimizer="nadam")
    print("ReconstructingRegressor: add_loss(0.05 * reconstruction error), add_metric(...)")
    model.fit(X_train, y_train, epochs=2, verbose=1)
    print(f"model.losses after a call: {len(model.losses)} tensor "
          "(0.05 x the reconstruction error, added to the main loss)")


def run(data, log_dir):
    """Runs part 2 and returns the trained `ResidualRegressor`."""
    custom_loss_and_metric()
    model = residual_model(data, log_dir)
    internal_loss_and_metric(data)
    return model
