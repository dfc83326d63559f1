"""Sequential models (B1): list or add, lazy or eager build, summary, layers, config."""

import numpy as np
import pytest

import tensorlet as tf


def _dense(units, **kwargs):
    return tf.keras.layers.Dense(units, **kwargs)


def test_b1_sequential_from_list_builds_lazily_on_first_call():
    model = tf.keras.Sequential([_dense(4, activation="relu"), _dense(1)])
    assert not model.built and model.weights == []
    assert model(np.ones((3, 5))).shape == (3, 1)
    assert model.built and len(model.weights) == 4


def test_sequential_add_and_input_shape_build_eagerly():
    model = tf.keras.Sequential()
    model.add(_dense(4, input_shape=(5,)))
    model.add(_dense(2))
    assert model.built
    assert model.output_shape == (None, 2)
    assert [w.shape for w in model.weights] == [(5, 4), (4,), (4, 2), (2,)]


def test_sequential_with_input_tensor_first():
    model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), _dense(2)])
    assert model.built and model.input_shape == (None, 3)
    assert len(model.layers) == 1


def test_sequential_layers_get_layer_and_pop():
    model = tf.keras.Sequential([_dense(3, name="hidden1"), _dense(1, name="out")])
    assert [layer.name for layer in model.layers] == ["hidden1", "out"]
    assert model.get_layer(index=0).name == "hidden1"
    assert model.get_layer("out") is model.layers[1]
    assert model.pop().name == "out"
    assert len(model.layers) == 1


def test_sequential_rejects_non_layers_and_multiple_inputs():
    with pytest.raises(ValueError, match="Only instances of `keras.Layer`"):
        tf.keras.Sequential([lambda x: x])
    model = tf.keras.Sequential([_dense(1)])
    with pytest.raises(ValueError, match="single input"):
        model([np.ones((1, 2)), np.ones((1, 2))])


def test_sequential_multi_output_layer_raises():
    class Split(tf.keras.layers.Layer):
        def call(self, x):
            return x, x

    model = tf.keras.Sequential([Split()])
    with pytest.raises(ValueError, match="single output tensor"):
        model.build((None, 3))


def test_b1_summary_lists_layers_shapes_and_params():
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), _dense(30, name="hidden"),
                                 _dense(1, name="out")], name="seq")
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert 'Model: "seq"' in text
    assert "hidden (Dense)" in text and "(None, 30)" in text and "270" in text
    assert "Total params: 301 (1.18 KB)" in text
    assert "Trainable params: 301" in text and "Non-trainable params: 0 (0.00 B)" in text


def test_summary_counts_frozen_layers_as_non_trainable():
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), _dense(2, name="a"),
                                 _dense(1, name="b")])
    model.layers[0].trainable = False
    lines = []
    model.summary(print_fn=lines.append)
    assert "Non-trainable params: 6" in lines[0]
    assert len(model.trainable_weights) == 2


def test_sequential_config_round_trip_and_json(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), _dense(2, activation="relu")],
                                name="s")
    config = model.get_config()
    assert [entry["class_name"] for entry in config["layers"]] == ["InputLayer", "Dense"]
    clone = tf.keras.Sequential.from_config(config)
    assert clone.built and clone.output_shape == (None, 2)
    again = tf.keras.models.model_from_json(model.to_json())
    assert isinstance(again, tf.keras.Sequential) and len(again.weights) == 2


def test_clone_sequential_has_fresh_weights():
    model = tf.keras.Sequential([_dense(3), _dense(1)])
    model(np.ones((2, 4)))
    clone = tf.keras.models.clone_model(model)
    assert clone.built and len(clone.weights) == 4
    assert all(a is not b for a, b in zip(clone.weights, model.weights))
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(clone(np.ones((2, 4))), model(np.ones((2, 4))), rtol=1e-6)


def test_sequential_save_and_load_model(tmp_path):
    model = tf.keras.Sequential([_dense(3, activation="relu"), _dense(1)])
    X = np.random.default_rng(0).random((4, 2))
    expected = model(X).numpy()
    for path in (tmp_path / "my_model", tmp_path / "m.keras"):
        model.save(str(path))
        loaded = tf.keras.models.load_model(str(path))
        np.testing.assert_allclose(loaded(X), expected, rtol=1e-6)


def test_sequential_freezing_whole_model():
    model = tf.keras.Sequential([_dense(2), _dense(1)])
    model(np.ones((1, 2)))
    model.trainable = False
    assert model.trainable_weights == [] and len(model.non_trainable_weights) == 4


def test_a8_2_custom_layer_model_saved_and_loaded_with_custom_objects(tmp_path):
    from .test_layer_base import MyDense

    model = tf.keras.Sequential([MyDense(4, "relu", input_shape=[3]), MyDense(1)])
    X = np.random.default_rng(2).random((5, 3))
    expected = model(X).numpy()
    path = str(tmp_path / "my_model_with_a_custom_layer")
    model.save(path)
    loaded = tf.keras.models.load_model(path, custom_objects={"MyDense": MyDense})
    np.testing.assert_allclose(loaded(X), expected, rtol=1e-6)
    assert [type(layer) for layer in loaded.layers] == [MyDense, MyDense]
