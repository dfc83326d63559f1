"""A13.11: `if` on a tensor is one `cond` node (both signs right, one trace); on a Python bool
it is specialised (one trace per value). Names assigned in the branches become outputs."""

import numpy as np
import pytest

import tensorlet as tf
from tests.graph.autograph._helpers import count, op_types


@tf.function
def relu_like(x):
    if x > 0:
        y = x * 2.0
    else:
        y = -x
    return y


def test_a13_11_if_on_a_tensor_is_one_cond_node_right_for_both_signs():
    assert relu_like(tf.constant(3.0)).numpy() == 6.0
    assert relu_like(tf.constant(-3.0)).numpy() == 3.0
    assert relu_like.experimental_get_tracing_count() == 1
    types = op_types(relu_like, tf.constant(1.0))
    assert types.count("StatelessIf") == 1
    assert "Mul" not in types and "Neg" not in types  # they live in the branches


def test_a13_11_if_on_a_python_bool_is_specialised_one_trace_per_value():
    @tf.function
    def f(x, flag):
        if flag:
            x = x + 1.0
        else:
            x = x - 1.0
        return x

    assert f(tf.constant(1.0), True).numpy() == 2.0
    assert f(tf.constant(1.0), False).numpy() == 0.0
    assert f(tf.constant(5.0), True).numpy() == 6.0
    assert f.experimental_get_tracing_count() == 2
    assert count(f, "StatelessIf", tf.constant(1.0), True) == 0


def test_an_if_on_a_captured_tensor_is_staged_like_any_tensor_condition():
    threshold = tf.constant(1.0)

    @tf.function
    def f(x):
        if threshold > 0:  # an op inside the trace: a symbolic tensor, as in TF
            x = x * 3.0
        return x

    assert f(tf.constant(2.0)).numpy() == 6.0
    assert count(f, "StatelessIf", tf.constant(2.0)) == 1


def test_a_name_assigned_in_one_branch_and_used_after_raises_naming_it():
    @tf.function
    def f(x):
        if x > 0:
            y = 1.0
        return y

    with pytest.raises(ValueError, match="'y' must also be initialized in the else branch"):
        f(tf.constant(1.0))


def test_a_name_assigned_in_one_branch_and_not_used_after_is_fine():
    @tf.function
    def f(x):
        if x > 0:
            unused = x * 2.0  # noqa: F841 - the point of the test
            x = x + 1.0
        return x

    assert f(tf.constant(1.0)).numpy() == 2.0
    assert f(tf.constant(-1.0)).numpy() == -1.0


def test_branches_giving_different_dtypes_raise_naming_the_name_and_dtypes():
    @tf.function
    def f(x):
        if x > 0:
            y = x
        else:
            y = tf.cast(x, tf.int32)
        return y

    with pytest.raises(TypeError, match="'y' has dtype float32 in the main branch, but dtype "
                                        "int32 in the else branch"):
        f(tf.constant(1.0))


def test_branches_giving_different_structures_raise():
    @tf.function
    def f(x):
        if x > 0:
            y = (x, x)
        else:
            y = x
        return y

    with pytest.raises(TypeError, match="'y' must have the same nested structure"):
        f(tf.constant(1.0))


def test_a_python_value_cannot_differ_between_tensor_branches():
    @tf.function
    def f(x):
        if x > 0:
            y = None
        else:
            y = x
        return y

    with pytest.raises(TypeError, match="'y' is the Python value None in the main branch"):
        f(tf.constant(1.0))


def test_different_shapes_merge_into_the_most_specific_compatible_shape():
    @tf.function
    def f(x):
        if x > 0:
            y = tf.zeros([2])
        else:
            y = tf.zeros([3])
        return y

    concrete = f.get_concrete_function(tf.constant(1.0))
    assert concrete.outputs[0].shape.as_list() == [None]
    assert f(tf.constant(-1.0)).shape == [3]


def test_python_numbers_become_tensors_and_equal_python_values_stay_python():
    @tf.function
    def f(x):
        if x > 0:
            sign, reps = 1, 2
        else:
            sign, reps = -1, 2
        for _ in range(reps):  # still a Python int: unrolled
            x = x * 2.0
        return x * tf.cast(sign, tf.float32)

    assert f(tf.constant(1.5)).numpy() == 6.0
    assert f(tf.constant(-1.5)).numpy() == 6.0


def test_nested_ifs_and_elif_chains():
    @tf.function
    def sign(x):
        if x > 0:
            s = 1
        elif x < 0:
            s = -1
        else:
            s = 0
        return s

    assert [sign(tf.constant(v)).numpy() for v in (2.0, -2.0, 0.0)] == [1, -1, 0]
    assert count(sign, "StatelessIf", tf.constant(1.0)) == 1  # the elif is inside


def test_an_if_with_side_effects_is_a_stateful_cond_kept_by_the_passes():
    v = tf.Variable(0.0)

    @tf.function
    def f(x):
        if x > 0:
            v.assign_add(x)
        return x

    f(tf.constant(2.0))
    f(tf.constant(-5.0))
    assert v.numpy() == 2.0
    optimized = f.get_concrete_function(tf.constant(1.0)).optimized_graph
    assert [op.type for op in optimized.get_operations()].count("If") == 1


def test_the_cond_node_prints_its_branches_and_runs_their_compiled_plans():
    concrete = relu_like.get_concrete_function(tf.constant(1.0))
    text = str(concrete.graph)
    assert "cond[then_branch=if_true, else_branch=if_false]" in text
    node = concrete.graph.get_operation_by_name("cond")
    branches = node.get_attr("then_branch"), node.get_attr("else_branch")
    assert [b.run(np.float32(4.0))[0] for b in branches] == [8.0, -4.0]
