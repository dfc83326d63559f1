"""Bad input to inv, det, slogdet, solve, triangular_solve, cholesky, qr, svd, diag, diag_part,
set_diag, band_part, trace and matvec: TF's error classes, and messages that name the op and
what it got."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY
from tensorlet.core.spec import TensorSpec
from tensorlet.ops import linalg_decomp as dec
from tensorlet.ops import linalg_solve as sol
from tensorlet.ops import linalg_structure as st

SINGULAR = tf.constant([[1.0, 2.0], [2.0, 4.0]])
A23 = tf.ones([2, 3])
M34 = tf.reshape(tf.range(1, 13), [3, 4])


@pytest.mark.parametrize("x", [SINGULAR, tf.stack([tf.eye(2), SINGULAR]),
                               tf.constant([[np.nan, 0.0], [0.0, 1.0]])])
def test_inv_of_a_singular_matrix_is_an_invalid_argument(x):
    with pytest.raises(tf.errors.InvalidArgumentError, match="inv: Input is not invertible"):
        sol.inv(x)


def test_solve_with_a_singular_matrix_is_an_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input matrix is not invertible"):
        sol.solve(SINGULAR, tf.ones([2, 1]))


@pytest.mark.parametrize("fn,tf_name", [(sol.inv, "MatrixInverse"),
                                        (dec.det, "MatrixDeterminant"),
                                        (dec.slogdet, "LogMatrixDeterminant"),
                                        (dec.cholesky, "Cholesky")])
def test_square_ops_reject_non_square_and_vectors(fn, tf_name):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        fn(A23)
    assert "Input matrix must be square" in str(info.value)
    assert f"Op:{tf_name}" in str(info.value) and "float32[2,3]" in str(info.value)
    with pytest.raises(tf.errors.InvalidArgumentError, match="must have rank >= 2, got 1"):
        fn(tf.ones([3]))


@pytest.mark.parametrize("fn", [sol.inv, dec.det, dec.slogdet, dec.cholesky, dec.qr, dec.svd])
def test_decompositions_reject_integer_input(fn):
    with pytest.raises(tf.errors.InvalidArgumentError, match="got a int32 tensor"):
        fn(tf.constant([[1, 2], [3, 4]]))


@pytest.mark.parametrize("fn", [dec.det, dec.slogdet, dec.cholesky, dec.svd,
                                lambda x: sol.solve(x, x), lambda x: sol.triangular_solve(x, x)])
def test_float16_has_no_cpu_kernel_as_in_tf(fn):
    with pytest.raises(tf.errors.NotFoundError, match="DT_HALF"):
        fn(tf.cast(tf.eye(2), tf.float16))


def test_float16_inverse_and_qr_are_computed():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], tf.float16)
    assert sol.inv(x).dtype is tf.float16 and dec.qr(x)[0].dtype is tf.float16


def test_cholesky_of_a_non_positive_definite_matrix_gives_nan_without_error():
    out = dec.cholesky(tf.constant([[1.0, 2.0], [2.0, 1.0]])).numpy()
    assert np.isnan(out[1, 1]) and out[0, 1] == 0
    assert np.isnan(dec.logdet(tf.constant([[1.0, 2.0], [2.0, 1.0]])).numpy())


def test_singular_determinants_are_values_not_errors():
    assert dec.det(SINGULAR).numpy() == 0
    sign, log_abs = dec.slogdet(SINGULAR)
    assert sign.numpy() == 0 and log_abs.numpy() == -np.inf


@pytest.mark.parametrize("a,b,message", [
    (tf.eye(2, batch_shape=[3]), tf.ones([2, 3]), "All input tensors must have the same rank"),
    (tf.eye(2, batch_shape=[1]), tf.ones([3, 2, 3]), "same outer dimensions"),
    (tf.eye(2), tf.ones([3, 3]), "Input matrix and rhs are incompatible"),
    (A23, tf.ones([2, 3]), "First input \\(lhs\\) must be a square matrix"),
])
def test_solve_shapes_must_match_without_broadcasting(a, b, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"solve: .*{message}"):
        sol.solve(a, b)


def test_solve_mixed_dtypes():
    with pytest.raises(tf.errors.InvalidArgumentError, match="MatrixSolve"):
        sol.solve(tf.eye(2), tf.ones([2, 3], tf.float64))


@pytest.mark.parametrize("a,b,message", [
    (tf.eye(2), tf.ones([3, 1]), "In\\[0\\] mismatch In\\[1\\] shape: 2 vs. 3"),
    (A23, tf.ones([2, 1]), "must be square \\(3 =/= 2\\)"),
    (tf.eye(2, batch_shape=[2]), tf.ones([3, 2, 1]), "Incompatible batch dimensions"),
])
def test_triangular_solve_bad_shapes(a, b, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"triangular_solve: .*{message}"):
        sol.triangular_solve(a, b)


def test_triangular_solve_zero_pivot_gives_inf_as_in_tf():
    out = sol.triangular_solve(tf.constant([[0.0, 0.0], [1.0, 4.0]]), tf.ones([2, 1]))
    assert np.isinf(out.numpy()).all()


@pytest.mark.parametrize("fn", [dec.qr, dec.svd])
def test_qr_and_svd_need_rank_two(fn):
    with pytest.raises(tf.errors.InvalidArgumentError, match="must have rank >= 2, got 1"):
        fn(tf.ones([3]))


def test_qr_and_svd_are_not_differentiable():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        s = dec.svd(x, compute_uv=False)
        q, _ = dec.qr(x)
    assert tape.gradient(s, x) is None and tape.gradient(q, x) is None


def test_diag_needs_a_vector_and_room():
    with pytest.raises(tf.errors.InvalidArgumentError, match="diag: diagonal must be at least "
                       "1-dim, received shape: \\[\\]"):
        st.diag(tf.constant(1))
    with pytest.raises(tf.errors.InvalidArgumentError, match="number of columns is too small"):
        st.diag(tf.constant([1, 2]), num_cols=1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="number of diagonals"):
        st.diag(tf.ones([3, 2]), k=(0, 1))


@pytest.mark.parametrize("k,message", [
    (-3, "lower_diag_index is out of bound: -3. It must be between -3 and 4"),
    (4, "lower_diag_index is out of bound: 4"),
    ((1, 0), "lower_diag_index must not be larger than upper_diag_index"),
])
def test_diag_part_k_outside_the_matrix(k, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"diag_part: {message}"):
        st.diag_part(M34, k=k)


@pytest.mark.parametrize("fn,op", [(st.diag_part, "diag_part"), (st.trace, "diag_part"),
                                   (lambda x: st.band_part(x, 0, 0), "band_part")])
def test_matrix_ops_need_rank_two(fn, op):
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"{op}: input must be at least "
                       "2-dim, received shape: \\[3\\]"):
        fn(tf.ones([3]))


def test_diag_padding_must_convert_to_the_dtype():
    with pytest.raises(TypeError, match="Cannot convert 0 to EagerTensor of dtype bool"):
        st.diag(tf.constant([True, False]))


@pytest.mark.parametrize("diagonal", [tf.ones([3]), tf.ones([2])])
def test_set_diag_diagonal_shape_must_be_the_diagonal_parts(diagonal):
    x = tf.zeros([2, 2, 3]) if diagonal.shape[0] == 2 else tf.zeros([2, 3])
    with pytest.raises(tf.errors.InvalidArgumentError, match="set_diag: Either first dimensions "
                       "of diagonal don't match"):
        st.set_diag(x, diagonal)


def test_band_part_bounds_and_integer_widths():
    with pytest.raises(tf.errors.InvalidArgumentError, match="num_lower must be negative or less "
                       "or equal to number of rows \\(3\\) got: 5"):
        st.band_part(tf.ones([3, 4]), 5, 0)
    with pytest.raises(tf.errors.InvalidArgumentError, match="number of columns \\(4\\) got: 6"):
        st.band_part(tf.ones([3, 4]), 0, 6)
    with pytest.raises(TypeError, match="Cannot convert 1.0 to EagerTensor of dtype int64"):
        st.band_part(tf.ones([3, 4]), 1.0, 0)


def test_matvec_errors_are_matmuls():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Matrix size-incompatible"):
        st.matvec(A23, tf.ones([4]))


def test_shape_rules_accept_unknown_dims():
    spec = REGISTRY["matrix_diag_part"].infer(TensorSpec([None, 3, 4]), k=(-1, 1))
    assert spec.shape.as_list() == [None, 3, 3]
    spec = REGISTRY["matrix_solve"].infer(TensorSpec([None, 3, 3]), TensorSpec([2, None, 1]))
    assert spec.shape.as_list() == [2, 3, 1]
    s, u, v = REGISTRY["svd"].infer(TensorSpec([None, 5, 3], tf.complex64))
    assert s.dtype is tf.float32 and u.shape.as_list() == [None, 5, 3]


@pytest.mark.parametrize("call,message", [
    (lambda: sol.inv(A23), "Input matrix must be square"),
    (lambda: sol.solve(tf.eye(2), tf.ones([3, 3])), "incompatible"),
    (lambda: sol.triangular_solve(tf.eye(2), tf.ones([3, 1])), "mismatch"),
    (lambda: dec.det(A23), "Input matrix must be square"),
    (lambda: dec.cholesky(tf.ones([3])), "rank >= 2"),
    (lambda: st.diag_part(M34, k=5), "out of bound"),
    (lambda: st.set_diag(tf.zeros([2, 3]), tf.ones([3])), "Either first dimensions"),
    (lambda: st.band_part(tf.ones([3, 4]), 5, 0), "num_lower"),
])
def test_kernels_reject_bad_shapes_without_the_debug_shape_checks(no_debug_checks, call,
                                                                   message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        call()
