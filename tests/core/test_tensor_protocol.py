"""Python protocols on tensors: hash, bool, len, float, format, iteration, attributes (A1.8,
A0.11)."""

import pickle

import numpy as np
import pytest

import tensorlet as tf


def test_a1_8_hash_raises_tf_exact_type_error():
    with pytest.raises(TypeError) as info:
        hash(tf.constant(1.))
    assert str(info.value) == "Tensor is unhashable. Instead, use tensor.ref() as the key."


def test_ref_is_a_hashable_key_that_derefs_to_the_tensor():
    t = tf.constant(1.)
    table = {t.ref(): "x"}
    assert table[t.ref()] == "x"
    assert t.ref().deref() is t
    assert t.ref() != tf.constant(1.).ref()


def test_a1_8_bool_of_many_elements_is_a_value_error():
    with pytest.raises(ValueError, match="more than one element is ambiguous"):
        bool(tf.constant([1., 2.]))


def test_bool_of_one_element_or_empty_tensor_follows_tf():
    assert bool(tf.constant([3.])) is True
    assert bool(tf.constant(0.)) is False
    assert bool(tf.constant([])) is False


def test_a1_8_len_is_the_first_dimension():
    assert len(tf.constant([[1., 2., 3.], [4., 5., 6.]])) == 2
    with pytest.raises(TypeError, match="Scalar tensor has no `len\\(\\)`"):
        len(tf.constant(1))


def test_a1_8_float_and_int_of_scalars():
    t = tf.constant([[1., 2.], [3., 4.]])
    assert float(t[0, 0]) == 1.0 and isinstance(float(t[0, 0]), float)
    assert int(tf.constant(3.7)) == 3


def test_float_of_a_one_element_vector_is_a_type_error_as_in_tf():
    with pytest.raises(TypeError, match="only 0-dimensional arrays"):
        float(tf.constant([1.]))


def test_a1_8_format_spec_works_on_scalars():
    assert f"{tf.constant(3.14159):.4f}" == "3.1416"
    assert f"{tf.constant(7):>3d}" == "  7"


def test_format_of_non_scalars_prints_the_array_and_rejects_a_spec():
    assert f"{tf.constant([[1., 2.], [3., 4.]])}" == "[[1. 2.]\n [3. 4.]]"
    with pytest.raises(TypeError, match="unsupported format string"):
        f"{tf.constant([1., 2.]):.4f}"  # noqa: B018


def test_scalar_int_tensors_are_python_indices():
    assert [10, 20, 30][tf.constant(1)] == 20
    with pytest.raises(TypeError):
        [10, 20, 30][tf.constant(1.)]  # noqa: B018


def test_iterating_yields_scalar_tensors_and_scalars_do_not_iterate():
    assert [int(x) for x in tf.constant([1, 2])] == [1, 2]
    with pytest.raises(TypeError, match="Cannot iterate over a scalar tensor"):
        iter(tf.constant(1))


def test_a0_11_t_dot_T_raises_attribute_error_suggesting_numpy_behavior():
    with pytest.raises(AttributeError) as info:
        tf.constant([[1., 2.]]).T  # noqa: B018
    assert str(info.value) == (
        "EagerTensor object has no attribute 'T'. \n"
        "        If you are looking for numpy-related methods, please run the following:\n"
        "        tf.experimental.numpy.experimental_enable_numpy_behavior()\n      ")


@pytest.mark.parametrize("name", ["reshape", "astype", "transpose", "size", "tolist", "ravel"])
def test_numpy_method_names_give_the_numpy_behavior_hint(name):
    with pytest.raises(AttributeError, match="experimental_enable_numpy_behavior"):
        getattr(tf.constant([1.]), name)


def test_other_missing_attributes_are_plain_attribute_errors():
    t = tf.constant([1.])
    with pytest.raises(AttributeError) as info:
        t.sum  # noqa: B018
    assert "numpy" not in str(info.value) and "'sum'" in str(info.value)
    assert not hasattr(t, "foo")


def test_a0_11_transpose_returns_a_new_tensor_and_keeps_the_input():
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    y = tf.transpose(t)
    assert y is not t and y.shape == (3, 2)
    np.testing.assert_array_equal(t.numpy(), [[1., 2., 3.], [4., 5., 6.]])


def test_eager_tensors_have_no_name_op_or_graph():
    t = tf.constant(1.)
    for attr in ("name", "op", "graph"):
        with pytest.raises(AttributeError, match=f"Tensor.{attr} is undefined when eager"):
            getattr(t, attr)


def test_device_is_the_local_cpu():
    assert tf.constant(1.).device == "/job:localhost/replica:0/task:0/device:CPU:0"


def test_tensors_do_not_support_item_assignment():
    t = tf.constant([1., 2.])
    with pytest.raises(TypeError, match="'EagerTensor' object does not support item assignment"):
        t[0] = 5.


def test_set_shape_checks_compatibility():
    t = tf.constant([[1., 2.]])
    t.set_shape([None, 2])
    with pytest.raises(ValueError, match="is not compatible with supplied shape"):
        t.set_shape([2, 1])


def test_eager_tensor_is_lean_and_pickles():
    t = tf.constant([1., 2.])
    assert not hasattr(t, "__dict__")
    back = pickle.loads(pickle.dumps(t))
    np.testing.assert_array_equal(back.numpy(), [1., 2.])
    assert back.dtype is tf.float32


def test_executing_eagerly_outside_tf_function():
    assert tf.executing_eagerly() is True
