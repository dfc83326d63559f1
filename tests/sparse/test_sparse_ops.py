"""`tf.sparse` ops (A3.1): results, dtypes and entry order as TF 2.21 gives them (measured on
TF; the literals below are its outputs)."""

import numpy as np
import pytest

import tensorlet as tf

SparseTensor = tf.sparse.SparseTensor
A = SparseTensor([[0, 0], [1, 2]], [1., 2.], [2, 3])
B = SparseTensor([[0, 0], [0, 1], [1, 2]], [5., -1., -2.], [2, 3])


def book():
    return SparseTensor(indices=[[0, 1], [1, 0], [2, 3]], values=[1., 2., 3.], dense_shape=[3, 4])


def parts(s):
    return s.indices.numpy().tolist(), s.values.numpy().tolist(), s.dense_shape.numpy().tolist()


# --- to_dense / from_dense / reorder (A3.1) -------------------------------------------------

def test_a3_1_to_dense_of_the_books_example():
    np.testing.assert_array_equal(tf.sparse.to_dense(book()).numpy(),
                                  [[0, 1, 0, 0], [2, 0, 0, 0], [0, 0, 0, 3]])
    assert tf.sparse.to_dense(book()).dtype == tf.float32


def test_to_dense_default_value_and_string_and_bool_defaults():
    dense = tf.sparse.to_dense(book(), default_value=-1)
    assert dense.numpy()[0].tolist() == [-1., 1., -1., -1.]
    strings = tf.sparse.to_dense(SparseTensor([[0, 1]], ["a"], [2, 2]))
    assert strings.numpy().tolist() == [[b"", b"a"], [b"", b""]]
    bools = tf.sparse.to_dense(SparseTensor([[0, 1]], [True], [2, 2]))
    assert bools.dtype == tf.bool and bools.numpy().tolist() == [[False, True], [False, False]]


def test_a3_1_out_of_order_indices_fail_and_reorder_fixes_them():
    unordered = SparseTensor([[0, 2], [0, 1]], [1., 2.], [3, 4])
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.sparse.to_dense(unordered)
    assert "indices[1] = [0,1] is out of order" in str(info.value)
    assert "Use `tf.sparse.reorder` to create a correctly ordered copy." in str(info.value)
    np.testing.assert_array_equal(tf.sparse.to_dense(tf.sparse.reorder(unordered)).numpy(),
                                  [[0, 2, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]])


def test_to_dense_without_validation_takes_the_last_duplicate_and_any_order():
    dup = SparseTensor([[0, 1], [0, 1]], [1., 2.], [2, 2])
    assert tf.sparse.to_dense(dup, validate_indices=False).numpy().tolist() == [[0, 2], [0, 0]]
    unordered = SparseTensor([[0, 1], [0, 0]], [1., 2.], [2, 2])
    assert tf.sparse.to_dense(unordered, validate_indices=False).numpy()[0].tolist() == [2, 1]


def test_reorder_is_stable_for_repeated_indices():
    s = SparseTensor([[1, 2], [0, 1], [1, 2], [0, 0]], [5., -1., 3., -2.], [2, 3])
    assert parts(tf.sparse.reorder(s)) == ([[0, 0], [0, 1], [1, 2], [1, 2]],
                                           [-2., -1., 5., 3.], [2, 3])


def test_a3_1_from_dense_keeps_non_zero_entries_in_row_major_order():
    assert parts(tf.sparse.from_dense(tf.constant([[0., 1.], [2., 0.]]))) == (
        [[0, 1], [1, 0]], [1., 2.], [2, 2])
    assert tf.sparse.from_dense([[0, 1], [2, 0]]).dtype == tf.int32
    assert parts(tf.sparse.from_dense([0., -0., float("nan")]))[0] == [[2]]
    assert parts(tf.sparse.from_dense(np.array([[True, False]])))[1] == [True]
    assert parts(tf.sparse.from_dense([[b"", b"a"]]))[1] == [b"a"]


# --- sparse_dense_matmul --------------------------------------------------------------------

S = SparseTensor([[0, 0], [0, 2], [1, 1]], [1., 2., 3.], [2, 3])
M = tf.constant(np.arange(12.).reshape(3, 4), tf.float32)


def test_sparse_dense_matmul_matches_the_dense_product():
    out = tf.sparse.sparse_dense_matmul(S, M)
    np.testing.assert_array_equal(out.numpy(), [[16., 19., 22., 25.], [12., 15., 18., 21.]])
    flipped = tf.sparse.sparse_dense_matmul(S, tf.transpose(M), adjoint_b=True)
    np.testing.assert_array_equal(flipped.numpy(), out.numpy())
    adjoint = tf.sparse.sparse_dense_matmul(tf.sparse.transpose(S), M, adjoint_a=True)
    np.testing.assert_array_equal(adjoint.numpy(), out.numpy())


def test_dense_times_sparse_computes_the_transposed_product():
    out = tf.sparse.sparse_dense_matmul(tf.ones([4, 2]), S)
    np.testing.assert_array_equal(out.numpy(), np.tile([[1., 3., 2.]], (4, 1)))


def test_sparse_dense_matmul_sums_repeated_and_unordered_entries_and_takes_int32():
    unordered = SparseTensor([[1, 0], [0, 0]], [1., 2.], [2, 3])
    assert tf.sparse.sparse_dense_matmul(unordered, tf.ones([3, 2])).numpy().tolist() == [
        [2., 2.], [1., 1.]]
    repeated = SparseTensor([[0, 0], [0, 0]], [1., 2.], [2, 3])
    assert tf.sparse.sparse_dense_matmul(repeated, tf.ones([3, 2])).numpy()[0].tolist() == [3, 3]
    ints = tf.sparse.sparse_dense_matmul(SparseTensor([[0, 0]], [1], [2, 3]),
                                         tf.ones([3, 2], tf.int32))
    assert ints.dtype == tf.int32 and ints.numpy().tolist() == [[1, 1], [0, 0]]


# --- add ------------------------------------------------------------------------------------

def test_sparse_plus_sparse_is_the_sorted_union_with_summed_values():
    assert parts(tf.sparse.add(A, B)) == ([[0, 0], [0, 1], [1, 2]], [6., -1., 0.], [2, 3])


def test_threshold_drops_only_small_sums_of_entries_present_in_both():
    assert parts(tf.sparse.add(A, B, threshold=1.5)) == ([[0, 0], [0, 1]], [6., -1.], [2, 3])
    one = SparseTensor([[0, 1]], [0.1], [2, 3])
    other = SparseTensor([[1, 1]], [0.2], [2, 3])
    assert parts(tf.sparse.add(one, other, threshold=1.))[0] == [[0, 1], [1, 1]]


def test_adding_unordered_inputs_merges_them_as_tf_does():
    unordered = SparseTensor([[1, 0], [0, 0]], [1., 2.], [2, 3])
    assert parts(tf.sparse.add(unordered, B)) == (
        [[0, 0], [0, 1], [1, 0], [0, 0], [1, 2]], [5., -1., 1., 2., -2.], [2, 3])


def test_sparse_plus_dense_is_dense_and_sums_repeated_entries():
    expected = [[2., 1., 1.], [1., 1., 3.]]
    assert tf.sparse.add(A, tf.ones([2, 3])).numpy().tolist() == expected
    assert tf.sparse.add(tf.ones([2, 3]), A).numpy().tolist() == expected
    repeated = SparseTensor([[0, 1], [0, 1]], [1., 2.], [2, 3])
    assert tf.sparse.add(repeated, tf.ones([2, 3])).numpy()[0].tolist() == [1., 4., 1.]


# --- reduce_sum -----------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,expected", [
    ({}, 2.0),
    ({"axis": 1}, [4., -2.]),
    ({"axis": -1}, [4., -2.]),
    ({"axis": [0], "keepdims": True}, [[5., -1., -2.]]),
    ({"axis": [0, 1]}, 2.0),
    ({"axis": [0, 0]}, [5., -1., -2.]),
])
def test_reduce_sum_axes_and_keepdims(kwargs, expected):
    out = tf.sparse.reduce_sum(B, **kwargs)
    assert out.dtype == tf.float32
    np.testing.assert_array_equal(out.numpy(), expected)


def test_reduce_sum_output_is_sparse_keeps_empty_sums_of_non_empty_cells():
    s = SparseTensor([[0, 0], [0, 1], [1, 1], [1, 2]], [5., -1., 2., -2.], [3, 3])
    assert parts(tf.sparse.reduce_sum(s, axis=1, output_is_sparse=True)) == (
        [[0], [1]], [4., 0.], [3])
    assert parts(tf.sparse.reduce_sum(s, axis=1, keepdims=True, output_is_sparse=True)) == (
        [[0, 0], [1, 0]], [4., 0.], [3, 1])
    assert parts(tf.sparse.reduce_sum(B, output_is_sparse=True)) == ([[]], [2.], [])


def test_reduce_sum_sums_repeated_entries_in_any_order():
    s = SparseTensor([[1, 0], [0, 0], [0, 0]], [1, 2, 3], [2, 3])
    out = tf.sparse.reduce_sum(s, axis=1)
    assert out.dtype == tf.int32 and out.numpy().tolist() == [5, 1]


# --- concat / slice / retain / transpose ----------------------------------------------------

def test_concat_along_each_axis_sorts_the_result():
    assert parts(tf.sparse.concat(1, [A, B])) == (
        [[0, 0], [0, 3], [0, 4], [1, 2], [1, 5]], [1., 5., -1., 2., -2.], [2, 6])
    assert parts(tf.sparse.concat(0, [A, B])) == (
        [[0, 0], [1, 2], [2, 0], [2, 1], [3, 2]], [1., 2., 5., -1., -2.], [4, 3])
    assert parts(tf.sparse.concat(-1, [A, B]))[2] == [2, 6]
    unordered = SparseTensor([[1, 0], [0, 0]], [1., 2.], [2, 3])
    assert parts(tf.sparse.concat(1, [unordered, B]))[1] == [2., 5., -1., 1., -2.]


def test_concat_with_expand_nonconcat_dims_takes_the_largest():
    wide = SparseTensor([[0, 0]], [1.], [3, 3])
    assert parts(tf.sparse.concat(1, [A, wide], expand_nonconcat_dims=True)) == (
        [[0, 0], [0, 3], [1, 2]], [1., 1., 2.], [3, 6])


@pytest.mark.parametrize("start,size,expected", [
    ([0, 1], [2, 2], ([[0, 0], [1, 1]], [-1., -2.], [2, 2])),
    ([1, 1], [5, 5], ([[0, 1]], [-2.], [1, 2])),
    ([3, 0], [1, 1], ([], [], [0, 1])),
    ([-1, 0], [1, 1], ([], [], [1, 1])),
])
def test_slice_clips_the_box_to_the_dense_shape(start, size, expected):
    got = parts(tf.sparse.slice(B, start, size))
    assert (got[0] or [], got[1], got[2]) == expected


def test_slice_keeps_the_input_order():
    unordered = SparseTensor([[1, 2], [0, 1], [0, 0]], [5., -1., -2.], [2, 3])
    assert parts(tf.sparse.slice(unordered, [0, 0], [2, 2]))[0] == [[0, 1], [0, 0]]


def test_retain_keeps_flagged_entries():
    assert parts(tf.sparse.retain(B, [True, False, True])) == ([[0, 0], [1, 2]], [5., -2.],
                                                               [2, 3])
    assert parts(tf.sparse.retain(B, np.array([1, 0, 1])))[1] == [5., -2.]


def test_transpose_reverses_dims_by_default_and_reorders():
    assert parts(tf.sparse.transpose(B)) == ([[0, 0], [1, 0], [2, 1]], [5., -1., -2.], [3, 2])
    assert parts(tf.sparse.transpose(B, [0, 1])) == parts(B)
    unordered = SparseTensor([[1, 2], [0, 1], [0, 0]], [5., -1., -2.], [2, 3])
    assert parts(tf.sparse.transpose(unordered, [0, 1]))[1] == [-2., -1., 5.]


# --- to_indicator / eye ---------------------------------------------------------------------

def test_to_indicator_marks_each_id_of_a_row():
    ids = SparseTensor([[0, 0], [0, 1], [1, 0]], [3, 1, 3], [2, 2])
    assert tf.sparse.to_indicator(ids, 4).numpy().tolist() == [[False, True, False, True],
                                                              [False, False, False, True]]
    floats = SparseTensor([[0, 0]], [1.], [2, 2])
    assert tf.sparse.to_indicator(floats, 2).numpy().tolist() == [[False, True], [False, False]]


def test_eye_is_a_sparse_identity():
    assert parts(tf.sparse.eye(3)) == ([[0, 0], [1, 1], [2, 2]], [1., 1., 1.], [3, 3])
    assert tf.sparse.eye(2, 3, dtype=tf.int32).dtype == tf.int32
    assert parts(tf.sparse.eye(3, 2))[2] == [3, 2]


# --- inside tf.function ---------------------------------------------------------------------

def test_sparse_ops_trace_into_a_tf_function_with_static_shapes():
    @tf.function
    def f(values, b):
        s = SparseTensor([[0, 0], [1, 2]], values, [2, 3])
        product = tf.sparse.sparse_dense_matmul(s, b)
        assert product.shape.as_list() == [2, 2]
        return product, tf.sparse.reduce_sum(s, axis=0), tf.sparse.to_dense(tf.sparse.add(s, s))

    product, sums, doubled = f(tf.constant([1., 2.]), tf.ones([3, 2]))
    assert product.numpy().tolist() == [[1., 1.], [2., 2.]]
    assert sums.numpy().tolist() == [1., 0., 2.]
    assert doubled.numpy().tolist() == [[2., 0., 0.], [0., 0., 4.]]
