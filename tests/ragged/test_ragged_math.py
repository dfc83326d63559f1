"""Elementwise math on ragged tensors (A3.3): operators, public ops through the override hook,
broadcasting with dense tensors, `map_flat_values`, and gradients through the values."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ragged.ragged_tensor import RaggedTensor


@pytest.fixture
def r():
    return tf.ragged.constant([[1.0, 2.0, 3.0], [4.0], [], [5.0, 6.0]])


@pytest.mark.parametrize("op, expected", [
    (lambda r: r + 1, [[2.0, 3.0, 4.0], [5.0], [], [6.0, 7.0]]),
    (lambda r: 1 + r, [[2.0, 3.0, 4.0], [5.0], [], [6.0, 7.0]]),
    (lambda r: r * r, [[1.0, 4.0, 9.0], [16.0], [], [25.0, 36.0]]),
    (lambda r: r - 1.0, [[0.0, 1.0, 2.0], [3.0], [], [4.0, 5.0]]),
    (lambda r: r / 2, [[0.5, 1.0, 1.5], [2.0], [], [2.5, 3.0]]),
    (lambda r: r // 2, [[0.0, 1.0, 1.0], [2.0], [], [2.0, 3.0]]),
    (lambda r: r % 2, [[1.0, 0.0, 1.0], [0.0], [], [1.0, 0.0]]),
    (lambda r: r ** 2, [[1.0, 4.0, 9.0], [16.0], [], [25.0, 36.0]]),
    (lambda r: -r, [[-1.0, -2.0, -3.0], [-4.0], [], [-5.0, -6.0]]),
    (lambda r: abs(-r), [[1.0, 2.0, 3.0], [4.0], [], [5.0, 6.0]]),
    (lambda r: r > 2, [[False, False, True], [True], [], [True, True]]),
    (lambda r: r == 2.0, [[False, True, False], [False], [], [False, False]]),
    (lambda r: r != r, [[False, False, False], [False], [], [False, False]]),
    (lambda r: r + tf.constant([[1.0], [2.0], [3.0], [4.0]]),
     [[2.0, 3.0, 4.0], [6.0], [], [9.0, 10.0]]),
    (lambda r: tf.constant(1.0) + r, [[2.0, 3.0, 4.0], [5.0], [], [6.0, 7.0]]),
    (lambda r: tf.add(r, 1.0), [[2.0, 3.0, 4.0], [5.0], [], [6.0, 7.0]]),
    (lambda r: tf.math.sqrt(r * r), [[1.0, 2.0, 3.0], [4.0], [], [5.0, 6.0]]),
    (lambda r: tf.maximum(r, 2.0), [[2.0, 2.0, 3.0], [4.0], [], [5.0, 6.0]]),
    (lambda r: tf.nn.relu(-r), [[0.0, 0.0, 0.0], [0.0], [], [0.0, 0.0]]),
    (lambda r: tf.cast(r, tf.int32), [[1, 2, 3], [4], [], [5, 6]]),
    (lambda r: tf.math.equal(r, 2.0), [[False, True, False], [False], [], [False, False]]),
])
def test_elementwise_math_keeps_the_rows(r, op, expected):
    out = op(r)
    assert isinstance(out, RaggedTensor)
    assert out.to_list() == expected


def test_unary_math_functions_accept_ragged_tensors(r):
    for fn in (tf.exp, tf.math.log, tf.abs, tf.square, tf.sin, tf.cos, tf.tanh, tf.sigmoid,
               tf.round, tf.floor, tf.math.ceil, tf.sign, tf.math.log1p, tf.negative):
        out = fn(r)
        assert isinstance(out, RaggedTensor) and out.to_list()[2] == []
        np.testing.assert_allclose(out.flat_values, fn(r.flat_values))


def test_dtype_rules_are_the_flat_values_rules():
    ints = tf.ragged.constant([[1, 2], [3]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="AddV2"):
        ints + 1.5
    assert (ints / 2).to_list() == [[0.5, 1.0], [1.5]]
    bools = tf.ragged.constant([[True], [False]])
    assert (bools & tf.ragged.constant([[True], [True]])).to_list() == [[True], [False]]
    assert (~bools).to_list() == [[False], [True]]
    assert (ints == None) is False and (ints != None) is True  # noqa: E711 - TF's behaviour


def test_mismatched_partitions_and_shapes_raise(r):
    q = tf.ragged.constant([[1.0, 2.0], [4.0, 1.0], [], [5.0, 6.0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Condition x == y"):
        r - q
    with pytest.raises(tf.errors.InvalidArgumentError, match="Condition x == y"):
        r + tf.constant([1.0, 2.0, 3.0, 4.0])


def test_dense_operand_broadcasts_over_inner_and_row_dimensions():
    r2 = tf.ragged.constant([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0]]], ragged_rank=1)
    assert (r2 + tf.constant([10.0, 20.0])).to_list() == \
        [[[11.0, 22.0], [13.0, 24.0]], [[15.0, 26.0]]]
    assert (r2 + tf.constant([[[10.0]], [[30.0]]])).to_list() == \
        [[[11.0, 12.0], [13.0, 14.0]], [[35.0, 36.0]]]
    r3 = tf.ragged.constant([[[1, 2], [3]], [[4]]])
    assert (r3 + tf.constant([[[1]], [[2]]])).to_list() == [[[2, 3], [4]], [[6]]]


def test_map_flat_values(r):
    assert tf.ragged.map_flat_values(tf.ones_like, r).to_list() == \
        [[1.0, 1.0, 1.0], [1.0], [], [1.0, 1.0]]
    assert tf.ragged.map_flat_values(tf.add, r, 10.0).to_list()[0] == [11.0, 12.0, 13.0]
    assert tf.ragged.map_flat_values(tf.multiply, r, r).to_list()[3] == [25.0, 36.0]
    np.testing.assert_array_equal(tf.ragged.map_flat_values(tf.add, 1, 2), 3)
    with pytest.raises(ValueError, match="same outer-dimension size"):
        tf.ragged.map_flat_values(tf.reduce_sum, r)
    with pytest.raises(ValueError, match=r"output shape: \(2,\); expected outer dimension "
                                         r"size: 6"):
        tf.ragged.map_flat_values(lambda x: x[:2], r)


def test_gradients_flow_through_ragged_math_and_to_tensor():
    v = tf.constant([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as tape:
        tape.watch(v)
        r = RaggedTensor.from_row_lengths(v, [3, 0, 1])
        y = tf.reduce_sum((r * r).to_tensor(shape=[3, 2])) + tf.reduce_sum(
            tf.math.sqrt(r).flat_values)
    expected = [2.0 + 0.5, 4.0 + 0.5 / np.sqrt(2), 0.5 / np.sqrt(3), 8.0 + 0.25]
    np.testing.assert_allclose(tape.gradient(y, v), expected, rtol=1e-6)


def test_gradient_from_dense_through_from_tensor():
    d = tf.constant([[1.0, 2.0, 0.0], [3.0, 0.0, 0.0]])
    with tf.GradientTape() as tape:
        tape.watch(d)
        r = RaggedTensor.from_tensor(d, padding=0.0)
        y = tf.reduce_sum(r.flat_values * tf.constant([1.0, 2.0, 3.0]))
    np.testing.assert_array_equal(tape.gradient(y, d), [[1.0, 2.0, 0.0], [3.0, 0.0, 0.0]])
