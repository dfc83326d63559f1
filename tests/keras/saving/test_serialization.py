"""serialize_keras_object / deserialize_keras_object and the registry (A5.2, A5.4, A5.9, C8)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet import keras


@keras.saving.register_keras_serializable(package="SerTest")
class Scaled:
    def __init__(self, factor=1.0):
        self.factor = factor

    def get_config(self):
        return {"factor": self.factor}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class Plain:
    def __init__(self, a, b=2):
        self.a, self.b = a, b

    def get_config(self):
        return {"a": self.a, "b": self.b}


def huber_fn(y_true, y_pred):
    return y_true - y_pred


def test_a5_4_both_module_paths_are_one_registry():
    assert keras.utils.register_keras_serializable is keras.saving.register_keras_serializable
    assert tf.keras.utils.get_custom_objects() is keras.saving.get_custom_objects()

    @tf.keras.utils.register_keras_serializable(package="Pkg", name="renamed")
    def fn(x):
        return x

    assert keras.saving.get_registered_name(fn) == "Pkg>renamed"
    assert keras.saving.get_registered_object("Pkg>renamed") is fn
    assert keras.saving.get_custom_objects()["Pkg>renamed"] is fn


def test_a5_4_registered_function_loads_without_custom_objects():
    @keras.saving.register_keras_serializable()
    def my_registered_loss(y_true, y_pred):
        return y_true

    config = keras.saving.serialize_keras_object(my_registered_loss)
    assert config == {
        "module": "builtins",
        "class_name": "function",
        "config": "Custom>my_registered_loss",
        "registered_name": "function",
    }
    assert keras.saving.deserialize_keras_object(config) is my_registered_loss


def test_a5_4_registered_class_round_trips_through_from_config():
    config = keras.saving.serialize_keras_object(Scaled(2.5))
    assert config["class_name"] == "Scaled"
    assert config["registered_name"] == "SerTest>Scaled"
    assert config["config"] == {"factor": 2.5}
    obj = keras.saving.deserialize_keras_object(config)
    assert isinstance(obj, Scaled) and obj.factor == 2.5


def test_register_class_without_get_config_raises():
    class NoConfig:
        pass

    with pytest.raises(ValueError, match="get_config"):
        keras.saving.register_keras_serializable()(NoConfig)


def test_registering_a_different_object_under_a_taken_name_raises():
    def first(x):
        return x

    def second(x):
        return x

    keras.saving.register_keras_serializable(package="Clash", name="x")(first)
    with pytest.raises(ValueError, match="Clash>x"):
        keras.saving.register_keras_serializable(package="Clash", name="x")(second)


def test_unregistered_name_is_the_python_name():
    assert keras.saving.get_registered_name(huber_fn) == "huber_fn"
    assert keras.saving.get_registered_name(Plain) == "Plain"


def test_a5_1_function_resolves_through_custom_objects():
    config = keras.saving.serialize_keras_object(huber_fn)
    assert config["config"] == "huber_fn"
    restored = keras.saving.deserialize_keras_object(config, custom_objects={"huber_fn": huber_fn})
    assert restored is huber_fn


def test_a5_2_missing_function_error_names_it():
    config = keras.saving.serialize_keras_object(huber_fn)
    with pytest.raises(TypeError) as info:
        keras.saving.deserialize_keras_object(config)
    assert str(info.value).startswith(
        "Could not locate function 'huber_fn'. Make sure custom classes and functions are "
        "decorated with `@keras.saving.register_keras_serializable()`."
    )


def test_a5_2_missing_class_error_names_it():
    with pytest.raises(TypeError, match=r"^Could not locate class 'Plain'\. Make sure"):
        keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(Plain(1)))


def test_keras2_style_config_and_class_without_from_config():
    obj = keras.saving.deserialize_keras_object(
        {"class_name": "Plain", "config": {"a": 5}}, custom_objects={"Plain": Plain}
    )
    assert (obj.a, obj.b) == (5, 2)


def test_custom_object_scope_nests_and_restores():
    assert keras.saving.get_registered_object("huber_fn") is None
    with keras.utils.custom_object_scope({"huber_fn": huber_fn}):
        with keras.saving.CustomObjectScope({"other": abs}):
            assert keras.saving.get_registered_object("huber_fn") is huber_fn
            assert keras.saving.get_registered_object("other") is abs
        assert keras.saving.get_registered_object("other") is None
        config = keras.saving.serialize_keras_object(huber_fn)
        assert keras.saving.deserialize_keras_object(config) is huber_fn
    assert keras.saving.get_registered_object("huber_fn") is None


def test_custom_objects_win_over_the_registry_and_module_objects():
    found = keras.saving.get_registered_object(
        "SerTest>Scaled", custom_objects={"SerTest>Scaled": Plain}, module_objects={}
    )
    assert found is Plain
    assert keras.saving.get_registered_object("x", module_objects={"x": len}) is len


def test_string_config_resolves_in_module_objects_or_raises_naming_it():
    objects = {"double": lambda x: 2 * x}
    got = keras.saving.deserialize_keras_object("double", module_objects=objects)
    assert got is objects["double"]
    with pytest.raises(ValueError, match="Unknown activation: 'triple'"):
        keras.saving.deserialize_keras_object(
            "triple", module_objects=objects, printable_module_name="activation"
        )
    assert keras.saving.deserialize_keras_object("just a string") == "just a string"


def test_containers_and_special_values_round_trip():
    value = {
        "t": (1, 2.5, "a", None, True),
        "l": [np.float32(1.5), np.int64(3)],
        "arr": np.arange(6, dtype=np.int32).reshape(2, 3),
        "bytes": b"\x00\xffab",
        "dtype": tf.float16,
        "shape": tf.TensorShape([None, 3]),
    }
    config = keras.saving.serialize_keras_object(value)
    assert config["l"] == [1.5, 3] and type(config["l"][1]) is int
    assert config["dtype"] == "float16" and config["shape"] == [None, 3]
    back = keras.saving.deserialize_keras_object(config)
    assert back["t"] == (1, 2.5, "a", None, True)
    np.testing.assert_array_equal(back["arr"], value["arr"])
    assert back["arr"].dtype == np.int32
    assert back["bytes"] == b"\x00\xffab"


def test_tensor_round_trips_as_a_tensor():
    config = keras.saving.serialize_keras_object(tf.constant([[1.0, 2.0]]))
    assert config["class_name"] == "__tensor__"
    back = keras.saving.deserialize_keras_object(config)
    assert tf.is_tensor(back) and back.dtype == tf.float32
    np.testing.assert_array_equal(back.numpy(), [[1.0, 2.0]])


def test_object_dtype_arrays_are_refused():
    with pytest.raises(ValueError, match="dtype 'object'"):
        keras.saving.deserialize_keras_object(
            {"class_name": "__numpy__", "config": {"value": [1], "dtype": "object"}}
        )


def test_object_without_get_config_cannot_be_serialized():
    class Opaque:
        pass

    with pytest.raises(TypeError, match="get_config"):
        keras.saving.serialize_keras_object(Opaque())


def test_build_config_is_saved_and_replayed():
    class Buildable(Scaled):
        built_with = None

        def get_build_config(self):
            return {"input_shape": [None, 4]}

        def build_from_config(self, config):
            self.built_with = config

    config = keras.saving.serialize_keras_object(Buildable(3.0))
    assert config["build_config"] == {"input_shape": [None, 4]}
    obj = keras.saving.deserialize_keras_object(config, custom_objects={"Buildable": Buildable})
    assert obj.built_with == {"input_shape": [None, 4]}


def test_builtin_keras_classes_and_functions_resolve_by_name():
    relu = tf.keras.activations.relu
    config = {"module": "builtins", "class_name": "function", "config": "relu"}
    assert keras.saving.deserialize_keras_object(config) is relu
    cls = tf.keras.constraints.NonNeg
    obj = keras.saving.deserialize_keras_object(
        {"module": "keras.constraints", "class_name": "NonNeg", "config": {}}
    )
    assert type(obj) is cls
