"""Keras models: tf.saved_model.save(model) and export_keras (what `model.export` calls)."""

import numpy as np
import pytest

import tensorlet as tf


def _mlp():
    tf.keras.utils.set_random_seed(11)
    return tf.keras.Sequential([
        tf.keras.Input((5,), name="features"),
        tf.keras.layers.Dense(12, activation="relu"),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dropout(0.5),
        tf.keras.layers.Dense(2, activation="softmax"),
    ])


def _batch():
    return np.random.default_rng(5).normal(size=(7, 5)).astype("float32")


def test_a_saved_sequential_mlp_gives_identical_inference_outputs(export_dir):
    model = _mlp()
    tf.saved_model.save(model, export_dir)
    loaded = tf.saved_model.load(export_dir)
    x = _batch()
    expected = model(x, training=False).numpy()
    np.testing.assert_array_equal(loaded(x).numpy(), expected)
    signature = loaded.signatures["serving_default"]
    assert list(signature.structured_input_signature[1]) == ["inputs"]
    np.testing.assert_array_equal(signature(inputs=x)["output_0"].numpy(), expected)
    assert len(loaded.variables) == len(model.variables) == 8
    assert len(loaded.trainable_variables) == len(model.trainable_variables) == 6
    assert len(loaded.non_trainable_variables) == 2


def test_export_keras_writes_a_serve_endpoint(export_dir, capsys):
    model = _mlp()
    tf.saved_model.export_keras(model, export_dir)
    assert "Endpoint 'serve'" in capsys.readouterr().out
    loaded = tf.saved_model.load(export_dir)
    x = _batch()
    expected = model(x, training=False).numpy()
    np.testing.assert_array_equal(loaded.serve(x).numpy(), expected)
    np.testing.assert_array_equal(loaded(x).numpy(), expected)
    out = loaded.signatures["serving_default"](features=x)
    np.testing.assert_array_equal(out["output_0"].numpy(), expected)


def test_a_loaded_model_can_be_fine_tuned(export_dir):
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
    tf.saved_model.save(model, export_dir)
    loaded = tf.saved_model.load(export_dir)
    x = tf.constant(_batch()[:, :3])
    y = tf.reduce_sum(x, axis=1, keepdims=True)
    optimizer = tf.keras.optimizers.SGD(0.1)
    losses = []
    for _ in range(5):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(loaded(x) - y))
        grads = tape.gradient(loss, loaded.trainable_variables)
        optimizer.apply_gradients(zip(grads, loaded.trainable_variables))
        losses.append(float(loss.numpy()))
    assert losses[-1] < losses[0]


def test_an_unbuilt_model_cannot_be_exported(export_dir):
    model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="has not yet been built"):
        tf.saved_model.export_keras(model, export_dir)
    with pytest.raises(ValueError, match="Unrecognized format"):
        tf.saved_model.export_keras(_mlp(), export_dir, format="onnx")


def test_a_subclassed_model_built_by_a_call_exports_its_input_shape(export_dir):
    class Tiny(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(2)

        def call(self, x):
            return tf.nn.relu(self.dense(x)) + 1.0

    model = Tiny()
    x = _batch()[:, :4]
    expected = model(x).numpy()
    tf.saved_model.export_keras(model, export_dir, verbose=False,
                                input_signature=[tf.TensorSpec([None, 4], tf.float32)])
    np.testing.assert_array_equal(tf.saved_model.load(export_dir).serve(x).numpy(), expected)
    tf.saved_model.save(model, export_dir)  # the spec of the call that built it, any batch
    loaded = tf.saved_model.load(export_dir)
    spec = loaded.signatures["serving_default"].structured_input_signature[1]["inputs"]
    assert spec.shape.as_list() == [None, 4]
    np.testing.assert_array_equal(loaded(x[:2]).numpy(), expected[:2])
