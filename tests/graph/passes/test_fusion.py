"""The fusion pass: `assign_sub(var, delta * alpha)` becomes ResourceApplyGradientDescent."""

import numpy as np

import tensorlet as tf
from tensorlet.ops import state_ops

LR = np.float32(0.01)


def _op_names(fn, *specs):
    graph = tf.function(fn).get_concrete_function(*specs).optimized_graph
    return [n.op.name for n in graph.nodes if n.kind == "op"]


def test_sgd_update_becomes_one_op_in_either_operand_order():
    v = tf.Variable(np.ones((3,), np.float32))
    for step in (lambda g: v.assign_sub(g * 0.5), lambda g: v.assign_sub(0.5 * g)):
        names = _op_names(step, tf.TensorSpec([3]))
        assert "resource_apply_gradient_descent" in names
        assert "multiply" not in names and "assign_sub_variable" not in names


def test_products_used_elsewhere_or_scaled_by_a_vector_are_left_alone():
    v = tf.Variable(np.ones((2, 3), np.float32))

    def used_twice(g):
        update = g * 0.5
        v.assign_sub(update)
        return update

    assert "resource_apply_gradient_descent" not in _op_names(used_twice, tf.TensorSpec([2, 3]))
    vector_rate = _op_names(lambda g, r: v.assign_sub(g * r), tf.TensorSpec([2, 3]),
                            tf.TensorSpec([3]))
    assert "resource_apply_gradient_descent" not in vector_rate


def test_fused_update_gives_the_same_bits_in_place_and_in_blocks():
    rng = np.random.default_rng(0)
    shape = (400, 300)  # more elements than one block of the fused kernel
    assert shape[0] * shape[1] > state_ops._BLOCK
    w = rng.standard_normal(shape).astype(np.float32)
    g = rng.standard_normal(shape).astype(np.float32)
    v = tf.Variable(w)
    step = tf.function(lambda grad, lr: v.assign_sub(grad * lr))
    assert "resource_apply_gradient_descent" in _op_names(
        step.python_function, tf.TensorSpec(shape), tf.TensorSpec([]))
    memory = id(v._value)
    step(tf.constant(g), tf.constant(LR))
    np.testing.assert_array_equal(v.numpy(), w - g * LR)
    assert id(v._value) == memory  # updated in place: nothing else held the array


def test_fused_update_never_changes_a_tensor_read_before_it():
    rng = np.random.default_rng(1)
    w = rng.standard_normal((400, 300)).astype(np.float32)
    v = tf.Variable(w)
    before = v.read_value()
    tf.function(lambda grad: v.assign_sub(grad * 0.5))(tf.ones_like(before))
    np.testing.assert_array_equal(before.numpy(), w)
    np.testing.assert_array_equal(v.numpy(), w - np.float32(0.5))
