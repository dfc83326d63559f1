"""Bad input to `tf.sparse` ops: the error class TF 2.21 raises (checked on TF), TF's message
text, and the TF op it names."""

import pytest

import tensorlet as tf

SparseTensor = tf.sparse.SparseTensor
ArgErr = tf.errors.InvalidArgumentError
A = SparseTensor([[0, 0], [1, 2]], [1., 2.], [2, 3])
S = SparseTensor([[0, 0], [0, 2], [1, 1]], [1., 2., 3.], [2, 3])
ORDER = "Many sparse ops require sorted indices.\n    Use `tf.sparse.reorder`"

# (id, call, error class TF raises, fragments the message must contain)
CASES = [
    # to_dense
    ("to_dense-out-of-order", lambda: tf.sparse.to_dense(SparseTensor([[0, 2], [0, 1]], [1., 2.],
                                                                      [3, 4])),
     ArgErr, ["indices[1] = [0,1] is out of order.", ORDER, "[Op:SparseToDense]"]),
    ("to_dense-repeated", lambda: tf.sparse.to_dense(SparseTensor([[0, 1], [0, 1]], [1., 2.],
                                                                  [2, 2])),
     ArgErr, ["indices[1] = [0,1] is repeated", "SparseToDense"]),
    ("to_dense-out-of-bounds", lambda: tf.sparse.to_dense(SparseTensor([[0, 5]], [1.], [2, 2])),
     ArgErr, ["indices[0] = [0,5] is out of bounds: need 0 <= index < [2,2]", "SparseToDense"]),
    ("to_dense-negative", lambda: tf.sparse.to_dense(SparseTensor([[0, -1]], [1.], [2, 2])),
     ArgErr, ["indices[0] = [0,-1] is out of bounds"]),
    ("to_dense-unvalidated-out-of-bounds",
     lambda: tf.sparse.to_dense(SparseTensor([[0, 5]], [1.], [2, 2]), validate_indices=False),
     ArgErr, ["Indices are not valid (out of bounds).  Shape: [2,2]", "SparseToDense"]),
    ("to_dense-default-not-scalar",
     lambda: tf.sparse.to_dense(A, default_value=tf.constant([1., 2.])),
     ArgErr, ["default_value should be a scalar.", "SparseToDense"]),
    ("to_dense-default-dtype",
     lambda: tf.sparse.to_dense(SparseTensor([[0, 1]], [1], [2, 2]),
                                default_value=tf.constant(1, tf.int64)),
     ArgErr, ["cannot compute SparseToDense as input #3(zero-based) was expected to be a int32 "
              "tensor but is a int64 tensor"]),
    ("to_dense-default-python-float",
     lambda: tf.sparse.to_dense(SparseTensor([[0, 1]], [1], [2, 2]), default_value=1.5),
     TypeError, ["Cannot convert 1.5 to EagerTensor of dtype int32"]),
    ("to_dense-dense-input", lambda: tf.sparse.to_dense(tf.constant([1.])), TypeError,
     ["Input must be a SparseTensor."]),
    ("reorder-dense-input", lambda: tf.sparse.reorder(tf.ones([2])), TypeError,
     ["Input must be a SparseTensor."]),
    ("from_dense-scalar", lambda: tf.sparse.from_dense(5.), ArgErr,
     ["WhereOp : Unhandled input dimensions: 0", "[Op:Where]"]),
    # sparse_dense_matmul
    ("matmul-inner", lambda: tf.sparse.sparse_dense_matmul(S, tf.ones([2, 4])), ArgErr,
     ["Cannot multiply A and B because inner dimension does not match: 3 vs. 2.  Did you forget "
      "a transpose?  Dimensions of A: [2, 3).  Dimensions of B: [2,4]",
      "SparseTensorDenseMatMul"]),
    ("matmul-dtype", lambda: tf.sparse.sparse_dense_matmul(S, tf.ones([3, 2], tf.float64)),
     ArgErr, ["cannot compute SparseTensorDenseMatMul as input #3(zero-based) was expected to "
              "be a float tensor but is a double tensor"]),
    ("matmul-vector", lambda: tf.sparse.sparse_dense_matmul(S, tf.ones([3])), ArgErr,
     ["Tensor 'b' is not a matrix", "SparseTensorDenseMatMul"]),
    ("matmul-rank3", lambda: tf.sparse.sparse_dense_matmul(
        SparseTensor([[0, 0, 0]], [1.], [1, 1, 1]), tf.ones([1, 2])),
     ArgErr, ["Tensor 'a_shape' must have 2 elements"]),
    ("matmul-k-out-of-bounds", lambda: tf.sparse.sparse_dense_matmul(
        SparseTensor([[5, 5]], [1.], [2, 3]), tf.ones([3, 2])),
     ArgErr, ["k (5) from index[0,1] out of bounds (>=3)"]),
    ("matmul-m-out-of-bounds", lambda: tf.sparse.sparse_dense_matmul(
        SparseTensor([[-1, 0]], [1.], [2, 3]), tf.ones([3, 2])),
     ArgErr, ["m (-1) from index[0,0] out of bounds (>=2)"]),
    ("matmul-adjoint-k-out-of-bounds", lambda: tf.sparse.sparse_dense_matmul(
        SparseTensor([[5, 5]], [1.], [2, 3]), tf.ones([2, 2]), adjoint_a=True),
     ArgErr, ["k (5) from index[0,0] out of bounds (>=2)"]),
    ("matmul-bool", lambda: tf.sparse.sparse_dense_matmul(
        SparseTensor([[0, 0]], [True], [2, 3]), tf.ones([3, 2], tf.bool)),
     tf.errors.NotFoundError, ["Could not find device for node", "T=DT_BOOL"]),
    ("matmul-both-dense", lambda: tf.sparse.sparse_dense_matmul(tf.ones([2, 3]), tf.ones([3, 2])),
     TypeError, ["Input must be a SparseTensor."]),
    # add
    ("add-both-dense", lambda: tf.sparse.add(tf.ones([2, 3]), tf.ones([2, 3])), TypeError,
     ["At least one input should be SparseTensor; do you mean to use tf.add()?"]),
    ("add-dense-rank", lambda: tf.sparse.add(A, tf.ones([3])), ArgErr,
     ["Two operands have different ranks; received: 2 and 1", "SparseTensorDenseAdd"]),
    ("add-dense-dims", lambda: tf.sparse.add(A, tf.ones([3, 3])), ArgErr,
     ["Dimension 0 does not equal (no broadcasting is supported): sparse side 2 vs dense side 3"]),
    ("add-dense-index", lambda: tf.sparse.add(SparseTensor([[0, 5]], [1.], [2, 3]),
                                              tf.ones([2, 3])),
     ArgErr, ["Sparse tensor has an invalid index on dimension 1: a_indices(0,1) = 5, dense "
              "tensor shape: 2 3"]),
    ("add-dense-dtype", lambda: tf.sparse.add(A, tf.ones([2, 3], tf.float64)), ArgErr,
     ["cannot compute SparseTensorDenseAdd as input #3(zero-based) was expected to be a float "
      "tensor but is a double tensor"]),
    ("add-sparse-shapes", lambda: tf.sparse.add(A, SparseTensor([[0, 0]], [1.], [3, 3])), ArgErr,
     ["Operands' shapes do not match: got 2 and 3 for dimension 0", "SparseAdd"]),
    ("add-sparse-ranks", lambda: tf.sparse.add(A, SparseTensor([[0, 0, 0]], [1.], [2, 3, 1])),
     ArgErr, ["Input indices must have the same dimension, got 2 and 3"]),
    ("add-sparse-dtype", lambda: tf.sparse.add(A, SparseTensor([[0, 0]], [1], [2, 3])), ArgErr,
     ["cannot compute SparseAdd as input #4(zero-based) was expected to be a float tensor but is "
      "a int32 tensor"]),
    ("add-bool-threshold", lambda: tf.sparse.add(SparseTensor([[0, 1]], [True], [2, 3]),
                                                 SparseTensor([[0, 1]], [True], [2, 3])),
     TypeError, ["Cannot convert 0 to EagerTensor of dtype bool"]),
    # reduce_sum
    ("reduce_sum-axis", lambda: tf.sparse.reduce_sum(A, axis=2), ArgErr,
     ["Invalid reduction dimension 2, for input with 2 dimensions.", "SparseReduceSum"]),
    ("reduce_sum-bool", lambda: tf.sparse.reduce_sum(SparseTensor([[0, 0]], [True], [2, 3])),
     ArgErr, ["Value for attr 'T' of bool is not in the list of allowed values: float, double"]),
    # concat
    ("concat-shapes", lambda: tf.sparse.concat(1, [A, SparseTensor([[0, 0]], [1.], [3, 3])]),
     ArgErr, ["Input shapes must match: expected 2 for dimension 0 but got 3 at position 1",
              "SparseConcat"]),
    ("concat-ranks", lambda: tf.sparse.concat(1, [A, SparseTensor([[0, 0, 0]], [1.], [2, 3, 1])]),
     ArgErr, ["Ranks of all input tensors must match: expected 2 but got 3 at position 1"]),
    ("concat-axis", lambda: tf.sparse.concat(2, [A, A]), ArgErr,
     ["Concat dimension must be in range [-2, 2), got 2"]),
    ("concat-dtype", lambda: tf.sparse.concat(1, [A, SparseTensor([[0, 0]], [1], [2, 3])]),
     ArgErr, ["cannot compute SparseConcat as input #3(zero-based) was expected to be a float "
              "tensor but is a int32 tensor"]),
    ("concat-dense", lambda: tf.sparse.concat(1, [A, tf.ones([2, 3])]), TypeError,
     ["Input must be a SparseTensor."]),
    ("concat-empty", lambda: tf.sparse.concat(1, []), ArgErr, ["SparseConcat"]),
    # slice / retain / transpose
    ("slice-size-length", lambda: tf.sparse.slice(A, [0, 0], [1]), ArgErr,
     ["Expected size to be a vector of length 2 but got length 1", "SparseSlice"]),
    ("slice-start-length", lambda: tf.sparse.slice(A, [0], [1, 1]), ArgErr,
     ["Expected start to be a vector of length 2 but got length 1"]),
    ("slice-negative-size", lambda: tf.sparse.slice(A, [0, 0], [-1, 1]), ArgErr,
     ["Expected a non-negative size, got -1"]),
    ("retain-length", lambda: tf.sparse.retain(S, [True, False]), ValueError,
     ["Dimensions 3 and 2 are not compatible"]),
    ("transpose-perm-length", lambda: tf.sparse.transpose(A, [0]), ValueError,
     ["Dimensions 1 and 2 are not compatible"]),
    # s * y, s / y
    ("mul-broadcast", lambda: A * tf.ones([2, 2, 3]), ArgErr,
     ["SparseDenseBinaryOpShared broadcasts dense to sparse only; got incompatible shapes: "
      "[2,3] vs. [2,2,3]", "SparseDenseCwiseMul"]),
    ("mul-broadcast-rank-equal", lambda: A * tf.ones([1, 1, 3]), ArgErr,
     ["broadcasts dense to sparse only; got incompatible shapes: [2,3] vs. [1,1,3]"]),
    ("div-zero-dense", lambda: A / tf.constant([1., 2., 0.]), ArgErr,
     ["SparseDenseCwiseDiv cannot divide by zero,but input dense tensor contains zero",
      "SparseDenseCwiseDiv"]),
    ("div-zero-scalar", lambda: A / 0., ArgErr, ["cannot divide by zero"]),
    ("div-zero-int", lambda: SparseTensor([[0, 1]], [1], [2, 2]) / 0, ArgErr,
     ["cannot divide by zero"]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_sparse_op_raises_tfs_error_class_and_message(case):
    _, call, error, fragments = case
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_multiplying_by_zero_is_allowed_but_dividing_is_not():
    assert (A * tf.constant(0.)).values.numpy().tolist() == [0., 0.]
