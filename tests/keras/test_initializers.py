"""Keras initializers (A6.1–A6.3, B3, B9): statistics, seeding, configs, subclasses."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import initializers

RANDOM = ["RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling", "GlorotNormal",
          "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform", "Orthogonal"]


@pytest.mark.parametrize("name", RANDOM)
def test_seeded_initializer_repeats_its_values_like_keras3(name):
    init = getattr(initializers, name)(seed=42)
    a, b = init((4, 3)), init((4, 3))
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    c = getattr(initializers, name)(seed=42)((4, 3))
    np.testing.assert_array_equal(a.numpy(), c.numpy())
    other = getattr(initializers, name)(seed=7)((4, 3))
    assert not np.array_equal(a.numpy(), other.numpy())
    assert a.dtype == tf.float32 and a.shape == (4, 3)


@pytest.mark.parametrize("name", RANDOM)
def test_unseeded_initializer_follows_tf_random_set_seed(name):
    tf.random.set_seed(1)
    a = getattr(initializers, name)()((4, 3))
    tf.random.set_seed(1)
    b = getattr(initializers, name)()((4, 3))
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    c = getattr(initializers, name)()((4, 3))
    assert not np.array_equal(a.numpy(), c.numpy())


# (initializer, expected stddev, expected bound) for a (400, 600) kernel.
FAN_IN, FAN_OUT = 400, 600
STATS = [
    ("GlorotNormal", np.sqrt(2 / (FAN_IN + FAN_OUT)), None),
    ("GlorotUniform", np.sqrt(2 / (FAN_IN + FAN_OUT)), np.sqrt(6 / (FAN_IN + FAN_OUT))),
    ("HeNormal", np.sqrt(2 / FAN_IN), None),
    ("HeUniform", np.sqrt(2 / FAN_IN), np.sqrt(6 / FAN_IN)),
    ("LecunNormal", np.sqrt(1 / FAN_IN), None),
    ("LecunUniform", np.sqrt(1 / FAN_IN), np.sqrt(3 / FAN_IN)),
]


@pytest.mark.parametrize("name,stddev,bound", STATS)
def test_variance_scaling_presets_have_the_right_spread(name, stddev, bound):
    w = getattr(initializers, name)(seed=3)((FAN_IN, FAN_OUT)).numpy()
    assert abs(w.std() / stddev - 1) < 0.02
    assert abs(w.mean()) < 0.01 * stddev * 10
    if bound is not None:
        assert np.abs(w).max() <= bound
    else:  # truncated at 2 stddevs of the underlying normal
        assert np.abs(w).max() <= 2 * stddev / 0.87962566 + 1e-6


def test_variance_scaling_conv_fans_and_axes():
    # A (3, 3, 4, 8) conv kernel: fan_in = 3*3*4 = 36 (Keras's receptive-field rule).
    w = initializers.VarianceScaling(scale=3.0, distribution="uniform", seed=1)((3, 3, 4, 8))
    assert np.abs(w.numpy()).max() <= np.sqrt(3 * 3.0 / 36)
    assert np.abs(w.numpy()).max() > 0.9 * np.sqrt(3 * 3.0 / 36)
    init = initializers.VarianceScaling(distribution="uniform", seed=1, input_axes=[0, 1],
                                        output_axes=[2])
    w = init((3, 4, 5)).numpy()
    assert np.abs(w).max() <= np.sqrt(3 / 12) and np.abs(w).max() > 0.45


def test_variance_scaling_validation_matches_keras():
    assert initializers.VarianceScaling(distribution="normal").distribution == "truncated_normal"
    with pytest.raises(ValueError, match="scale"):
        initializers.VarianceScaling(scale=0)
    with pytest.raises(ValueError, match="mode"):
        initializers.VarianceScaling(mode="x")
    with pytest.raises(ValueError, match="distribution"):
        initializers.VarianceScaling(distribution="bad")
    with pytest.raises(ValueError, match="seed"):
        initializers.RandomNormal(seed="a")


def test_random_normal_uniform_truncated_statistics():
    w = initializers.RandomNormal(mean=1.0, stddev=2.0, seed=1)((20000,)).numpy()
    assert abs(w.mean() - 1) < 0.05 and abs(w.std() - 2) < 0.05
    w = initializers.RandomUniform(-1.0, 3.0, seed=1)((20000,)).numpy()
    assert w.min() >= -1 and w.max() < 3 and abs(w.mean() - 1) < 0.05
    w = initializers.TruncatedNormal(stddev=1.0, seed=1)((20000,)).numpy()
    assert np.abs(w).max() <= 2.0
    ints = initializers.RandomUniform(0, 10, seed=1)((50,), dtype="int32")
    assert ints.dtype == tf.int32 and 0 <= ints.numpy().min() and ints.numpy().max() < 10


def test_random_normal_rejects_int_dtype():
    with pytest.raises(TypeError, match="int32"):
        initializers.RandomNormal()((2,), dtype="int32")


@pytest.mark.parametrize("shape", [(3, 5), (5, 3), (4, 4), (2, 3, 4)])
def test_orthogonal_gives_orthonormal_rows_or_columns(shape):
    q = initializers.Orthogonal(gain=2.0, seed=1)(shape).numpy()
    assert q.shape == shape
    m = q.reshape(-1, shape[-1])
    gram = m @ m.T if m.shape[0] < m.shape[1] else m.T @ m
    np.testing.assert_allclose(gram, 4 * np.eye(min(m.shape)), atol=1e-5)


def test_orthogonal_and_identity_shape_errors_match_keras():
    with pytest.raises(ValueError, match="at least two-dimensional"):
        initializers.Orthogonal()((4,))
    with pytest.raises(ValueError, match="2D matrices"):
        initializers.Identity()((3, 3, 3))


def test_constant_initializers():
    np.testing.assert_array_equal(initializers.Identity(gain=3.0)((2, 3)).numpy(),
                                  [[3, 0, 0], [0, 3, 0]])
    assert initializers.Zeros()((2,), dtype="int32").dtype == tf.int32
    np.testing.assert_array_equal(initializers.Ones()((2, 2)).numpy(), np.ones((2, 2)))
    np.testing.assert_array_equal(initializers.Constant(2.0)((2,), dtype="int32").numpy(), [2, 2])
    value = np.array([1.0, 2.0])
    np.testing.assert_array_equal(initializers.Constant(value)((3, 2)).numpy()[2], value)
    assert initializers.Constant(value).get_config() == {"value": [1.0, 2.0]}
    keras3 = {"value": {"class_name": "__numpy__", "config": {"value": [1.0, 2.0],
                                                              "dtype": "float64"}}}
    assert initializers.Constant.from_config(keras3).value == [1.0, 2.0]
    assert initializers.Zeros()(tf.TensorShape([2, 3])).shape == (2, 3)


def test_names_defaults_and_configs_match_keras():
    assert initializers.glorot_normal is initializers.GlorotNormal
    assert initializers.he_normal is initializers.HeNormal
    assert type(initializers.get("uniform")) is initializers.RandomUniform
    assert type(initializers.get("normal")) is initializers.RandomNormal
    assert initializers.get("glorot_uniform").get_config() == {
        "seed": None, "input_axes": None, "output_axes": None}
    assert initializers.get("random_normal").get_config() == {
        "seed": None, "mean": 0.0, "stddev": 0.05}
    assert initializers.get("random_uniform").get_config() == {
        "seed": None, "minval": -0.05, "maxval": 0.05}
    assert initializers.get("variance_scaling").get_config() == {
        "seed": None, "scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal",
        "input_axes": None, "output_axes": None}
    assert initializers.get("orthogonal").get_config() == {"seed": None, "gain": 1.0}
    assert initializers.get(None) is None
    assert isinstance(initializers.get(initializers.GlorotNormal), initializers.GlorotNormal)
    init = initializers.HeUniform()
    assert initializers.get(init) is init


@pytest.mark.parametrize("name", RANDOM + ["Zeros", "Ones", "Constant", "Identity"])
def test_every_builtin_round_trips(name):
    init = getattr(initializers, name)()
    config = initializers.serialize(init)
    assert config["class_name"] == name
    restored = initializers.deserialize(config)
    assert type(restored) is type(init) and restored.get_config() == init.get_config()


def test_unknown_identifier():
    with pytest.raises(ValueError, match="Could not interpret initializer identifier: nope"):
        initializers.get("nope")


class MyGlorot(initializers.Initializer):
    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        stddev = self.gain * np.sqrt(2.0 / (shape[0] + shape[1]))
        return tf.random.normal(shape, stddev=stddev, dtype=dtype or tf.float32)

    def get_config(self):
        return {"gain": self.gain}


def test_subclass_round_trips_and_clones():
    init = MyGlorot(0.5)
    assert init((3, 2)).shape == (3, 2)
    restored = initializers.deserialize(initializers.serialize(init),
                                        custom_objects={"MyGlorot": MyGlorot})
    assert isinstance(restored, MyGlorot) and restored.gain == 0.5
    assert init.clone().gain == 0.5 and init.clone() is not init


def test_base_initializer_call_is_abstract():
    with pytest.raises(NotImplementedError, match="__call__"):
        initializers.Initializer()((2,))


def my_glorot_initializer(shape, dtype=tf.float32):
    stddev = tf.sqrt(2.0 / (shape[0] + shape[1]))
    return tf.random.normal(shape, stddev=stddev, dtype=dtype)


def test_function_initializer_is_returned_as_is():
    assert initializers.get(my_glorot_initializer) is my_glorot_initializer
    assert initializers.serialize(my_glorot_initializer)["config"] == "my_glorot_initializer"
