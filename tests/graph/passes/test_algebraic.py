"""Algebraic simplification: x*1, x+0, transpose of transpose, cast to the same dtype..."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.dispatch import execute
from tensorlet.core.registry import REGISTRY
from tensorlet.graph.function import function
from tensorlet.graph.passes.algebraic import simplify
from tests.graph.passes._graphs import traced

X = tf.TensorSpec([2, 3])


def _ops(graph) -> list:
    return [n.type for n in graph.nodes if n.kind == "op"]


@pytest.mark.parametrize("fn", [
    lambda x: x * 1.0, lambda x: 1.0 * x, lambda x: x + 0.0, lambda x: 0.0 + x,
    lambda x: x - 0.0, lambda x: x / 1.0,
    lambda x: execute(REGISTRY["cast"], (x,), {"dtype": tf.float32}),
    lambda x: tf.transpose(tf.transpose(x)), lambda x: tf.reshape(x, [2, 3]),
    lambda x: tf.broadcast_to(x, [2, 3]), lambda x: tf.identity(x),
    lambda x: tf.negative(tf.negative(x)),
], ids=["x*1", "1*x", "x+0", "0+x", "x-0", "x/1", "cast-same", "transpose2", "reshape-same",
        "broadcast-same", "identity", "neg-neg"])
def test_identities_reduce_to_the_input(fn):
    g = traced(fn, X)
    assert simplify(g)
    assert g.outputs[0] is g.inputs[0]


def test_a_neutral_constant_that_broadcasts_is_kept():
    g = traced(lambda x: x * np.ones([4, 2, 3], np.float32), X)
    assert not simplify(g)
    assert _ops(g) == ["Mul"]


def test_a_non_neutral_constant_is_kept():
    g = traced(lambda x: x * 2.0 + 1.0, X)
    assert not simplify(g)


def test_zero_minus_x_is_not_x():
    g = traced(lambda x: 0.0 - x, X)
    assert not simplify(g)


def test_two_transposes_compose_into_one():
    g = traced(lambda x: tf.transpose(tf.transpose(x, [1, 2, 0]), [1, 2, 0]),
               tf.TensorSpec([2, 3, 4]))
    assert simplify(g)
    last = g.outputs[0].node
    assert last.attrs["perm"] == (2, 0, 1) and last.inputs[0] is g.inputs[0]


def test_cast_to_another_dtype_is_kept():
    g = traced(lambda x: tf.cast(x, tf.float64), X)
    assert not simplify(g)


def test_simplified_functions_compute_the_same_values():
    def fn(x):
        return tf.transpose(tf.transpose(x * 1.0 + 0.0)) - 0.0

    x = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    np.testing.assert_array_equal(function(fn)(x).numpy(), fn(x).numpy())


def test_a_max_over_length_one_axes_becomes_a_reshape():
    g = traced(lambda x: tf.reduce_max(x, axis=-1), tf.TensorSpec([4, 1]))
    assert simplify(g)
    node = g.outputs[0].node
    assert node.type == "Reshape" and node.attrs == {"shape": (4,)}
    g = traced(lambda x: tf.reduce_min(x, axis=1, keepdims=True), tf.TensorSpec([4, 1]))
    assert simplify(g) and g.outputs[0] is g.inputs[0]


def test_other_reductions_are_kept():
    g = traced(lambda x: tf.reduce_max(x, axis=0), tf.TensorSpec([4, 1]))
    assert not simplify(g)
    g = traced(lambda x: tf.reduce_max(x, axis=0), tf.TensorSpec([None, 1]))
    assert not simplify(g)
    g = traced(lambda x: tf.reduce_sum(x, axis=1), tf.TensorSpec([4, 1]))
    assert not simplify(g)  # sum(-0.0) is 0.0, not -0.0


@pytest.mark.parametrize("reduce", [tf.reduce_max, tf.reduce_min, tf.reduce_sum])
def test_single_element_reductions_keep_their_values(reduce):
    x = tf.constant(np.array([[1.5], [-0.0], [np.nan]], np.float32))
    got = function(lambda t: reduce(t, axis=1))(x)
    assert got.numpy().tobytes() == reduce(x, axis=1).numpy().tobytes()


def test_sums_over_no_axes_become_the_input_and_keep_negative_zero():
    for fn in (lambda x: tf.reduce_sum(tf.reduce_sum(x) * 2.0),
               lambda x: tf.reduce_mean(tf.reduce_sum(x) * 2.0),
               lambda x: tf.reduce_sum(tf.reduce_sum(x) * 2.0, axis=())):
        graph = function(fn).get_concrete_function(tf.TensorSpec([3])).optimized_graph
        assert _ops(graph) == ["Sum", "Mul"]
    negative_zero = tf.constant(-0.0)
    for reduce in (tf.reduce_sum, tf.reduce_mean):  # as TF: nothing reduced, nothing changed
        assert np.signbit(reduce(negative_zero).numpy())
        traced_value = function(lambda x, r=reduce: r(x))(negative_zero)
        assert np.signbit(traced_value.numpy())
    np.testing.assert_array_equal(tf.reduce_sum(tf.constant([1.0, -0.0]), axis=()).numpy(),
                                  [1.0, -0.0])
