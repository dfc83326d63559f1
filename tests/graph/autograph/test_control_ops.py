"""`tf.cond` and `tf.while_loop`: plain Python eagerly, one `cond` / `while_loop` node inside a
traced function, with TF's checks on structures, dtypes and shapes."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ops.control import cond
from tensorlet.ops.control_while import while_loop
from tests.graph.autograph._helpers import op_types


def test_eager_cond_runs_only_the_chosen_function_and_returns_its_value():
    ran = []
    out = cond(tf.constant(False), lambda: ran.append("t") or 1, lambda: ran.append("f") or 2)
    assert out == 2 and ran == ["f"]
    assert cond(True, lambda: (1, 2.0), lambda: (3, 4.0)) == (1, 2.0)


def test_cond_in_a_function_is_one_node_with_outputs_in_the_true_fns_structure():
    @tf.function
    def f(x):
        return cond(x > 0, lambda: {"a": x, "b": (x * 2, None)},
                    lambda: {"a": -x, "b": (x * 3, None)})

    out = f(tf.constant(-1.0))
    assert out["a"].numpy() == 1.0 and out["b"][0].numpy() == -3.0 and out["b"][1] is None
    assert op_types(f, tf.constant(1.0)).count("StatelessIf") == 1


def test_cond_converts_python_results_with_the_other_branchs_dtype():
    f = tf.function(lambda x: cond(x > 0, lambda: x, lambda: 0.0))
    out = f(tf.constant(-2.0))
    assert out.dtype == tf.float32 and out.numpy() == 0.0


def test_cond_branches_of_different_dtypes_or_structures_raise_tfs_type_error():
    with pytest.raises(TypeError, match="must have the same number, type, and overall"):
        tf.function(lambda x: cond(x > 0, lambda: x, lambda: tf.cast(x, tf.int32)))(
            tf.constant(1.0))
    with pytest.raises(TypeError, match="must have the same number, type, and overall"):
        tf.function(lambda x: cond(x > 0, lambda: x, lambda: (x, x)))(tf.constant(1.0))


def test_cond_requires_callables_and_a_bool_predicate():
    with pytest.raises(TypeError, match="true_fn must be callable"):
        cond(True, 1, lambda: 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected bool"):
        tf.function(lambda x: cond(x, lambda: 1.0, lambda: 2.0))(tf.constant(1.0))


def test_eager_while_loop_returns_tensors_in_the_structure_of_loop_vars():
    out = while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s + i), (0, 0.0))
    assert isinstance(out, tuple) and [t.numpy() for t in out] == [4, 6.0]
    (i,) = while_loop(lambda i: i < 10, lambda i: [i + 3], [0])
    assert i.numpy() == 12


def test_while_loop_in_a_function_is_one_node():
    @tf.function
    def f(x):
        return while_loop(lambda x: x > 1, lambda x: x // 2, [x])

    (out,) = f(tf.constant(1024))
    assert out.numpy() == 1
    assert op_types(f, tf.constant(1)).count("StatelessWhile") == 1


def test_while_loop_maximum_iterations_as_int_and_as_tensor():
    body = lambda i: i + 1  # noqa: E731
    assert while_loop(lambda i: i < 10, body, [0], maximum_iterations=3)[0].numpy() == 3
    f = tf.function(lambda n: while_loop(lambda i: i < 10, body, [0], maximum_iterations=n))
    assert f(tf.constant(4))[0].numpy() == 4
    assert f(tf.constant(40))[0].numpy() == 10


def test_while_loop_shape_and_dtype_changes_raise_tfs_errors():
    grow = lambda i: tf.concat([i, i], 0)  # noqa: E731
    with pytest.raises(ValueError, match="enters the loop with shape \\(1,\\), but has shape "
                                         "\\(2,\\) after one iteration"):
        tf.function(lambda x: while_loop(lambda i: tf.reduce_sum(i) < 10, grow, [x]))(
            tf.constant([1]))
    with pytest.raises(TypeError, match="enters the loop with type int32 but has type float32"):
        tf.function(lambda x: while_loop(lambda i: i < 10, lambda i: tf.cast(i, tf.float32),
                                         [x]))(tf.constant(1))


def test_while_loop_shape_invariants_relax_a_shape():
    f = tf.function(lambda x: while_loop(
        lambda i: tf.reduce_sum(i) < 10, lambda i: tf.concat([i, i], 0), [x],
        shape_invariants=[tf.TensorShape([None])]))
    np.testing.assert_array_equal(f(tf.constant([1]))[0].numpy(), [1] * 16)


def test_while_loop_checks_its_arguments():
    with pytest.raises(TypeError, match="'cond' must be callable"):
        while_loop(1, lambda i: i, [0])
    with pytest.raises(ValueError, match="'loop_vars' must be provided"):
        while_loop(lambda: True, lambda: (), [])


def test_a_function_without_control_flow_traces_the_same_graph_with_autograph():
    """AutoGraph only changes what has control flow: same graph, same compiled plan."""

    def step(x, w):
        y = tf.matmul(x, w)
        return tf.reduce_sum(tf.nn.relu(y) * 2.0)

    x, w = tf.ones([2, 3]), tf.ones([3, 4])
    plain = tf.function(step, autograph=False).get_concrete_function(x, w)
    converted = tf.function(step).get_concrete_function(x, w)
    assert str(converted.graph) == str(plain.graph)
    assert converted.plan.source == plain.plan.source
