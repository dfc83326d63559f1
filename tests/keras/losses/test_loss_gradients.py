"""Every built-in loss is differentiable with GradientTape, and its gradient agrees with central
finite differences in float64 (A4.1: Keras differentiates the loss to train)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import losses

from .reference_cases import (
    BIN_LOGITS,
    BIN_PRED,
    BIN_TRUE,
    DIST_PRED,
    DIST_TRUE,
    LABELS,
    LOGITS,
    ONE_HOT,
    POS_P,
    POS_Y,
    PROBS,
    SCORES,
    P,
    Y,
)

# (loss object, y_true, y_pred): inputs away from kinks (|error| == delta, margins == 1).
CASES = {
    "mse": (losses.MeanSquaredError(), Y, P),
    "mae": (losses.MeanAbsoluteError(), Y, P),
    "mape": (losses.MeanAbsolutePercentageError(), POS_Y, P),
    "msle": (losses.MeanSquaredLogarithmicError(), POS_Y, POS_P),
    "huber": (losses.Huber(0.7), Y, P),
    "log_cosh": (losses.LogCosh(), Y, P),
    "cosine": (losses.CosineSimilarity(), Y, P),
    "bce": (losses.BinaryCrossentropy(), BIN_TRUE, np.clip(BIN_PRED, 0.1, 0.9)),
    "bce_logits": (losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1),
                   BIN_TRUE, BIN_LOGITS),
    "cce": (losses.CategoricalCrossentropy(label_smoothing=0.2), ONE_HOT, PROBS),
    "cce_logits": (losses.CategoricalCrossentropy(from_logits=True), ONE_HOT, LOGITS),
    "scce": (losses.SparseCategoricalCrossentropy(), LABELS, PROBS),
    "scce_logits": (losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1),
                    LABELS, LOGITS),
    "hinge": (losses.Hinge(), BIN_TRUE, SCORES),
    "squared_hinge": (losses.SquaredHinge(), BIN_TRUE, SCORES),
    "categorical_hinge": (losses.CategoricalHinge(), ONE_HOT, LOGITS),
    "kld": (losses.KLDivergence(), DIST_TRUE, DIST_PRED),
    "poisson": (losses.Poisson(), POS_Y, POS_P),
}


def _loss64(loss):
    config = {**loss.get_config(), "dtype": "float64"}
    return type(loss).from_config(config)


@pytest.mark.parametrize("name", sorted(CASES))
def test_loss_gradient_exists_in_float32(name):
    loss, y_true, y_pred = CASES[name]
    variable = tf.Variable(y_pred)
    with tf.GradientTape() as tape:
        value = loss(y_true, variable)
    grad = tape.gradient(value, variable)
    assert grad is not None, name
    assert grad.shape == variable.shape and grad.dtype == tf.float32
    assert np.all(np.isfinite(grad.numpy())) and np.any(grad.numpy() != 0)


@pytest.mark.parametrize("name", sorted(CASES))
def test_loss_gradient_matches_finite_differences(name):
    loss, y_true, y_pred = CASES[name]
    loss = _loss64(loss)
    x = np.asarray(y_pred, np.float64)
    variable = tf.Variable(x)
    with tf.GradientTape() as tape:
        value = loss(y_true, variable, sample_weight=[1.0, 0.5, 2.0, 1.5])
    grad = tape.gradient(value, variable).numpy()
    numeric = np.zeros_like(x)
    step = 1e-6
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += step
        minus[index] -= step
        numeric[index] = (float(loss(y_true, plus, [1.0, 0.5, 2.0, 1.5]))
                          - float(loss(y_true, minus, [1.0, 0.5, 2.0, 1.5]))) / (2 * step)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-6, err_msg=name)


def test_book_training_step_lowers_the_loss():
    w = tf.Variable([[0.5], [-0.3]])
    x = tf.constant([[1.0, 2.0], [3.0, 1.0], [0.5, -1.0]])
    y = tf.constant([[2.0], [1.0], [0.0]])
    loss_fn = losses.Huber(2.0)
    before = float(loss_fn(y, x @ w))
    for _ in range(20):
        with tf.GradientTape() as tape:
            value = loss_fn(y, x @ w)
        w.assign_sub(0.05 * tape.gradient(value, w))
    assert float(loss_fn(y, x @ w)) < before
