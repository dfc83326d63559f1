"""The Functional API (B1): Input, multi-input/multi-output models, replay, config, cloning."""

import numpy as np
import pytest

import tensorlet as tf


def _wide_and_deep():
    input_wide = tf.keras.Input(shape=[5], name="wide")
    input_deep = tf.keras.Input(shape=[6], name="deep")
    hidden1 = tf.keras.layers.Dense(30, activation="relu")(input_deep)
    hidden2 = tf.keras.layers.Dense(30, activation="relu")(hidden1)
    concat = tf.keras.layers.Lambda(lambda xs: tf.concat(xs, axis=1), name="concat")(
        [input_wide, hidden2])
    output = tf.keras.layers.Dense(1, name="output")(concat)
    aux_output = tf.keras.layers.Dense(1, name="aux_output")(hidden2)
    return tf.keras.Model(inputs=[input_wide, input_deep], outputs=[output, aux_output])


def test_input_is_a_symbolic_tensor_with_batch_dim():
    x = tf.keras.Input(shape=(3,), name="x", dtype="float64")
    assert x.shape == (None, 3) and x.dtype == tf.float64 and x.name == "x"
    assert tf.keras.backend.is_keras_tensor(x)
    assert isinstance(x, tf.Tensor)


def test_layer_on_symbolic_tensor_infers_shape_and_builds():
    x = tf.keras.Input(shape=(4,))
    dense = tf.keras.layers.Dense(3)
    y = dense(x)
    assert y.shape == (None, 3) and dense.built


def test_b1_wide_and_deep_model_runs_on_lists_of_arrays():
    model = _wide_and_deep()
    assert type(model).__name__ == "Functional"
    assert [layer.name for layer in model.layers[:2]] == ["wide", "deep"]
    rng = np.random.default_rng(0)
    X_wide, X_deep = rng.random((3, 5)), rng.random((3, 6))
    y, aux = model([X_wide, X_deep])
    assert y.shape == (3, 1) and aux.shape == (3, 1)
    y2, _ = model((X_wide, X_deep))
    np.testing.assert_allclose(y, y2)
    y3, _ = model({"wide": X_wide, "deep": X_deep})
    np.testing.assert_allclose(y, y3)
    assert len(model.trainable_variables) == 8


def test_functional_model_wrong_number_of_inputs():
    model = _wide_and_deep()
    with pytest.raises(ValueError, match="expects 2 input"):
        model([np.ones((1, 5))])


def test_graph_disconnected_is_reported():
    a, b = tf.keras.Input(shape=[2]), tf.keras.Input(shape=[2])
    out = tf.keras.layers.Lambda(lambda xs: xs[0] + xs[1])([a, b])
    with pytest.raises(ValueError, match="Graph disconnected"):
        tf.keras.Model(inputs=a, outputs=out)


def test_dict_outputs_and_shared_layer():
    x = tf.keras.Input(shape=(2,))
    shared = tf.keras.layers.Dense(2)
    y = shared(shared(x))
    model = tf.keras.Model(inputs=x, outputs={"y": y, "x": x})
    out = model(np.ones((1, 2)))
    assert set(out) == {"y", "x"} and len(model.weights) == 2


def test_training_flag_reaches_layers_in_functional_model():
    seen = []

    class Spy(tf.keras.layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    x = tf.keras.Input(shape=(1,))
    model = tf.keras.Model(x, Spy()(x))
    seen.clear()
    model(np.ones((1, 1)), training=True)
    model(np.ones((1, 1)))
    assert seen == [True, None]


def test_functional_summary_shows_connections():
    lines = []
    _wide_and_deep().summary(print_fn=lines.append)
    assert "wide (InputLayer)" in lines[0] and "Connected to" in lines[0]
    assert "Total params: 1,207 (4.71 KB)" in lines[0]


def test_functional_config_round_trip_and_json():
    x = tf.keras.Input(shape=[5], name="in")
    h = tf.keras.layers.Dense(3, activation="relu", name="h")(x)
    out = tf.keras.layers.Dense(1, name="o")(h)
    model = tf.keras.Model(inputs=x, outputs=[out, h], name="fm")
    config = model.get_config()
    assert config["input_layers"] == ["in", 0, 0]
    assert config["output_layers"] == [["o", 0, 0], ["h", 0, 0]]
    again = tf.keras.models.model_from_json(model.to_json())
    assert [layer.name for layer in again.layers] == ["in", "h", "o"]
    assert again.name == "fm" and len(again.weights) == 4
    again.set_weights(model.get_weights())
    X = np.ones((2, 5))
    np.testing.assert_allclose(again(X)[0], model(X)[0], rtol=1e-6)


def test_model_from_json_rejects_garbage():
    with pytest.raises(ValueError, match="not valid JSON"):
        tf.keras.models.model_from_json("{not json")


def test_a5_8_clone_functional_model_has_same_architecture_fresh_weights():
    model = _wide_and_deep()
    clone = tf.keras.models.clone_model(model)
    assert [type(a) for a in clone.layers] == [type(b) for b in model.layers]
    assert all(a is not b for a, b in zip(clone.weights, model.weights))
    assert [w.shape for w in clone.weights] == [w.shape for w in model.weights]


def test_functional_model_save_and_load(tmp_path):
    x = tf.keras.Input(shape=[3])
    model = tf.keras.Model(x, tf.keras.layers.Dense(2)(x))
    X = np.ones((1, 3))
    path = str(tmp_path / "f.keras")
    model.save(path)
    np.testing.assert_allclose(tf.keras.models.load_model(path)(X), model(X), rtol=1e-6)


def test_functional_model_as_layer_of_another_model():
    x = tf.keras.Input(shape=[3])
    inner = tf.keras.Model(x, tf.keras.layers.Dense(2)(x))
    y = tf.keras.Input(shape=[3])
    outer = tf.keras.Model(y, tf.keras.layers.Dense(1)(inner(y)))
    assert outer(np.ones((4, 3))).shape == (4, 1)
    assert len(outer.weights) == 4


def test_functional_model_in_tf_function():
    model = _wide_and_deep()
    X = [tf.ones((2, 5)), tf.ones((2, 6))]
    eager = model(X)[0]
    traced = tf.function(lambda a, b: model([a, b])[0])(*X)
    np.testing.assert_allclose(traced, eager, rtol=1e-6)
