"""`tf.sets` (A3.6): the book's outputs (a padding 0 is an element), sparse and mixed inputs,
and TF 2.21's errors (classes and messages measured on TF)."""

import numpy as np
import pytest

import tensorlet as tf
import tensorlet.sparse  # noqa: F401 - binds tf.sparse likewise

SparseTensor = tf.sparse.SparseTensor
A = tf.constant([[2, 3, 5, 7], [7, 9, 0, 0]])
B = tf.constant([[4, 5, 6], [9, 10, 0]])
SA = SparseTensor([[0, 0], [0, 1], [1, 0]], [3, 1, 3], [3, 2])
SB = SparseTensor([[0, 0], [2, 0]], [1, 5], [3, 4])
ArgErr = tf.errors.InvalidArgumentError


def dense(s):
    return tf.sparse.to_dense(s).numpy().tolist()


def parts(s):
    return s.indices.numpy().tolist(), s.values.numpy().tolist(), s.dense_shape.numpy().tolist()


def test_a3_6_union_counts_zero_as_an_element():
    u = tf.sets.union(A, B)
    assert isinstance(u, SparseTensor) and u.dtype == tf.int32
    assert dense(u) == [[2, 3, 4, 5, 6, 7], [0, 7, 9, 10, 0, 0]]
    assert parts(u)[0] == [[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5],
                           [1, 0], [1, 1], [1, 2], [1, 3]]


def test_a3_6_difference_and_intersection():
    assert dense(tf.sets.difference(A, B)) == [[2, 3, 7], [7, 0, 0]]
    assert dense(tf.sets.difference(A, B, aminusb=False)) == [[4, 6], [10, 0]]
    inter = tf.sets.intersection(A, B)
    assert dense(inter) == [[5, 0], [0, 9]]
    assert parts(inter) == ([[0, 0], [1, 0], [1, 1]], [5, 0, 9], [2, 2])


def test_a3_6_size_counts_distinct_elements_of_a_sparse_tensor():
    size = tf.sets.size(tf.sets.union(A, B))
    assert size.dtype == tf.int32 and size.numpy().tolist() == [6, 4]
    assert tf.sets.size(tf.sparse.from_dense(A)).numpy().tolist() == [4, 2]


def test_a3_6_size_of_a_dense_tensor_is_a_type_error():
    with pytest.raises(TypeError, match=r"Expected `SparseTensor`, got tf.Tensor\(\n\[\[2 3 5 7\]"):
        tf.sets.size(A)
    with pytest.raises(TypeError, match="Expected `SparseTensor`"):
        tf.sets.size([[1]])


def test_sets_of_rank_three_and_python_lists():
    u = tf.sets.union(tf.constant([[[1, 1], [2, 3]], [[4, 4], [4, 4]]]),
                      tf.constant([[[5], [2]], [[0], [4]]]))
    assert parts(u) == ([[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1],
                         [1, 1, 0]], [1, 5, 2, 3, 0, 4, 4], [2, 2, 2])
    assert parts(tf.sets.union([[1, 2]], [[3]])) == ([[0, 0], [0, 1], [0, 2]], [1, 2, 3], [1, 3])


def test_empty_results_keep_the_leading_dims():
    assert parts(tf.sets.intersection(tf.constant([[1, 2]]), tf.constant([[3, 4]]))) == (
        [], [], [1, 0])
    empty = tf.constant(np.zeros((2, 0), np.int32))
    assert parts(tf.sets.union(empty, empty))[2] == [2, 0]


def test_strings_and_unsigned_and_negative_elements_sort_as_tf():
    assert parts(tf.sets.union(tf.constant([["b", "a"]]), tf.constant([["c", "B"]])))[1] == [
        b"B", b"a", b"b", b"c"]
    assert parts(tf.sets.union(tf.constant([[-1, 2]]), tf.constant([[-3, 4]])))[1] == [
        -3, -1, 2, 4]
    u8 = tf.sets.union(tf.constant([[255, 2]], tf.uint8), tf.constant([[3, 4]], tf.uint8))
    assert u8.dtype == tf.uint8 and parts(u8)[1] == [2, 3, 4, 255]


def test_sparse_sets_hold_only_their_values():
    assert parts(tf.sets.union(SA, SB)) == ([[0, 0], [0, 1], [1, 0], [2, 0]], [1, 3, 3, 5],
                                            [3, 2])
    assert parts(tf.sets.intersection(SA, SB)) == ([[0, 0]], [1], [3, 1])
    assert parts(tf.sets.difference(SA, SB)) == ([[0, 0], [1, 0]], [3, 3], [3, 1])
    assert parts(tf.sets.difference(SA, SB, aminusb=False)) == ([[2, 0]], [5], [3, 1])


def test_dense_and_sparse_mix_flipping_difference_as_tf():
    dense_sets = tf.constant([[1, 2], [2, 3]])
    sparse_sets = SparseTensor([[0, 0], [1, 0]], [1, 2], [2, 2])
    assert parts(tf.sets.difference(dense_sets, sparse_sets)) == ([[0, 0], [1, 0]], [2, 3],
                                                                  [2, 1])
    assert parts(tf.sets.difference(sparse_sets, dense_sets)) == ([], [], [2, 0])
    assert parts(tf.sets.difference(sparse_sets, dense_sets, aminusb=False))[1] == [2, 3]
    assert parts(tf.sets.difference(tf.constant([[1, 2], [3, 3], [5, 5]]), SB)) == (
        [[0, 0], [1, 0]], [2, 3], [3, 1])
    assert parts(tf.sets.union(SA, tf.constant([[1], [2], [3]])))[1] == [1, 3, 2, 3, 3]


def test_unvalidated_indices_may_be_unordered():
    a = SparseTensor([[0, 1], [0, 0]], [1, 2], [1, 2])
    b = SparseTensor([[0, 0]], [1], [1, 4])
    assert parts(tf.sets.union(a, b, validate_indices=False))[1] == [1, 2]
    assert tf.sets.size(a, validate_indices=False).numpy().tolist() == [2]


FLOAT_TYPES = ("frozenset({tf.int32, tf.uint8, tf.int16, tf.int8, tf.string, tf.int64, "
               "tf.uint16})")

# (id, call, error class TF raises, fragments the message must contain)
ERRORS = [
    ("rank-1-dense", lambda: tf.sets.union(tf.constant([1, 2]), tf.constant([[1]])), ArgErr,
     ["Shape [2] has rank 1 < 2", "DenseToDenseSetOperation"]),
    ("rank-0-dense", lambda: tf.sets.union(tf.constant(1), tf.constant(2)), ArgErr,
     ["Shape [] has rank 0 < 2"]),
    ("mismatched-dense", lambda: tf.sets.union(tf.constant([[1, 2]]), tf.constant([[1], [2]])),
     ArgErr, ["Mismatched shapes [1] vs [2]", "DenseToDenseSetOperation"]),
    ("mismatched-ranks", lambda: tf.sets.union(tf.constant([[1, 2]]), tf.constant([[[1]]])),
     ArgErr, ["Mismatched shapes [1] vs [1,1]"]),
    ("mismatched-sparse", lambda: tf.sets.union(SA, SparseTensor([[0, 0]], [1], [2, 4])),
     ArgErr, ["Mismatched shapes [3] vs [2]", "SparseToSparseSetOperation"]),
    ("mismatched-dense-sparse", lambda: tf.sets.union(SA, tf.constant([[1], [2]])), ArgErr,
     ["Mismatched shapes [2] vs [3]", "DenseToSparseSetOperation"]),
    ("sparse-rank-1", lambda: tf.sets.union(SparseTensor([[0]], [1], [2]), tf.constant([[1]])),
     ArgErr, ["Invalid rank 1.", "DenseToSparseSetOperation"]),
    ("sparse-out-of-order", lambda: tf.sets.union(SparseTensor([[0, 1], [0, 0]], [1, 2], [1, 2]),
                                                  SparseTensor([[0, 0]], [1], [1, 4])),
     ArgErr, ["indices[1] = [0,0] is out of order.", "Use `tf.sparse.reorder`"]),
    ("sparse-repeated", lambda: tf.sets.union(SparseTensor([[0, 0], [0, 0]], [1, 2], [1, 2]),
                                              SparseTensor([[0, 0]], [1], [1, 4])),
     ArgErr, ["indices[1] = [0,0] is repeated"]),
    ("sparse-out-of-bounds", lambda: tf.sets.union(tf.constant([[1]]),
                                                   SparseTensor([[0, 0], [0, 5]], [2, 2],
                                                                [1, 2])),
     ArgErr, ["indices[1] = [0,5] is out of bounds: need 0 <= index < [1,2]"]),
    ("size-rank-1", lambda: tf.sets.size(SparseTensor([[0]], [1], [2])), ArgErr,
     ["Invalid rank 1.", "SetSize"]),
    ("size-repeated", lambda: tf.sets.size(SparseTensor([[0, 0], [0, 0]], [1, 2], [1, 2])),
     ArgErr, ["indices[1] = [0,0] is repeated", "SetSize"]),
    ("float-a", lambda: tf.sets.union([[1.]], [[2.]]), TypeError,
     [f"'a' has invalid dtype `<dtype: 'float32'>` not in supported dtypes: `{FLOAT_TYPES}`."]),
    ("float-sparse-a", lambda: tf.sets.union(SparseTensor([[0, 0]], [1.], [1, 2]), [[1.]]),
     TypeError, ["'a' has invalid dtype `<dtype: 'float32'>`"]),
    ("types-differ", lambda: tf.sets.union(tf.constant([[1]]), tf.constant([[1.]])), TypeError,
     ["Types don't match, <dtype: 'int32'> vs <dtype: 'float32'>."]),
    ("types-differ-int64", lambda: tf.sets.union(np.array([[1]]), [[2]]), TypeError,
     ["Types don't match, <dtype: 'int64'> vs <dtype: 'int32'>."]),
    ("size-float", lambda: tf.sets.size(SparseTensor([[0, 0]], [1.], [1, 2])), TypeError,
     [f"Invalid dtype `<dtype: 'float32'>` not in supported dtypes: `{FLOAT_TYPES}`."]),
]


@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c[0])
def test_set_op_raises_tfs_error_class_and_message(case):
    _, call, error, fragments = case
    with pytest.raises(error) as info:
        call()
    for fragment in fragments:
        assert fragment in str(info.value), f"{fragment!r} not in {str(info.value)!r}"


def test_set_ops_trace_into_a_tf_function():
    @tf.function
    def f(a, b):
        return tf.sparse.to_dense(tf.sets.difference(a, b))

    assert f(A, B).numpy().tolist() == [[2, 3, 7], [7, 0, 0]]
