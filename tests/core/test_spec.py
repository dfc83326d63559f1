"""TensorSpec: repr, equality and compatibility as in TF."""

import tensorlet as tf


def test_repr_names_shape_dtype_and_name():
    assert repr(tf.TensorSpec([None, 3], tf.float32)) == \
        "TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)"
    assert repr(tf.TensorSpec([None, 3], tf.float32, name="x")) == \
        "TensorSpec(shape=(None, 3), dtype=tf.float32, name='x')"
    assert repr(tf.TensorSpec(None)) == "TensorSpec(shape=<unknown>, dtype=tf.float32, name=None)"
    assert str(tf.TensorSpec([2])) == "TensorSpec(shape=(2,), dtype=tf.float32, name=None)"


def test_equality_and_hash():
    assert tf.TensorSpec([2]) == tf.TensorSpec([2], "float32")
    assert tf.TensorSpec([2]) != tf.TensorSpec([2], tf.int32)
    assert hash(tf.TensorSpec([2])) == hash(tf.TensorSpec([2]))


def test_compatibility_with_tensors_and_specs_but_not_python_values():
    spec = tf.TensorSpec([None], tf.float32)
    assert spec.is_compatible_with(tf.constant([1.]))
    assert not spec.is_compatible_with(tf.constant([1]))
    assert spec.is_compatible_with(tf.TensorSpec([3], tf.float32))
    assert not tf.TensorSpec([None], tf.int32).is_compatible_with([1, 2])


def test_from_tensor():
    spec = tf.TensorSpec.from_tensor(tf.constant([1.]), name="n")
    assert spec == tf.TensorSpec([1], tf.float32, name="n")
