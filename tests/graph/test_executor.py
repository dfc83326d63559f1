"""The compiled plan: one kernel call per op, buffers freed after last use, eager results."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY
from tensorlet.graph.executor import compile_plan, interpret
from tensorlet.graph.function import function


def _plan(fn, *specs):
    return function(fn).get_concrete_function(*specs).plan


def test_the_plan_is_straight_line_python_with_one_call_per_op():
    plan = _plan(lambda x, y: tf.exp(x) * y + x, tf.TensorSpec([3]), tf.TensorSpec([3]))
    lines = [line.strip() for line in plan.source.splitlines()[1:]]
    calls = [line for line in lines if "= k" in line]
    assert len(calls) == 3
    assert "execute" not in plan.source and "REGISTRY" not in plan.source
    names = plan.run.__code__.co_names  # the kernels, bound once as the plan's globals
    assert set(names) <= {"_errstate", "_set", "_reset", "_ignore", "_token", "k0", "k1", "k2"}
    assert all(callable(plan.run.__globals__[n]) for n in names if n.startswith("k"))


def test_values_are_deleted_after_their_last_use():
    plan = _plan(lambda x: tf.exp(tf.exp(x)) * 2.0, tf.TensorSpec([3]))
    lines = [line.strip() for line in plan.source.splitlines()]
    start = lines.index("v1 = k0(i0)")
    # each elementwise result is written over the input that dies with it (see memory.py)
    assert lines[start:start + 6] == ["v1 = k0(i0)", "v2 = k0(v1, out=v1)", "del v1",
                                      "v4 = k2(v2, c1, out=v2)", "del v2", "return (v4, )"]


def test_quiet_kernels_run_inside_one_errstate_and_warn_nothing():
    plan = _plan(lambda x: tf.math.log(x) + x / 0.0, tf.TensorSpec([2]))
    assert "k0(" in plan.source and "quiet" not in plan.source
    with np.errstate(all="raise"):
        (out,) = plan.run(np.array([0.0, 1.0], np.float32))
        assert np.geterr()["divide"] == "raise"  # the caller's NumPy state is restored
    assert np.isnan(out[0]) and np.isposinf(out[1])


def test_results_match_eager_bit_for_bit():
    def fn(x, w):
        h = tf.nn.relu(tf.matmul(x, w) - 0.5)
        return tf.reduce_mean(tf.square(h), axis=0), tf.reduce_sum(h)

    rng = np.random.default_rng(1)
    x = tf.constant(rng.standard_normal((5, 4)).astype(np.float32))
    w = tf.constant(rng.standard_normal((4, 3)).astype(np.float32))
    for got, want in zip(function(fn)(x, w), fn(x, w)):
        assert got.numpy().tobytes() == want.numpy().tobytes()


def test_outputs_may_be_inputs_or_constants():
    f = function(lambda x: (x, tf.constant(3), x * 1.0))
    a, b, c = f(tf.constant([1.0]))
    assert a.numpy() == [1.0] and b.numpy() == 3 and c.numpy() == [1.0]


def test_multi_output_ops_unpack_into_several_values():
    f = function(lambda x: tf.split(x, 3)[2] * 2.0)
    np.testing.assert_array_equal(f(tf.constant([1.0, 2.0, 3.0])).numpy(), [6.0])


def test_compile_plan_runs_any_graph_given_arrays():
    cf = function(lambda x: x + 1.0).get_concrete_function(tf.TensorSpec([2]))
    plan = compile_plan(cf.graph)
    (out,) = plan.run(np.array([1.0, 2.0], np.float32))
    np.testing.assert_array_equal(out, [2.0, 3.0])


def test_interpret_runs_op_by_op_through_execute():
    cf = function(lambda x: tf.exp(x) * 2.0).get_concrete_function(tf.TensorSpec([]))
    (out,) = interpret(cf.graph, [tf.constant(0.0)])
    assert isinstance(out, tf.Tensor) and out.numpy() == 2.0


def test_a_kernel_failure_at_run_time_names_the_op_and_the_shapes():
    f = function(lambda a, b: a + b,
                 input_signature=[tf.TensorSpec([None]), tf.TensorSpec([None])])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"add: Incompatible shapes: \[3\] "
                                                             r"vs. \[2\]"):
        f(tf.ones([3]), tf.ones([2]))


def test_an_op_error_raised_by_a_kernel_keeps_its_class(monkeypatch):
    def failing(*args, **kwargs):
        raise tf.errors.ResourceExhaustedError("out of memory")

    monkeypatch.setattr(REGISTRY["exp"], "kernel", failing)
    monkeypatch.setattr(REGISTRY["exp"], "raw_kernel", failing)
    with pytest.raises(tf.errors.ResourceExhaustedError, match="out of memory"):
        function(lambda x: tf.exp(x))(tf.constant(1.0))
