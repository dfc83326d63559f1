"""tf.TensorArraySpec: the type of a TensorArray and its components (A3.2)."""

import numpy as np

import tensorlet as tf


def test_a3_2_spec_repr_and_equality_as_tf():
    spec = tf.TensorArraySpec([2], tf.float32)
    assert repr(spec) == "TensorArraySpec(TensorShape([2]), tf.float32, False, True)"
    assert spec == tf.TensorArraySpec(tf.TensorShape([2]), tf.float32, False, True)
    assert spec != tf.TensorArraySpec([3], tf.float32)
    assert spec.value_type is tf.TensorArray


def test_a3_2_spec_of_a_value_and_compatibility():
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[2])
    spec = ta._type_spec
    assert spec == tf.TensorArraySpec([2], tf.float32, False, True)
    assert spec.is_compatible_with(tf.TensorArraySpec([None], tf.float32))
    assert not spec.is_compatible_with(tf.TensorArraySpec([2], tf.int32))
    assert spec.is_compatible_with(ta)


def test_a3_2_component_specs_are_a_buffer_and_an_int32_size():
    buffer, size = tf.TensorArraySpec([2], tf.float64)._component_specs
    assert buffer.dtype == tf.float64 and buffer.shape.rank is None
    assert size == tf.TensorSpec([], tf.int32)


def test_a3_2_eager_components_rebuild_the_same_array():
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.)
    spec = ta._type_spec
    (flow,) = spec._to_components(ta)
    assert flow.dtype == tf.int32
    again = spec._from_components([flow])
    again.write(1, 2.)
    np.testing.assert_array_equal(ta.stack().numpy(), [1., 2.])


def test_a3_2_traced_components_round_trip():
    seen = {}

    @tf.function
    def f(x):
        ta = tf.TensorArray(tf.float32, size=2).write(0, x)
        spec = ta._type_spec
        buffer, size = spec._to_components(ta)
        seen["specs"] = (buffer.dtype, size.dtype, size.shape)
        rebuilt = spec._from_components([buffer, size])
        return rebuilt.write(1, x * 2.).stack()

    np.testing.assert_array_equal(f(tf.constant([1., 2.])).numpy(), [[1., 2.], [2., 4.]])
    assert seen["specs"] == (tf.float32, tf.int32, tf.TensorShape([]))


def test_a3_2_spec_without_a_value_builds_a_traced_array():
    spec = tf.TensorArraySpec([2], tf.float32)

    @tf.function
    def f(buffer, size):
        return spec._from_components([buffer, size]).read(1)

    out = f(tf.constant([[1., 2.], [3., 4.]]), tf.constant(2))
    np.testing.assert_array_equal(out.numpy(), [3., 4.])
