"""The backward pass: pruning to the source-target paths, and `needs_grad` inside rules."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.autodiff.rule_context import needs_grad
from tensorlet.core.dispatch import execute
from tensorlet.core.registry import OPAQUE, OpDef
from tensorlet.ops import math as math_ops
from tensorlet.ops._rules import broadcast_binary

SEEN = []


def _spy_grad(g, y, a, b):
    SEEN.append((needs_grad(0), needs_grad(1)))
    return (math_ops.multiply(g, b) if needs_grad(0) else None,
            math_ops.multiply(g, a) if needs_grad(1) else None)


# NOTE: built directly, not through def_op, so the registry never sees this test op.
SPY = OpDef(name="test_spy_multiply", kernel=np.multiply, infer=broadcast_binary("spy"),
            grad=_spy_grad, traits=OPAQUE, tf_name="TestSpy")


def spy(a, b):
    return execute(SPY, (a, b))


def test_needs_grad_tells_a_rule_which_inputs_lead_to_a_source():
    SEEN.clear()
    w, c = tf.Variable(2.), tf.constant(5.)
    with tf.GradientTape(persistent=True) as tape:
        y = spy(w, c)
        z = spy(y, w)
    assert float(tape.gradient(y, w)) == 5.0
    assert SEEN == [(True, False)]
    SEEN.clear()
    assert float(tape.gradient(z, w)) == 20.0
    assert SEEN == [(True, True), (True, False)]


def test_needs_grad_is_true_outside_a_backward_pass():
    assert needs_grad(0) and needs_grad(5)


def test_only_entries_between_sources_and_targets_are_differentiated():
    SEEN.clear()
    a, b = tf.Variable(1.), tf.Variable(2.)
    with tf.GradientTape() as tape:
        side = spy(b, b)
        y = a * 3. + side * 0.
    assert float(tape.gradient(y, a)) == 3.0
    assert SEEN == []


def test_a_rule_returning_the_wrong_number_of_gradients_is_reported():
    bad = OpDef(name="test_bad", kernel=np.negative, infer=lambda x: x,
                grad=lambda g, y, x: (g, g), traits=OPAQUE, tf_name="TestBad")
    w = tf.Variable(1.)
    with tf.GradientTape() as tape:
        y = execute(bad, (w,))
    with pytest.raises(tf.errors.InternalError,
                       match="test_bad: the gradient rule returned 2 gradients for 1 inputs"):
        tape.gradient(y, w)


def test_gradients_are_accumulated_over_every_use():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = x * x + x * 2. + x
    assert float(tape.gradient(y, x)) == 9.0
