"""Dead-code elimination (A0.4): unused pure ops go; stateful ops stay, in order."""

import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY
from tensorlet.graph.function import function
from tensorlet.graph.passes.dce import eliminate_dead_code
from tests.graph.passes._graphs import op_types, traced


def test_unused_pure_ops_are_removed():
    def fn(x):
        tf.exp(x)  # unused
        return x * 2.0

    g = traced(fn, tf.TensorSpec([2]))
    assert eliminate_dead_code(g)
    assert op_types(g) == ["Const", "Mul"]


def test_inputs_are_kept_even_when_unused():
    g = traced(lambda x, y: x * 2.0, tf.TensorSpec([]), tf.TensorSpec([]))
    eliminate_dead_code(g)
    assert [n.name for n in g.nodes if n.kind == "input"] == ["x", "y"]


def test_stateful_ops_and_what_they_read_are_kept_in_program_order():
    v = tf.Variable(0.0)

    def fn(x):
        v.assign(x * 2.0)
        v.assign_add(tf.exp(x))
        return x

    g = traced(fn, tf.TensorSpec([]))
    eliminate_dead_code(g)
    assert [n.type for n in g.nodes if n.kind == "op"] == [
        "Mul", "AssignVariableOp", "Exp", "AssignAddVariableOp"]


def test_an_unused_variable_read_is_dropped_with_its_capture():
    v = tf.Variable(1.0)

    def fn(x):
        v.read_value() if False else v * 1.0  # noqa: B018 - a read nobody uses
        return x

    g = traced(fn, tf.TensorSpec([]))
    eliminate_dead_code(g)
    assert [n.kind for n in g.nodes] == ["input"]


@pytest.fixture
def exp_calls(monkeypatch):
    """Counts the calls of the `exp` kernel (patched before the plan binds it)."""
    calls = []
    op = REGISTRY["exp"]
    raw = op.raw_kernel
    counting = lambda *a, **k: calls.append(1) or raw(*a, **k)  # noqa: E731
    monkeypatch.setattr(op, "kernel", counting)
    monkeypatch.setattr(op, "raw_kernel", counting)
    return calls


def test_a0_4_an_unused_pure_op_does_not_run(exp_calls):
    @function
    def f(x):
        tf.exp(x)
        return x + 1.0

    assert f(tf.constant(1.0)).numpy() == 2.0
    f(tf.constant(2.0))
    assert exp_calls == []
    assert "exp" not in str(f.get_concrete_function(tf.constant(1.0)).optimized_graph)


def test_a0_4_a_used_op_runs_once_per_call(exp_calls):
    f = function(lambda x: tf.exp(x) + 1.0)
    f(tf.constant(1.0))
    f(tf.constant(1.0))
    assert len(exp_calls) == 2


def test_a0_4_stateful_ops_still_run_in_order_on_every_call():
    log = tf.Variable(0.0)

    @function
    def f(x):
        log.assign(log * 10.0 + 1.0)
        unused = log * 100.0  # noqa: F841
        log.assign(log * 10.0 + 2.0)
        return x

    f(tf.constant(0.0))
    assert log.numpy() == 12.0
    f(tf.constant(0.0))
    assert log.numpy() == 1212.0
