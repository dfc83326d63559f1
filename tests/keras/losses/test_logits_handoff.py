"""Crossentropies on the outputs of Keras's softmax/sigmoid compute from the logits (as Keras).

Reference values are exact: for logits [30, 0, -30] and label 2 the crossentropy is
logsumexp(logits) - logits[2] = 60 (to float32), where the clipped probability gives
-log(1e-7) = 16.118; sigmoid(40) against label 0 costs softplus(40) = 40.
"""

import math
import warnings

import numpy as np
import pytest

import tensorlet as tf

LOGITS = [[30.0, 0.0, -30.0]]


def _exact_sparse(logits, label):
    x = np.asarray(logits, np.float64)[0]
    return float(np.log(np.exp(x - x.max()).sum()) + x.max() - x[label])


def test_softmax_activation_output_gives_the_exact_crossentropy():
    probs = tf.keras.activations.softmax(tf.constant(LOGITS))
    loss = tf.keras.losses.sparse_categorical_crossentropy(tf.constant([2]), probs)
    assert loss.numpy()[0] == pytest.approx(_exact_sparse(LOGITS, 2), rel=1e-6)
    dense = tf.keras.losses.categorical_crossentropy(tf.constant([[0.0, 0.0, 1.0]]), probs)
    assert dense.numpy()[0] == pytest.approx(_exact_sparse(LOGITS, 2), rel=1e-6)


def test_plain_probabilities_are_still_clipped():
    probs = tf.nn.softmax(tf.constant(LOGITS))
    loss = tf.keras.losses.sparse_categorical_crossentropy(tf.constant([2]), probs)
    assert loss.numpy()[0] == pytest.approx(-math.log(1e-7), rel=1e-5)


def test_sigmoid_activation_output_gives_the_exact_binary_crossentropy():
    probs = tf.keras.activations.sigmoid(tf.constant([[40.0]]))
    loss = tf.keras.losses.binary_crossentropy(tf.constant([[0.0]]), probs)
    assert loss.numpy()[0] == pytest.approx(math.log1p(math.exp(40.0)), rel=1e-6)


def test_dense_softmax_layer_output_goes_through_the_logits():
    layer = tf.keras.layers.Dense(3, activation="softmax", kernel_initializer="ones")
    out = layer(tf.constant([[20.0, -20.0, 1.0]]))
    loss = tf.keras.losses.SparseCategoricalCrossentropy()(tf.constant([0]), out)
    assert float(loss) == pytest.approx(math.log(3.0), rel=1e-6)


def test_from_logits_on_a_softmax_output_warns_and_uses_the_logits():
    probs = tf.keras.activations.softmax(tf.constant(LOGITS))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loss = tf.keras.losses.sparse_categorical_crossentropy(tf.constant([2]), probs,
                                                               from_logits=True)
    assert loss.numpy()[0] == pytest.approx(_exact_sparse(LOGITS, 2), rel=1e-6)
    assert any("produced by a Softmax activation" in str(w.message) for w in caught)
    assert caught[0].filename == __file__


def test_traced_training_step_has_no_clipped_log():
    model = tf.keras.Sequential([tf.keras.Input((4,)),
                                 tf.keras.layers.Dense(3, activation="softmax")])
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
    x = np.random.default_rng(0).standard_normal((8, 4)).astype(np.float32)
    model.fit(x, np.arange(8) % 3, epochs=1, verbose=0)
    ops = {node.op.name for fn in (model._train_function_without_logs,)
           for concrete in fn._concretes.values()
           for node in concrete.optimized_graph.nodes if node.kind == "op"}
    assert "sparse_softmax_cross_entropy_with_logits" in ops
    assert "log" not in ops and "minimum" not in ops
