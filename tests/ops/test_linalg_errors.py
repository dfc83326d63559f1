"""Bad input to matmul, einsum, tensordot, norm, matrix_transpose and eigh: TF's error classes,
and messages that name the op and the shapes or dtypes it got."""

import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY
from tensorlet.core.spec import TensorSpec
from tensorlet.ops import linalg_norm

A23 = tf.ones([2, 3])
A45 = tf.ones([4, 5])


def test_matmul_inner_dimensions_must_match():
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.matmul(A23, A45)
    text = str(info.value)
    assert "Matrix size-incompatible: In[0]: [2, 3], In[1]: [4, 5]" in text
    assert "matmul: inner dimensions 3 and 4 differ" in text and "float32[2,3]" in text


def test_matmul_inner_dimensions_with_transpose_flags():
    with pytest.raises(tf.errors.InvalidArgumentError, match="inner dimensions 2 and 3"):
        tf.matmul(A23, tf.ones([3, 2]), transpose_a=True)


@pytest.mark.parametrize("a,b,which", [
    (tf.ones([3]), tf.ones([3, 2]), 0),
    (tf.ones([2, 3]), tf.ones([3]), 1),
    (tf.constant(1.0), tf.constant(2.0), 0),
])
def test_matmul_of_vectors_or_scalars_is_an_error_pointing_to_tensordot(a, b, which):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.matmul(a, b)
    text = str(info.value)
    assert f"In[{which}] ndims must be >= 2" in text and "tf.tensordot" in text


def test_matmul_batch_dimensions_must_broadcast():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"compatible batch dimensions: "
                       r"\[2, 2, 3\] vs. \[3, 3, 2\]"):
        tf.matmul(tf.ones([2, 2, 3]), tf.ones([3, 3, 2]))


def test_matmul_mixed_dtypes_name_both_and_the_cast_fix():
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.matmul(tf.constant([[1, 2]]), tf.constant([[1.0], [2.0]]))
    text = str(info.value)
    assert "expected to be a int32 tensor but is a float tensor" in text and "tf.cast" in text


@pytest.mark.parametrize("dtype", [tf.bool, tf.int8, tf.int16, tf.string])
def test_matmul_dtypes_outside_tfs_list_are_invalid_arguments(dtype):
    x = tf.constant([["a"]]) if dtype == tf.string else tf.cast(tf.ones([1, 1]), dtype)
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"matmul: got a {dtype.name}"):
        tf.matmul(x, x)


def test_matmul_of_unsigned_integers_has_no_kernel_as_in_tf():
    x = tf.cast(tf.ones([2, 2]), tf.uint8)
    with pytest.raises(tf.errors.NotFoundError, match="MatMul"):
        tf.matmul(x, x)


def test_matmul_transpose_and_adjoint_of_one_input_is_a_value_error():
    with pytest.raises(ValueError, match="Only one of `transpose_a` and `adjoint_a` can be True"):
        tf.matmul(A23, A23, transpose_a=True, adjoint_a=True)


def test_matmul_output_type_other_than_int8_to_int32_has_no_kernel():
    with pytest.raises(tf.errors.NotFoundError, match="output_type float64"):
        tf.matmul(A23, tf.ones([3, 2]), output_type=tf.float64)


def test_einsum_wrong_number_of_inputs_is_a_value_error():
    with pytest.raises(ValueError, match='Got 1 inputs for equation "ij,jk->ik", expecting 2'):
        tf.einsum("ij,jk->ik", A23)


def test_einsum_dimension_mismatch_names_the_label_and_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.einsum("ij,jk->ik", A23, A45)
    text = str(info.value)
    assert "einsum: Expected dimension 3 at axis 0 of input 1 shaped [4, 5]" in text
    assert "label 'j'" in text


def test_einsum_does_not_broadcast_size_one_outside_an_ellipsis():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Expected dimension"):
        tf.einsum("ij,jk->ik", tf.ones([2, 1]), tf.ones([3, 4]))


def test_einsum_rank_mismatch():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Expected input 0 to have rank 2 "
                       "but got: 3"):
        tf.einsum("ij,jk->ik", tf.ones([2, 3, 1]), tf.ones([3, 4]))


@pytest.mark.parametrize("equation,message", [
    ("ij->ik", "label k not present in the input"),
    ("ij->ii", "label appearing more than once"),
    ("i1->i", "Invalid character"),
])
def test_einsum_bad_output_labels_are_value_errors(equation, message):
    with pytest.raises(ValueError, match=message):
        tf.einsum(equation, A23)


def test_einsum_mixed_dtypes_and_dtypes_without_a_kernel():
    with pytest.raises(tf.errors.InvalidArgumentError, match="cannot compute Einsum as input "
                       "#1.*expected to be a float tensor but is a int32 tensor"):
        tf.einsum("ij,jk->ik", A23, tf.ones([3, 2], tf.int32))
    with pytest.raises(tf.errors.NotFoundError, match="Einsum"):
        tf.einsum("ij->ji", tf.constant([[True]]))


def test_einsum_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="Invalid keyword arguments for einsum: bogus"):
        tf.einsum("ij->ji", A23, bogus=1)


def test_einsum_shape_rule_checks_without_running_the_kernel():
    infer = REGISTRY["einsum"].infer
    spec = infer(TensorSpec([None, 3]), TensorSpec([3, 4]), equation="ij,jk->ik")
    assert spec.shape.as_list() == [None, 4]
    with pytest.raises(tf.errors.InvalidArgumentError, match="einsum"):
        infer(TensorSpec([2, 3]), TensorSpec([2, 4]), equation="ij,jk->ik")


@pytest.mark.parametrize("axes,error,message", [
    (3, ValueError, "must not be larger than the number of dimensions"),
    (-1, ValueError, "must be at least 0"),
    ([[1], [0, 1]], ValueError, "Different number of contraction axes `a` and `b`, 1 != 2"),
    ([[1]], ValueError, "length 2"),
])
def test_tensordot_bad_axes(axes, error, message):
    with pytest.raises(error, match=message):
        tf.tensordot(A23, tf.ones([3, 4]), axes)


def test_tensordot_mismatched_dimensions():
    with pytest.raises(tf.errors.InvalidArgumentError, match="einsum: Expected dimension 3"):
        tf.tensordot(A23, tf.ones([4, 4]), 1)


@pytest.mark.parametrize("ord,axis,message", [
    ("fro", None, "'ord' must be a supported vector norm, got fro"),
    (0, 1, "'ord' must be a supported vector norm, got 0"),
    (-1, None, "supported vector norm, got -1"),
    (3, [0, 1], r"supported matrix norm in \['euclidean', 'fro', 1, 2, inf\], got 3"),
    ("nuc", (0, 1), "supported matrix norm"),
    (2, [0, 1, 1], "'axis' must be None, an integer, or a tuple of 2 unique integers"),
    (2, [1, 1], "tuple of 2 unique integers"),
])
def test_norm_bad_ord_or_axis_is_a_value_error(ord, axis, message):
    with pytest.raises(ValueError, match=message):
        tf.norm(A23, ord=ord, axis=axis)


def test_norm_axis_out_of_range_is_the_reduction_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match="reduce_sum: Invalid reduction "
                       "dimension"):
        tf.norm(A23, axis=2)


def test_spectral_norm_axes_out_of_range_are_invalid_argument_not_index_errors():
    for x in (tf.constant(1.), A23):
        with pytest.raises(tf.errors.InvalidArgumentError, match="norm: axis .* out of range"):
            tf.norm(x, ord=2, axis=[0, 5])


def test_matmul_output_type_int32_takes_only_int8_or_uint8_inputs_as_in_tf():
    i8, u8 = tf.ones([2, 3], tf.int8), tf.ones([3, 2], tf.uint8)
    assert tf.matmul(i8, u8, output_type=tf.int32).dtype is tf.int32
    for b in (tf.ones([3, 2], tf.float64), tf.ones([3, 2], tf.int32), tf.ones([3, 2], tf.bool)):
        with pytest.raises(tf.errors.OpError, match="MatMul"):
            tf.matmul(i8, b, output_type=tf.int32)


def test_matrix_transpose_needs_rank_two():
    with pytest.raises(ValueError, match=r"rank >= 2.*shape: \(2,\)"):
        tf.linalg.matrix_transpose(tf.constant([1.0, 2.0]))


def test_eigh_needs_square_float_matrices():
    with pytest.raises(tf.errors.InvalidArgumentError, match="eigh: Input matrix must be square"):
        REGISTRY["eigh"].infer(TensorSpec([2, 3]))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"eigh: Input matrix must be "
                       r"square.*\[2, 3\]"):
        linalg_norm.eigh(tf.ones([2, 3]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="eigh: got a int32 tensor"):
        linalg_norm.eigh(tf.constant([[2, 1], [1, 2]]))


@pytest.mark.parametrize("call,message", [
    (lambda: tf.matmul(tf.ones([3]), tf.ones([3, 2])), "In\\[0\\] ndims must be >= 2"),
    (lambda: tf.matmul(A23, tf.ones([3])), "In\\[1\\] ndims must be >= 2"),
    (lambda: tf.matmul(A23, A45), "Matrix size-incompatible"),
    (lambda: tf.einsum("ij,jk->ik", tf.ones([2, 1]), tf.ones([3, 4])), "Expected dimension 1"),
    (lambda: tf.tensordot(A23, tf.ones([1, 4]), 1), "Expected dimension 3"),
    (lambda: linalg_norm.eigh(A23), "Input matrix must be square"),
])
def test_kernels_reject_bad_shapes_without_the_debug_shape_checks(no_debug_checks, call,
                                                                   message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        call()
