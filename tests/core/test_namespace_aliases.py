"""Core names exposed as TF exposes them (A0.9, the core part)."""

import pytest

import tensorlet as tf


def test_a0_9_op_aliases_are_the_same_function():
    assert tf.add is tf.math.add
    assert callable(tf.math.log)
    with pytest.raises(AttributeError):
        tf.log  # noqa: B018


def test_dtype_aliases_and_the_dtypes_module():
    assert tf.half is tf.float16 and tf.double is tf.float64
    assert tf.dtypes.float32 is tf.float32 and tf.dtypes.DType is tf.DType
    assert tf.dtypes.as_dtype is tf.as_dtype


def test_core_classes_and_modules_are_exposed():
    assert tf.errors.InvalidArgumentError.__name__ == "InvalidArgumentError"
    assert callable(tf.nest.flatten) and callable(tf.nest.map_structure)
    assert tf.TensorShape([1]) == [1] and tf.TensorSpec([1]).shape == [1]
    assert tf.newaxis is None
    assert isinstance(tf.constant(1.), tf.Tensor)
    assert isinstance(tf.convert_to_tensor(1.), tf.Tensor)
