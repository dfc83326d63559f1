"""Batching (B10, issue #7 item 7): batch (drop_remainder, None batch dim), padded_batch,
unbatch and window (size, shift, stride, drop_remainder), as TF 2.21."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import DataLossError, InvalidArgumentError
from tensorlet.data import Dataset

D = Dataset


def values(ds):
    return list(ds.as_numpy_iterator())


def ragged_source():
    return D.from_generator(lambda: iter([[1], [1, 2], [1, 2, 3]]),
                            output_signature=tf.TensorSpec((None,), tf.int32))


def test_batch_shapes_and_spec_B10():
    ds = D.range(5).batch(2)
    assert [b.tolist() for b in values(ds)] == [[0, 1], [2, 3], [4]]
    assert ds.element_spec == tf.TensorSpec([None], tf.int64)
    dropped = D.range(5).batch(2, drop_remainder=True)
    assert [b.tolist() for b in values(dropped)] == [[0, 1], [2, 3]]
    assert dropped.element_spec == tf.TensorSpec([2], tf.int64)


def test_batch_of_structures_B10():
    ds = D.from_tensor_slices({"a": [1, 2, 3], "b": [[1.], [2.], [3.]]}).batch(2)
    first, last = values(ds)
    assert first["a"].tolist() == [1, 2] and first["b"].shape == (2, 1)
    assert last["a"].tolist() == [3]
    pairs = D.from_tensor_slices((np.zeros((5, 3), np.float32), np.arange(5))).batch(4)
    assert pairs.element_spec == (tf.TensorSpec([None, 3], tf.float32),
                                  tf.TensorSpec([None], tf.int64))
    xb, yb = next(iter(pairs))
    assert isinstance(xb, tf.Tensor) and xb.shape == (4, 3) and yb.numpy().tolist() == [0, 1, 2, 3]


def test_gathered_and_stacked_batches_agree():
    x = np.arange(70, dtype=np.float32).reshape(35, 2)
    fast = D.from_tensor_slices(x).shuffle(8, seed=4).batch(6)
    slow = D.from_tensor_slices(x).map(lambda r: r).shuffle(8, seed=4).batch(6)
    assert fast._input._view() is not None and slow._input._view() is None
    for a, b in zip(values(fast), values(slow)):
        np.testing.assert_array_equal(a, b)


def test_batch_errors_match_tf():
    with pytest.raises(InvalidArgumentError, match="Batch size must be greater than zero"):
        D.range(3).batch(0)
    with pytest.raises(InvalidArgumentError, match="Cannot batch tensors with different shapes "
                                                   "in component 0. First element had shape "
                                                   r"\[1\] and element 1 had shape \[2\]"):
        values(ragged_source().batch(2))


def test_padded_batch_pads_to_longest_with_zeros():
    ds = ragged_source().padded_batch(2)
    assert ds.element_spec == tf.TensorSpec([None, None], tf.int32)
    assert [b.tolist() for b in values(ds)] == [[[1, 0], [1, 2]], [[1, 2, 3]]]


def test_padded_batch_shapes_and_values():
    ds = ragged_source().padded_batch(2, padded_shapes=[4], padding_values=-1)
    assert ds.element_spec == tf.TensorSpec([None, 4], tf.int32)
    assert values(ds)[0].tolist() == [[1, -1, -1, -1], [1, 2, -1, -1]]
    with pytest.raises(DataLossError, match="pad to a smaller size"):
        values(ragged_source().batch(1).unbatch().padded_batch(3, padded_shapes=[2]))
    filled = D.range(3).map(lambda x: tf.fill([x], x)).padded_batch(
        2, padding_values=tf.constant(-1, tf.int64))
    assert [b.tolist() for b in values(filled)] == [[[-1], [1]], [[2, 2]]]


def test_padded_batch_strings_and_tuples():
    ds = D.from_generator(lambda: iter([(["a"], 1), (["b", "c"], 2)]),
                          output_signature=(tf.TensorSpec([None], tf.string),
                                            tf.TensorSpec([], tf.int32)))
    words, numbers = values(ds.padded_batch(2))[0]
    assert words.tolist() == [[b"a", b""], [b"b", b"c"]] and numbers.tolist() == [1, 2]


def test_unbatch_B10():
    ds = D.from_tensor_slices(np.arange(6).reshape(3, 2)).unbatch()
    assert values(ds) == [0, 1, 2, 3, 4, 5]
    assert D.range(6).batch(2).unbatch().element_spec == tf.TensorSpec([], tf.int64)
    pairs = D.from_tensor_slices(([[1, 2]], [[3, 4]])).unbatch()
    assert values(pairs) == [(1, 3), (2, 4)]
    with pytest.raises(ValueError, match="Cannot unbatch an input with scalar components"):
        D.range(3).unbatch()


def test_unbatch_cardinality_like_tf():
    assert int(D.range(10).batch(3).unbatch().cardinality()) == -2
    assert int(D.from_tensor_slices(np.zeros((4, 3))).unbatch().cardinality()) == 12


def test_window_gives_datasets_B10():
    windows = D.range(7).window(3, 2)
    assert windows.element_spec == tf.data.DatasetSpec(tf.TensorSpec([], tf.int64))
    assert repr(windows.element_spec) == ("DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, "
                                          "name=None), TensorShape([]))")
    got = [values(w) for w in windows]
    assert got == [[0, 1, 2], [2, 3, 4], [4, 5, 6], [6]]
    assert isinstance(next(iter(windows)), Dataset)
    assert repr(next(iter(windows))).startswith("<_VariantDataset")


def test_window_stride_drop_remainder_and_flat_map():
    strided = D.range(7).window(3, 1, 2, drop_remainder=True)
    assert [values(w) for w in strided] == [[0, 2, 4], [1, 3, 5], [2, 4, 6]]
    flat = D.range(7).window(3, 1, drop_remainder=True).flat_map(lambda w: w.batch(3))
    assert [b.tolist() for b in values(flat)] == [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5],
                                                  [4, 5, 6]]


def test_window_of_structures_is_a_structure_of_datasets():
    ds = D.from_tensor_slices(([1, 2, 3], [4., 5., 6.])).window(2)
    assert ds.element_spec == (tf.data.DatasetSpec(tf.TensorSpec([], tf.int32)),
                               tf.data.DatasetSpec(tf.TensorSpec([], tf.float32)))
    a, b = next(iter(ds))
    assert values(a) == [1, 2] and values(b) == [4., 5.]
    with pytest.raises(TypeError, match="as_numpy_iterator"):
        D.range(2).window(1).as_numpy_iterator()


@pytest.mark.parametrize("args, expected", [((3,), 3), ((3, None, 1, True), 2),
                                            ((3, 2), 4), ((3, 2, 1, True), 3),
                                            ((3, 2, 2, True), 2)])
def test_window_cardinality_matches_iteration(args, expected):
    ds = D.range(8).window(*args)
    assert int(ds.cardinality()) == expected == len(list(ds))


def test_window_errors_match_tf():
    with pytest.raises(InvalidArgumentError, match="Window size must be greater than zero"):
        D.range(3).window(0)
    with pytest.raises(InvalidArgumentError, match="Window shift must be greater than zero"):
        D.range(3).window(2, 0)


def test_padded_batch_of_scalar_strings_gives_a_string_vector():
    ds = tf.data.Dataset.from_tensor_slices(["a", "b"]).padded_batch(2)
    (batch,) = list(ds.as_numpy_iterator())
    np.testing.assert_array_equal(batch, np.array([b"a", b"b"], dtype=object))
    assert all(type(item) is bytes for item in batch)


def test_padding_values_must_have_the_components_dtype():
    ds = tf.data.Dataset.range(1, 3).map(lambda x: tf.fill([x], x))
    with pytest.raises(TypeError, match="values type <dtype: 'int32'> does not match type "
                                        "<dtype: 'int64'>"):
        ds.padded_batch(2, padding_values=-1)
    (batch,) = list(ds.padded_batch(2, padding_values=np.int64(-1)).as_numpy_iterator())
    np.testing.assert_array_equal(batch, [[1, -1], [2, 2]])
