"""`RaggedTensor.__getitem__` (A3.3): rows are dense Tensors, row slices are RaggedTensors,
slices inside ragged rows work, integer indices into ragged inner dimensions raise as in TF."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ragged.ragged_tensor import RaggedTensor

ROWS = [[1, 2, 3], [4], [], [5, 6]]


@pytest.fixture
def r():
    return tf.ragged.constant(ROWS)


def test_row_index_gives_a_dense_tensor_and_slice_a_ragged_one_A3_3(r):
    book = tf.ragged.constant([[65, 66], [], [67]])
    row = book[1]
    assert isinstance(row, tf.Tensor) and row.shape == (0,) and row.dtype is tf.int32
    assert repr(book[1:3]) == "<tf.RaggedTensor [[], [67]]>"
    np.testing.assert_array_equal(r[-1], [5, 6])
    assert r[0, -1].numpy() == 3 and r[1, 0].numpy() == 4
    np.testing.assert_array_equal(r[1, :], [4])
    np.testing.assert_array_equal(r[tf.constant(1)], [4])


@pytest.mark.parametrize("key, expected", [
    (slice(1, 3), [[4], []]),
    (slice(None, None, 2), [[1, 2, 3], []]),
    (slice(None, None, -1), [[5, 6], [], [4], [1, 2, 3]]),
    ((slice(None), slice(0, 1)), [[1], [4], [], [5]]),
    ((slice(None), slice(1, None)), [[2, 3], [], [], [6]]),
    ((slice(None), slice(None, None, -1)), [[3, 2, 1], [4], [], [6, 5]]),
    (Ellipsis, ROWS),
    ((None,), [ROWS]),
    ((slice(None), None), [[row] for row in ROWS]),
])
def test_slices(r, key, expected):
    out = r[key]
    assert isinstance(out, RaggedTensor)
    assert out.to_list() == expected


@pytest.mark.parametrize("key", [(slice(None), 0), (slice(None), -1), (Ellipsis, 0),
                                 (slice(1, 3), 0)])
def test_integer_index_into_a_ragged_dimension_raises(r, key):
    with pytest.raises(ValueError, match="Cannot index into an inner ragged dimension"):
        r[key]


def test_out_of_range_rows(r):
    with pytest.raises(IndexError, match="Row key 5 out of bounds"):
        r[5]
    with pytest.raises(tf.errors.InvalidArgumentError, match="slice index -1 of dimension 0"):
        r[-5]
    assert [row.numpy().tolist() for row in r] == ROWS


def test_nested_and_dense_inner_dimensions():
    r3 = tf.ragged.constant([[[1, 2], [3]], [[4]], []])
    assert r3[0].to_list() == [[1, 2], [3]]
    np.testing.assert_array_equal(r3[0, 1], [3])
    assert r3[0, 0, 1].numpy() == 2
    inner = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
    np.testing.assert_array_equal(inner[0], [[1, 2], [3, 4]])
    assert inner[:, :, 0].to_list() == [[1, 3], [5]]
    assert inner[1, 0, 1].numpy() == 6


def test_indexing_passes_gradients_to_the_values():
    v = tf.constant([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as tape:
        tape.watch(v)
        r = RaggedTensor.from_row_lengths(v, [3, 0, 1])
        y = tf.reduce_sum(r[0] * 2.0) + tf.reduce_sum(r[:, 1:].flat_values)
    np.testing.assert_array_equal(tape.gradient(y, v), [2.0, 3.0, 3.0, 0.0])
