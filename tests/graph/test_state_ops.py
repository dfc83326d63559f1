"""The variable ops that graphs use: read_variable and assign(_add/_sub)_variable."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError
from tensorlet.ops import state_ops


def test_state_ops_carry_tf_kernel_names_and_traits():
    assert state_ops.READ_VARIABLE.tf_name == "ReadVariableOp"
    assert not state_ops.READ_VARIABLE.traits.pure
    assert not state_ops.READ_VARIABLE.traits.stateful
    for op in state_ops.UPDATES.values():
        assert op.traits.stateful and op.num_outputs == 0
    assert state_ops.ASSIGN_SUB_VARIABLE.tf_name == "AssignSubVariableOp"


def test_kernels_read_and_replace_the_variables_array():
    v = tf.Variable([1.0, 2.0])
    before = state_ops.READ_VARIABLE.kernel(v)
    state_ops.ASSIGN_ADD_VARIABLE.kernel(v, np.array([1.0, 1.0], np.float32))
    np.testing.assert_array_equal(before, [1.0, 2.0])
    np.testing.assert_array_equal(v.numpy(), [2.0, 3.0])
    state_ops.ASSIGN_SUB_VARIABLE.kernel(v, np.array([2.0, 2.0], np.float32))
    state_ops.ASSIGN_VARIABLE.kernel(v, v.numpy() * 3)
    np.testing.assert_array_equal(v.numpy(), [0.0, 3.0])


def test_assign_kernel_checks_the_shape_at_run_time():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(InvalidArgumentError, match="not compatible with the shape"):
        state_ops.ASSIGN_VARIABLE.kernel(v, np.zeros(3, np.float32))
    with pytest.raises(InvalidArgumentError, match="assign_add_variable"):
        state_ops.ASSIGN_ADD_VARIABLE.kernel(v, np.zeros(3, np.float32))


def test_update_rules_reject_other_dtypes_and_shapes():
    var = tf.TensorSpec([2], tf.float32)
    with pytest.raises(InvalidArgumentError, match="cannot write a int32 value to a float32"):
        state_ops.ASSIGN_VARIABLE.infer(var, tf.TensorSpec([2], tf.int32))
    with pytest.raises(InvalidArgumentError, match="not compatible"):
        state_ops.ASSIGN_ADD_VARIABLE.infer(var, tf.TensorSpec([], tf.float32))
    assert state_ops.ASSIGN_VARIABLE.infer(var, tf.TensorSpec([None], tf.float32)) == ()


def test_read_gradient_passes_the_upstream_gradient_through():
    g = tf.constant([1.0, 2.0])
    (out,) = state_ops.READ_VARIABLE.grad(g, None, tf.Variable([0.0, 0.0]))
    assert out is g
