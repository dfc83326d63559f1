"""tf.Variable creation, attributes, repr and use in ops (A2.1, A2.5, A2.7)."""

import copy

import numpy as np
import pytest

import tensorlet as tf


def test_a2_1_repr_is_tf_exact():
    v = tf.Variable([[1., 2., 3.], [4., 5., 6.]])
    assert repr(v) == ("<tf.Variable 'Variable:0' shape=(2, 3) dtype=float32, numpy=\n"
                       "array([[1., 2., 3.],\n"
                       "       [4., 5., 6.]], dtype=float32)>")
    assert str(tf.Variable(1.5)) == "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.5>"


def test_a2_5_the_class_is_resource_variable_and_a_variable_not_a_tensor():
    v = tf.Variable(1.)
    assert type(v).__name__ == "ResourceVariable"
    assert isinstance(v, tf.Variable) and not isinstance(v, tf.Tensor)


def test_a2_1_variables_work_in_ops_and_with_numpy():
    v = tf.Variable([[1., 2.], [3., 4.]])
    np.testing.assert_array_equal(tf.square(v).numpy(), [[1., 4.], [9., 16.]])
    np.testing.assert_array_equal(tf.matmul(v, v).numpy(), [[7., 10.], [15., 22.]])
    np.testing.assert_array_equal(tf.reduce_sum(v).numpy(), 10.)
    assert np.square(v).dtype == np.float32


def test_a2_1_dtype_strictness_applies_to_variables():
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a float tensor"):
        tf.Variable([1., 2.]) + tf.constant(1)


def test_a2_7_trainable_constraint_name_dtype_shape():
    v = tf.Variable(1.)
    assert v.trainable is True and v.constraint is None
    assert v.name == "Variable:0" and v.dtype is tf.float32 and v.shape == ()
    assert tf.Variable(1., trainable=False).trainable is False
    f = lambda x: x  # noqa: E731
    assert tf.Variable(1., constraint=f).constraint is f
    on_read = tf.VariableSynchronization.ON_READ
    assert tf.Variable(1., synchronization=on_read).trainable is False


def test_names_always_get_the_output_suffix_and_are_not_uniquified():
    assert tf.Variable(1., name="x").name == "x:0"
    assert tf.Variable(1., name="x:0").name == "x:0:0"
    assert tf.Variable(1., name="d").name == tf.Variable(1., name="d").name == "d:0"


def test_creation_converts_the_initial_value_like_convert_to_tensor():
    assert tf.Variable(1).dtype is tf.int32
    assert tf.Variable(1, dtype=tf.float32).dtype is tf.float32
    assert tf.Variable(np.array([1.])).dtype is tf.float64
    assert tf.Variable(np.array([1.5]), dtype=tf.float32).dtype is tf.float32
    assert tf.Variable("abc").numpy() == b"abc"
    np.testing.assert_array_equal(tf.Variable(lambda: tf.ones(2)).numpy(), [1., 1.])
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.Variable(1.5, dtype=tf.int32)
    with pytest.raises(ValueError, match="initial_value: Tensor conversion requested dtype "
                                         "float32 for Tensor with dtype int32"):
        tf.Variable(tf.constant(1), dtype=tf.float32)


def test_creation_errors():
    with pytest.raises(ValueError, match="The `initial_value` arg to `tf.Variable` must be "
                                         "specified"):
        tf.Variable(None)
    with pytest.raises(ValueError, match="Argument `constraint` must be None or a callable"):
        tf.Variable(1., constraint=3)
    with pytest.raises(ValueError, match="is not compatible with the explicitly supplied "
                                         "`shape` argument"):
        tf.Variable([1.], shape=[2])


def test_a_declared_shape_may_be_partial():
    assert tf.Variable(1., shape=tf.TensorShape(None)).shape == tf.TensorShape(None)
    v = tf.Variable([1.], shape=[None])
    assert v.shape.as_list() == [None]
    v.assign([1., 2., 3.])
    assert v.numpy().shape == (3,)


def test_a2_5_item_assignment_is_a_type_error_naming_the_assign_spelling():
    v = tf.Variable([[1., 2., 3.], [4., 5., 6.]])
    with pytest.raises(TypeError) as info:
        v[1] = [7., 8., 9.]
    message = str(info.value)
    assert message.startswith("'ResourceVariable' object does not support item assignment")
    assert "v[1].assign(" in message  # C11


def test_c11_opt_in_item_assignment():
    from tensorlet.core.variable import enable_variable_setitem

    v = tf.Variable([[1., 2., 3.], [4., 5., 6.]])
    enable_variable_setitem()
    try:
        v[1] = [7., 8., 9.]
    finally:
        enable_variable_setitem(False)
    np.testing.assert_array_equal(v.numpy(), [[1., 2., 3.], [7., 8., 9.]])
    with pytest.raises(TypeError):
        v[0] = [0., 0., 0.]


def test_variables_are_unhashable_but_have_refs():
    v = tf.Variable(1.)
    with pytest.raises(TypeError, match="Variable is unhashable. Instead, use variable.ref\\(\\) "
                                        "as the key."):
        hash(v)
    assert {v.ref(): 1}[v.ref()] == 1


def test_value_read_value_and_numpy():
    v = tf.Variable([1., 2.])
    for t in (v.value(), v.read_value()):
        assert isinstance(t, tf.Tensor)
        np.testing.assert_array_equal(t.numpy(), [1., 2.])
    assert v.numpy() is not v.numpy()
    assert tf.Variable(1.5).numpy() == np.float32(1.5)


def test_a_read_value_keeps_its_value_after_assignment():
    v = tf.Variable([1., 2.])
    before = v.value()
    v.assign([5., 6.])
    np.testing.assert_array_equal(before.numpy(), [1., 2.])


def test_python_protocols_on_scalar_variables():
    assert bool(tf.Variable(1.)) is True
    assert float(tf.Variable(1.5)) == 1.5
    assert [int(x) for x in tf.Variable([1, 2])] == [1, 2]
    assert tf.Variable(1.).device == "/job:localhost/replica:0/task:0/device:CPU:0"


def test_deepcopy_makes_an_independent_variable_with_the_same_attributes():
    v = tf.Variable([1., 2.], name="z", trainable=False)
    w = copy.deepcopy(v)
    assert w is not v and w.name == "z:0" and w.trainable is False
    w.assign([3., 4.])
    np.testing.assert_array_equal(v.numpy(), [1., 2.])


def test_a2_7_only_trainable_variables_are_watched_automatically():
    w, frozen = tf.Variable(3.), tf.Variable(3., trainable=False)
    with tf.GradientTape() as tape:
        y = w * frozen
    dw, dfrozen = tape.gradient(y, [w, frozen])
    assert float(dw) == 3. and dfrozen is None
