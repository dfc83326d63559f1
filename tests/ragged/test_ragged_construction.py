"""RaggedTensor construction, components, conversion and repr (A3.3); every expected value was
checked on TensorFlow 2.21."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ragged.ragged_tensor import RaggedTensor


def test_constant_repr_dtype_and_shape_A3_3():
    r = tf.ragged.constant([[65, 66], [], [67]])
    assert repr(r) == "<tf.RaggedTensor [[65, 66], [], [67]]>"
    assert str(r) == repr(r)
    assert r.dtype is tf.int32 and r.ragged_rank == 1
    assert r.shape == tf.TensorShape([3, None]) and r.shape.as_list() == [3, None]


def test_components_A3_3():
    r = tf.ragged.constant([[65, 66], [], [67]])
    np.testing.assert_array_equal(r.values, [65, 66, 67])
    assert r.row_splits.dtype is tf.int64
    np.testing.assert_array_equal(r.row_splits, [0, 2, 2, 3])
    np.testing.assert_array_equal(r.row_lengths(), [2, 0, 1])
    assert r.nrows().numpy() == 3 and r.nrows().dtype is tf.int64
    np.testing.assert_array_equal(r.value_rowids(), [0, 0, 2])
    np.testing.assert_array_equal(r.row_starts(), [0, 2, 2])
    np.testing.assert_array_equal(r.row_limits(), [2, 2, 3])
    np.testing.assert_array_equal(r.bounding_shape(), [3, 2])


@pytest.mark.parametrize("pylist, dtype, text", [
    ([[1.5, 2.25], [], [3.0]], tf.float32, "<tf.RaggedTensor [[1.5, 2.25], [], [3.0]]>"),
    ([["a", "bé"], []], tf.string, r"<tf.RaggedTensor [[b'a', b'b\xc3\xa9'], []]>"),
    ([[True], [False, True]], tf.bool, "<tf.RaggedTensor [[True], [False, True]]>"),
    ([[0.1, 1e-9], [1e10]], tf.float32, "<tf.RaggedTensor [[0.1, 1e-09], [1e+10]]>"),
    ([[1], [2.5]], tf.float32, "<tf.RaggedTensor [[1.0],\n [2.5]]>"),
    ([[], []], tf.float32, "<tf.RaggedTensor [[], []]>"),
    ([[1, 2]] * 3, tf.int32, "<tf.RaggedTensor [[1, 2],\n [1, 2],\n [1, 2]]>"),
])
def test_constant_infers_dtype_like_tf_constant_and_prints_like_tf(pylist, dtype, text):
    r = tf.ragged.constant(pylist)
    assert r.dtype is dtype
    assert repr(r) == text


def test_constant_nested_ragged_rank_2():
    r = tf.ragged.constant([[[1, 2], [3]], [[4]], []])
    assert r.ragged_rank == 2 and r.shape.as_list() == [3, None, None]
    assert repr(r) == "<tf.RaggedTensor [[[1, 2], [3]], [[4]], []]>"
    np.testing.assert_array_equal(r.flat_values, [1, 2, 3, 4])
    assert isinstance(r.values, RaggedTensor) and r.values.to_list() == [[1, 2], [3], [4]]
    assert len(r.nested_row_splits) == 2


def test_constant_with_ragged_rank_1_keeps_dense_inner_dims():
    r = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
    assert r.shape.as_list() == [2, None, 2] and r.values.shape == (3, 2)
    assert repr(r) == "<tf.RaggedTensor [[[1, 2],\n  [3, 4]], [[5, 6]]]>"


def test_constant_options():
    assert tf.ragged.constant([[1, 2], [3]], dtype=tf.float64).dtype is tf.float64
    assert tf.ragged.constant([[1], [2**40]]).dtype is tf.int64
    assert tf.ragged.constant([[1, 2], [3]], row_splits_dtype=tf.int32).row_splits.dtype \
        is tf.int32
    r = tf.ragged.constant([[[1], [2]], [[3]]], inner_shape=(1,))
    assert r.ragged_rank == 1 and r.shape.as_list() == [2, None, 1]


def test_constant_of_flat_or_scalar_data_is_a_plain_tensor():
    assert type(tf.ragged.constant([1, 2, 3])) is type(tf.constant(1))
    assert tf.ragged.constant(5).numpy() == 5
    empty = tf.ragged.constant([])
    assert empty.shape == (0,) and empty.dtype is tf.float32


@pytest.mark.parametrize("pylist, kwargs, error, message", [
    ([[1, [2]]], {}, ValueError, "all scalar values must have the same nesting depth"),
    ([[True], [1]], {}, ValueError, "mixed types"),
    ([[1.5], [2]], {"dtype": tf.int32}, TypeError, "Cannot convert [1.5, 2]"),
    ([[[1, 2], [3]], []], {"ragged_rank": 1}, ValueError, "inner values have inconsistent"),
    ([[1, 2], [3]], {"ragged_rank": 2}, ValueError, "scalar values depth 2"),
])
def test_constant_errors(pylist, kwargs, error, message):
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        tf.ragged.constant(pylist, **kwargs)


def test_factories_give_the_same_tensor():
    v = tf.constant([3, 1, 4, 1, 5, 9, 2])
    expected = [[3, 1], [], [4, 1, 5], [9, 2]]
    assert RaggedTensor.from_row_lengths(v, [2, 0, 3, 2]).to_list() == expected
    assert RaggedTensor.from_row_splits(v, [0, 2, 2, 5, 7]).to_list() == expected
    assert RaggedTensor.from_value_rowids(v, [0, 0, 2, 2, 2, 3, 3]).to_list() == expected
    assert RaggedTensor.from_row_starts(v, [0, 2, 2, 5]).to_list() == expected
    assert RaggedTensor.from_row_limits(v, [2, 2, 5, 7]).to_list() == expected
    assert RaggedTensor.from_value_rowids(v, [0, 0, 2, 2, 2, 3, 3], nrows=5).to_list() == \
        expected + [[]]


def test_partition_dtype_follows_the_partition_tensor():
    v = [1.0, 2.0, 3.0]
    assert RaggedTensor.from_row_lengths(v, [1, 2]).row_splits.dtype is tf.int64
    assert RaggedTensor.from_row_lengths(v, tf.constant([1, 2])).row_splits.dtype is tf.int32
    assert RaggedTensor.from_row_splits(v, np.array([0, 1, 3], np.int32)).row_splits.dtype \
        is tf.int32


def test_nested_factories():
    a = RaggedTensor.from_nested_row_splits([1, 2, 3, 4], [[0, 2, 3], [0, 1, 2, 4]])
    b = RaggedTensor.from_nested_row_lengths([1, 2, 3, 4], [[2, 1], [1, 1, 2]])
    assert a.to_list() == b.to_list() == [[[1], [2]], [[3, 4]]]


@pytest.mark.parametrize("make, error, message", [
    (lambda v: RaggedTensor.from_row_lengths(v, [2, 0, 3, 1]), "InvalidArgumentError",
     "_from_row_partition"),
    (lambda v: RaggedTensor.from_row_lengths(v, [2, -1, 3, 3]), "InvalidArgumentError",
     "from_row_lengths do not form a valid RowPartition"),
    (lambda v: RaggedTensor.from_row_splits(v, [1, 2, 2, 5, 7]), "InvalidArgumentError",
     "RaggedTensor:zero"),
    (lambda v: RaggedTensor.from_row_splits(v, [0, 3, 2, 5, 7]), "InvalidArgumentError",
     "RaggedTensor:monotonic"),
    (lambda v: RaggedTensor.from_value_rowids(v, [0, 2, 0, 2, 2, 3, 3]),
     "InvalidArgumentError", "from_value_rowids"),
    (lambda v: RaggedTensor.from_value_rowids(v, [0, 0, 2, 2, 2, 3, 3], nrows=2), "ValueError",
     "Expected nrows >= value_rowids"),
    (lambda v: RaggedTensor.from_row_splits(v, []), "ValueError", "may not be empty"),
    (lambda v: RaggedTensor.from_row_lengths(v, [[2, 5]]), "ValueError", "must have rank 1"),
    (lambda v: RaggedTensor.from_row_lengths(v, [2.0, 5.0]), "ValueError", "int32 or int64"),
    (lambda v: RaggedTensor(v, [0]), "ValueError", "constructor is private"),
])
def test_factory_errors_match_tf(make, error, message):
    cls = getattr(tf.errors, error, None) or ValueError
    with pytest.raises(cls, match=message):
        make(tf.constant([3, 1, 4, 1, 5, 9, 2]))


def test_from_tensor_padding_and_lengths():
    dense = [[1, 2, 0], [3, 0, 0]]
    assert RaggedTensor.from_tensor(dense, padding=0).to_list() == [[1, 2], [3]]
    assert RaggedTensor.from_tensor(dense).to_list() == dense
    assert RaggedTensor.from_tensor(dense, lengths=[1, 3]).to_list() == [[1], [3, 0, 0]]
    # only trailing padding is dropped
    assert RaggedTensor.from_tensor([[0, 2, 0], [0, 0, 0]], padding=0).to_list() == [[0, 2], []]
    cube = [[[1, 2], [0, 0]], [[3, 0], [0, 0]]]
    assert RaggedTensor.from_tensor(cube, padding=[0, 0]).to_list() == [[[1, 2]], [[3, 0]]]
    r2 = RaggedTensor.from_tensor(cube, ragged_rank=2)
    assert r2.ragged_rank == 2 and r2.to_list() == cube
    with pytest.raises(ValueError, match="incompatible"):
        RaggedTensor.from_tensor(cube, padding=0)


def test_to_tensor_pads_truncates_and_takes_a_default():
    r = tf.ragged.constant([[65, 66], [], [67]])
    np.testing.assert_array_equal(r.to_tensor(), [[65, 66], [0, 0], [67, 0]])
    np.testing.assert_array_equal(r.to_tensor(default_value=-1), [[65, 66], [-1, -1], [67, -1]])
    np.testing.assert_array_equal(r.to_tensor(shape=[2, 3]), [[65, 66, 0], [0, 0, 0]])
    np.testing.assert_array_equal(r.to_tensor(shape=[4, 1]), [[65], [0], [67], [0]])
    f = tf.ragged.constant([[1.0, 2.0], [3.0]])
    np.testing.assert_array_equal(f.to_tensor(shape=[3, None]), [[1, 2], [3, 0], [0, 0]])
    assert f.to_tensor(default_value=1).dtype is tf.float32
    nested = tf.ragged.constant([[[1, 2], [3]], [[4]]]).to_tensor()
    np.testing.assert_array_equal(nested, [[[1, 2], [3, 0]], [[4, 0], [0, 0]]])
    inner = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
    np.testing.assert_array_equal(inner.to_tensor(default_value=[7, 8]),
                                  [[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
    words = tf.ragged.constant([["a"], []]).to_tensor()
    assert words.numpy().tolist() == [[b"a"], [b""]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="default_value.rank"):
        f.to_tensor(default_value=[1.0])


def test_to_list_numpy_and_truth_value():
    r = tf.ragged.constant([[1.5], []])
    assert r.to_list() == [[1.5], []] and type(r.to_list()[0][0]) is float
    rows = tf.ragged.constant([[1, 2], [3]]).numpy()
    assert rows.dtype == object and rows[0].tolist() == [1, 2]
    assert tf.ragged.constant([[1, 2], [3, 4]]).numpy().dtype == np.int32
    with pytest.raises(TypeError, match="may not be used as a boolean"):
        bool(r)


def test_with_values_and_row_splits_dtype():
    r = tf.ragged.constant([[1, 2], [3]])
    assert r.with_values(r.values * 10).to_list() == [[10, 20], [30]]
    assert r.with_row_splits_dtype(tf.int32).row_splits.dtype is tf.int32
    with pytest.raises(ValueError, match="incompatible"):
        r.with_values(tf.constant([1, 2]))
    nested = tf.ragged.constant([[[1, 2], [3]], [[4], [5, 6]]])
    assert nested.row_lengths(axis=2).to_list() == [[2, 1], [1, 2]]
    assert nested.merge_dims(0, 1).to_list() == [[1, 2], [3], [4], [5, 6]]
    np.testing.assert_array_equal(nested.merge_dims(0, 2), [1, 2, 3, 4, 5, 6])


def test_ragged_range_and_segment_ids():
    assert tf.ragged.range([3, 0, 2]).to_list() == [[0, 1, 2], [], [0, 1]]
    assert tf.ragged.range([1, 2], [4, 5], [1, 2]).to_list() == [[1, 2, 3], [2, 4]]
    assert tf.ragged.range(3).to_list() == [[0, 1, 2]]
    floats = tf.ragged.range([0.5, 1.0], [2.0, 3.0])
    assert floats.dtype is tf.float32 and floats.to_list() == [[0.5, 1.5], [1.0, 2.0]]
    assert tf.ragged.range([3, 2], row_splits_dtype=tf.int32).row_splits.dtype is tf.int32
    with pytest.raises(tf.errors.InvalidArgumentError, match="Requires delta != 0"):
        tf.ragged.range([1, 2], [4, 5], [0, 2])
    np.testing.assert_array_equal(tf.ragged.row_splits_to_segment_ids([0, 2, 2, 5]),
                                  [0, 0, 2, 2, 2])
    np.testing.assert_array_equal(
        tf.ragged.segment_ids_to_row_splits([0, 0, 2], num_segments=5), [0, 2, 2, 3, 3, 3])


def test_to_sparse_and_from_sparse():
    import tensorlet.sparse as sparse

    s = tf.ragged.constant([[1, 2], [], [3]]).to_sparse()
    np.testing.assert_array_equal(s.indices, [[0, 0], [0, 1], [2, 0]])
    np.testing.assert_array_equal(s.dense_shape, [3, 2])
    assert RaggedTensor.from_sparse(s).to_list() == [[1, 2], [], [3]]
    nested = tf.ragged.constant([[[1, 2], [3]], [[4]]]).to_sparse()
    np.testing.assert_array_equal(nested.indices, [[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="not right-ragged"):
        RaggedTensor.from_sparse(sparse.SparseTensor([[0, 1], [2, 0]], [5, 6], [3, 4]))


def test_hash_and_row_lengths_of_axis_0():
    r = tf.ragged.constant([[1, 2], [3]])
    with pytest.raises(TypeError, match="RaggedTensor is unhashable"):
        hash(r)
    assert r.row_lengths(axis=0).numpy() == 2
