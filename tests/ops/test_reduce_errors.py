"""Bad input to the reductions, scans and argmax/argmin: TF's error classes, and messages that
name the op, the rank or dtype it got, and what it expected."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY
from tensorlet.core.spec import TensorSpec

M = tf.constant([[1.0, 2.0], [3.0, 4.0]])
BOOLS = tf.constant([[True, False], [True, True]])

REDUCTIONS = {
    "reduce_sum": lambda x, **kw: tf.reduce_sum(x, **kw),
    "reduce_mean": lambda x, **kw: tf.reduce_mean(x, **kw),
    "reduce_max": lambda x, **kw: tf.reduce_max(x, **kw),
    "reduce_min": lambda x, **kw: tf.math.reduce_min(x, **kw),
    "reduce_prod": lambda x, **kw: tf.reduce_prod(x, **kw),
    "reduce_logsumexp": lambda x, **kw: tf.reduce_logsumexp(x, **kw),
    "reduce_any": lambda x, **kw: tf.reduce_any(x > 2.0, **kw),
    "reduce_all": lambda x, **kw: tf.reduce_all(x > 2.0, **kw),
}


@pytest.mark.parametrize("op", sorted(REDUCTIONS))
@pytest.mark.parametrize("axis", [2, -3, [0, 2]])
def test_axis_out_of_range_names_the_op_the_axis_and_the_rank(op, axis):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        REDUCTIONS[op](M, axis=axis)
    text = str(info.value)
    assert op in text
    assert "Invalid reduction dimension" in text and "2 dimension(s)" in text
    assert "[-2, 2)" in text and "[2,2])" in text


@pytest.mark.parametrize("op", sorted(REDUCTIONS))
def test_repeated_axis_is_an_error_as_in_tf(op):
    with pytest.raises(tf.errors.InvalidArgumentError, match="duplicate dimension: 1"):
        REDUCTIONS[op](M, axis=[1, -1])


def test_a_scalar_has_no_axis_zero():
    with pytest.raises(tf.errors.InvalidArgumentError, match="0 dimension"):
        tf.reduce_sum(tf.constant(3.0), axis=0)


def test_shape_rule_raises_the_same_error_without_running_the_kernel():
    infer = REGISTRY["reduce_mean"].infer
    with pytest.raises(tf.errors.InvalidArgumentError, match="reduce_mean.*3 for input with 2"):
        infer(TensorSpec([2, 5], tf.float32), axis=3, keepdims=False)
    assert infer(TensorSpec([None, 5], tf.float32), axis=-1, keepdims=True).shape.as_list() \
        == [None, 1]


def test_float_axis_is_a_type_error_and_a_float_axis_tensor_an_invalid_argument_as_in_tf():
    with pytest.raises(TypeError, match="axis"):
        tf.reduce_sum(M, axis=1.0)
    with pytest.raises(tf.errors.InvalidArgumentError, match="'Tidx' of float32"):
        tf.reduce_max(M, axis=tf.constant(1.0))


@pytest.mark.parametrize("op,x", [
    ("reduce_sum", tf.constant(["a", "b"])),
    ("reduce_sum", tf.constant([True, False])),
    ("reduce_mean", tf.constant([True, False])),
    ("reduce_prod", tf.constant([True, False])),
    ("reduce_max", tf.constant([True, False])),
    ("reduce_max", tf.constant([1 + 2j])),
    ("reduce_min", tf.constant(["a"])),
    ("reduce_logsumexp", tf.constant([1, 2])),
])
def test_unsupported_dtype_names_the_op_and_the_dtype(op, x):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        REDUCTIONS[op](x)
    text = str(info.value)
    assert op in text and x.dtype.name in text and "expected one of" in text


def test_reduce_any_of_a_non_bool_tensor_is_an_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError, match="reduce_any: got a int32 tensor"):
        tf.reduce_any(tf.constant([1, 0]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="reduce_all: got a float32"):
        tf.reduce_all(M)


def test_variance_and_std_of_integers_are_type_errors_as_in_tf():
    with pytest.raises(TypeError, match="Input must be either real or complex.*int32"):
        tf.math.reduce_variance(tf.constant([1, 2]))
    with pytest.raises(TypeError, match="Input must be either real or complex.*int64"):
        tf.math.reduce_std(tf.constant([1, 2], tf.int64))


@pytest.mark.parametrize("fn", [tf.argmax, tf.argmin])
def test_argmax_axis_errors(fn):
    name = fn.__name__
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"{name}: Expected dimension in "
                       r"the range \[-2, 2\), but got 2"):
        fn(M, axis=2)
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"{name}.*range \[0, 0\)"):
        fn(tf.constant(3.0))
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"{name}: Reduction axis 0 is "
                       r"empty in shape \[0, 2\]"):
        fn(tf.zeros([0, 2]))
    with pytest.raises(TypeError, match="axis must be int or Tensor"):
        fn(M, axis=[1])


def test_argmax_output_type_and_input_dtype_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match="'output_type' of float32"):
        tf.argmax(M, output_type=tf.float32)
    with pytest.raises(tf.errors.InvalidArgumentError, match="argmax: got a string tensor"):
        tf.argmax(tf.constant(["a", "b"]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="argmin: got a complex128"):
        tf.argmin(tf.constant([1 + 1j]))


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
def test_scan_axis_errors(name):
    fn = getattr(tf.math, name)
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"{name}: ScanOp: Expected scan "
                       r"axis in the range \[-2, 2\), but got 2 \(got float32\[2,2\]\)"):
        fn(M, axis=2)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"range \[0, 0\)"):
        fn(tf.constant(1.0))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"axis must be a scalar, not \[1\]"):
        fn(M, axis=[1])
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"{name}: got a bool tensor"):
        fn(BOOLS)


def test_no_numpy_warning_reaches_the_user(recwarn):
    big = tf.constant([3e38, 3e38], tf.float32)
    assert np.isinf(tf.reduce_sum(big).numpy())
    assert np.isnan(tf.reduce_mean(tf.zeros([0])).numpy())
    assert tf.reduce_logsumexp(tf.constant([-np.inf, -np.inf])).numpy() == -np.inf
    assert np.isinf(tf.reduce_prod(big).numpy())
    assert np.isinf(tf.cumsum(big).numpy()[1])
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


@pytest.mark.parametrize("call,message", [
    (lambda: tf.reduce_sum(M, axis=2), "reduce_sum: Invalid reduction dimension"),
    (lambda: tf.reduce_mean(M, axis=[0, 0]), "duplicate dimension"),
    (lambda: tf.reduce_max(tf.constant(1.0), axis=0), "0 dimension"),
    (lambda: tf.argmax(M, axis=-3), "argmax: Expected dimension in the range"),
    (lambda: tf.cumsum(M, axis=5), "cumsum: ScanOp"),
])
def test_kernels_reject_bad_axes_without_the_debug_shape_checks(no_debug_checks, call, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        call()
