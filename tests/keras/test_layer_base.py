"""The Layer base class: MyDense from the book (A8.2), autocast (A8.3), output shapes (A8.4),
multi-input/multi-output layers (A8.5), the training flag (A8.6) and the surface (A8.7)."""

import numpy as np
import pytest

import tensorlet as tf

from .chapter_models import MyDense


class MyMultiLayer(tf.keras.layers.Layer):
    def call(self, X):
        X1, X2 = X
        return X1 + X2, X1 * X2, X1 / X2


class MyGaussianNoise(tf.keras.layers.Layer):
    def __init__(self, stddev, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev

    def call(self, X, training=False):
        if training:
            noise = tf.random.normal(tf.shape(X), stddev=self.stddev)
            return X + noise
        return X


def test_a8_2_mydense_builds_lazily_with_input_shape_and_names_its_weights():
    layer = MyDense(3, "relu")
    assert not layer.built and layer.weights == []
    out = layer(tf.ones((2, 4)))
    assert out.shape == (2, 3)
    assert layer.built
    assert [w.name for w in layer.weights] == ["kernel", "bias"]
    assert layer.kernel.shape == (4, 3)
    assert layer.weights[0].path == f"{layer.name}/kernel"


def test_a8_2_mydense_accepts_standard_kwargs():
    layer = MyDense(2, input_shape=[4], trainable=False, name="my", dtype="float64")
    assert (layer.name, layer.trainable, layer.dtype) == ("my", False, "float64")
    layer(np.ones((1, 4)))
    assert layer.kernel.dtype == tf.float64
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 2


def test_a8_2_mydense_get_config_has_base_and_own_keys():
    config = MyDense(3, "relu", name="d").get_config()
    assert config["name"] == "d" and config["trainable"] is True
    assert config["dtype"] == "float32"
    assert config["units"] == 3 and config["activation"] == "relu"
    clone = MyDense.from_config(config)
    assert clone.units == 3 and clone.name == "d"


def test_a8_2_super_build_sets_built():
    layer = tf.keras.layers.Layer()
    layer.build((None, 3))
    assert layer.built


@pytest.mark.parametrize("dtype", [np.float64, np.int64])
def test_a8_3_autocast_numpy_inputs_to_layer_float_dtype(dtype):
    layer = MyDense(3)
    out = layer(np.ones((2, 4), dtype=dtype))
    assert out.dtype == tf.float32


def test_a8_3_autocast_float64_tensor_but_leaves_int_tensors():
    seen = []

    class Spy(tf.keras.layers.Layer):
        def call(self, x):
            seen.append(x.dtype)
            return x

    Spy()(tf.constant([1.0], tf.float64))
    Spy()(tf.constant([1], tf.int32))
    Spy(autocast=False)(tf.constant([1.0], tf.float64))
    assert seen == [tf.float32, tf.int32, tf.float64]


def test_a8_4_compute_output_shape_is_inferred_without_running_data():
    layer = MyDense(3)
    assert layer.compute_output_shape((None, 5)) == (None, 3)
    assert isinstance(layer.compute_output_shape((None, 5)), tf.TensorShape)
    assert tf.keras.layers.Dense(3).compute_output_shape((None, 5)) == (None, 3)


def test_a8_4_d6_compute_output_shape_user_override_is_used_for_dynamic_layers():
    class Twice(tf.keras.layers.Layer):
        def call(self, x):
            return tf.concat([x, x], axis=-1)

        def compute_output_shape(self, batch_input_shape):
            return tf.TensorShape(batch_input_shape[:-1] + [2 * batch_input_shape[-1]])

    layer = Twice(dynamic=True)
    assert layer.dynamic
    out = layer(tf.keras.Input(shape=(3,)))
    assert out.shape == (None, 6)
    assert layer(tf.ones((2, 3))).shape == (2, 6)


def test_a8_5_multi_input_multi_output_layer_eager_and_functional():
    x1, x2 = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 4.0]])
    outs = MyMultiLayer()((x1, x2))
    np.testing.assert_allclose(outs[0], [[4.0, 6.0]])
    np.testing.assert_allclose(outs[1], [[3.0, 8.0]])
    a, b = tf.keras.Input(shape=[2]), tf.keras.Input(shape=[2])
    symbolic = MyMultiLayer()((a, b))
    assert len(symbolic) == 3
    assert all(s.shape == (None, 2) for s in symbolic)
    model = tf.keras.Model(inputs=[a, b], outputs=list(symbolic))
    np.testing.assert_allclose(model([x1, x2])[2], [[1 / 3, 0.5]], rtol=1e-6)


def test_a8_5_multi_input_layer_in_sequential_raises_clear_error():
    model = tf.keras.Sequential([tf.keras.layers.Dense(2), MyMultiLayer()])
    with pytest.raises(Exception, match="Sequential") as info:
        model(np.ones((2, 3)))
    assert "Functional API" in str(info.value)


def test_a8_6_training_flag_reaches_layer():
    layer = MyGaussianNoise(1.0)
    x = tf.ones((4, 3))
    np.testing.assert_array_equal(layer(x), x)
    np.testing.assert_array_equal(layer(x, training=False), x)
    assert not np.array_equal(layer(x, training=True).numpy(), x.numpy())


def test_training_not_accepted_by_call_is_dropped():
    layer = tf.keras.layers.Layer()
    assert layer(tf.ones(2), training=True).shape == (2,)


def test_d2_add_weight_positional_name_and_keras3_positional_shape():
    layer = tf.keras.layers.Layer()
    total = layer.add_weight("total", initializer="zeros")
    assert total.name == "total" and total.shape == ()
    w = layer.add_weight((2, 3), "ones")
    assert w.shape == (2, 3) and float(tf.reduce_sum(w)) == 6.0
    count = layer.add_weight(name="count", shape=[], dtype="int32")
    assert count.dtype == tf.int32


def test_a8_7_add_weight_regularizer_constraint_trainable_dtype():
    layer = tf.keras.layers.Layer()
    constraint = tf.keras.constraints.max_norm(1.0)
    w = layer.add_weight(name="w", shape=[2], initializer="ones",
                         regularizer=tf.keras.regularizers.l2(0.5), constraint=constraint)
    frozen = layer.add_weight(name="f", shape=[2], trainable=False, dtype="float64")
    assert w.constraint is not None
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(layer.losses[0]), 0.5 * 2.0)
    assert layer.trainable_weights == [w] and layer.non_trainable_weights == [frozen]
    assert frozen.dtype == tf.float64 and not frozen.trainable


def test_a8_7_layer_surface_and_freezing():
    layer = MyDense(2)
    layer(tf.ones((1, 3)))
    assert layer.variables == layer.weights and layer.trainable_variables == layer.weights
    layer.trainable = False
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 2
    assert not layer.kernel.trainable
    layer.trainable = True
    assert len(layer.trainable_weights) == 2


def test_get_set_weights_round_trip_and_errors():
    layer = MyDense(2)
    layer(tf.ones((1, 3)))
    new = [np.full((3, 2), 2.0, np.float32), np.ones(2, np.float32)]
    layer.set_weights(new)
    np.testing.assert_array_equal(layer.get_weights()[0], new[0])
    with pytest.raises(ValueError, match="expecting 2 weights"):
        layer.set_weights(new[:1])
    with pytest.raises(ValueError, match="not compatible"):
        layer.set_weights([np.ones((2, 2)), np.ones(2)])


def test_d6_unknown_kwarg_rejected_and_dynamic_accepted():
    with pytest.raises(ValueError, match="Unrecognized keyword arguments"):
        tf.keras.layers.Layer(foo=1)
    assert tf.keras.layers.Layer(dynamic=True).dynamic


def test_auto_config_for_simple_subclass_without_get_config():
    layer = MyGaussianNoise(0.3, name="noise")
    config = layer.get_config()
    assert config["stddev"] == 0.3 and config["name"] == "noise"
    assert MyGaussianNoise.from_config(config).stddev == 0.3


def test_default_names_are_snake_case_and_unique():
    tf.keras.backend.clear_session()
    assert MyDense(1).name == "my_dense"
    assert MyDense(1).name == "my_dense_1"


def test_layer_inside_tf_function_traces_and_matches_eager():
    layer = MyDense(3)
    x = tf.ones((2, 4))
    eager = layer(x)
    traced = tf.function(lambda t: layer(t))(x)
    np.testing.assert_allclose(traced, eager)


def test_forgetting_super_init_gives_a_clear_error():
    class Forgetful(tf.keras.layers.Layer):
        def __init__(self):
            self.units = 2

    with pytest.raises(AttributeError, match=r"super\(\).__init__"):
        Forgetful()(tf.ones(2))


def test_first_call_inside_tf_function_builds_the_layer():
    layer = MyDense(2)
    traced = tf.function(lambda t: layer(t))
    assert traced(tf.ones((3, 4))).shape == (3, 2)
    assert layer.built and len(layer.weights) == 2


def test_c12_weight_repr_is_the_books_tf_variable_form_with_the_keras3_path():
    precision = tf.keras.metrics.Precision()
    precision([0, 1, 1, 1, 0, 1, 0, 1], [1, 1, 0, 1, 0, 1, 0, 1])
    assert repr(precision.variables[0]) == (
        "<tf.Variable 'true_positives:0' shape=(1,) dtype=float32, "
        "path=precision/true_positives, numpy=array([4.], dtype=float32)>")
    layer = tf.keras.layers.Layer(name="demo")
    total = layer.add_weight("total", shape=(), initializer="ones")
    assert repr(total) == ("<tf.Variable 'total:0' shape=() dtype=float32, path=demo/total, "
                           "numpy=1.0>")
    assert total.name == "total"


def test_count_params_counts_weight_scalars_and_needs_a_built_layer():
    layer = tf.keras.layers.Dense(3)
    with pytest.raises(ValueError, match="isn't built"):
        layer.count_params()
    layer.build((None, 4))
    assert layer.count_params() == 15
    model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3),
                                 tf.keras.layers.Dense(1)])
    assert model.count_params() == 15 + 4
