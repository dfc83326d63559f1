"""Bad input to the elementwise math ops: TF's error classes, and messages that name the op,
what it got and how to fix it (C10); and no NumPy warning ever reaches the user."""

import warnings

import numpy as np
import pytest

import tensorlet as tf

F32 = tf.constant([1.0, 2.0])
I32 = tf.constant([1, 2])

MIXED = {
    "add": lambda x, y: tf.add(x, y),
    "add-operator": lambda x, y: x + y,
    "subtract": lambda x, y: x - y,
    "multiply": lambda x, y: tf.multiply(x, y),
    "floordiv": lambda x, y: x // y,
    "floormod": lambda x, y: tf.math.floormod(x, y),
    "pow": lambda x, y: x ** y,
    "maximum": lambda x, y: tf.maximum(x, y),
    "minimum": lambda x, y: tf.minimum(x, y),
    "squared_difference": lambda x, y: tf.math.squared_difference(x, y),
    "equal": lambda x, y: tf.equal(x, y),
    "not_equal": lambda x, y: x != y,
    "less": lambda x, y: x < y,
    "greater_equal": lambda x, y: tf.greater_equal(x, y),
    "where": lambda x, y: tf.where(tf.constant([True, False]), x, y),
}


@pytest.mark.parametrize("op", sorted(MIXED))
def test_mixed_dtypes_raise_with_both_dtypes_the_op_and_the_cast_fix(op):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        MIXED[op](F32, I32)
    text = str(info.value)
    assert "float32" in text and "int32" in text and "tf.cast" in text
    assert op.split("-")[0] in text
    assert "expected to be a float tensor but is a int32 tensor" in text


def test_float32_plus_float64_names_the_double_kernel_type():
    with pytest.raises(tf.errors.InvalidArgumentError, match="but is a double tensor"):
        tf.constant(2.0) + tf.constant(40.0, tf.float64)


def test_python_float_into_an_int_tensor_is_a_dtype_error_for_add_as_in_tf():
    with pytest.raises(tf.errors.InvalidArgumentError, match="AddV2"):
        tf.constant([1, 2]) + 1.5
    with pytest.raises(tf.errors.InvalidArgumentError, match="AddV2"):
        tf.add(tf.constant([1, 2]), 1.5)


@pytest.mark.parametrize("call", [
    lambda x: 1.5 + x, lambda x: x - 1.5, lambda x: x * 1.5, lambda x: x // 1.5,
    lambda x: x ** 1.5, lambda x: x < 1.5, lambda x: x == 1.5, lambda x: tf.maximum(x, 1.5),
    lambda x: tf.where(tf.constant([True, False]), x, 1.5),
])
def test_python_float_into_an_int_tensor_is_a_type_error_elsewhere_as_in_tf(call):
    with pytest.raises(TypeError, match="int32"):
        call(tf.constant([1, 2]))


@pytest.mark.parametrize("fn", [tf.math.truediv, tf.divide, lambda x, y: x / y])
def test_truediv_of_mixed_dtypes_is_a_type_error_as_in_tf(fn):
    with pytest.raises(TypeError) as info:
        fn(F32, I32)
    text = str(info.value)
    assert "float32" in text and "int32" in text and "tf.cast" in text


def test_truediv_of_bools_is_a_type_error():
    with pytest.raises(TypeError, match="bool"):
        tf.constant([True]) / tf.constant([True])


@pytest.mark.parametrize("dtype", [tf.int32, tf.int64, tf.uint8, tf.int8])
@pytest.mark.parametrize("op", ["floordiv", "floormod"])
def test_integer_division_by_zero_raises_like_tf(op, dtype):
    x = tf.constant([7, 3], dtype)
    y = tf.constant([2, 0], dtype)
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        getattr(tf.math, op)(x, y)
    assert "Integer division by zero" in str(info.value) and op in str(info.value)


def test_integer_division_by_zero_through_the_operators():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        tf.constant([7]) // 0
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        tf.constant([7]) % 0


def test_integers_to_negative_powers_raise():
    with pytest.raises(tf.errors.InvalidArgumentError, match="negative integer powers"):
        tf.constant([2, 3]) ** -1


WRONG_DTYPE = [
    ("sqrt", lambda: tf.sqrt(tf.constant([4])), "int32"),
    ("rsqrt", lambda: tf.math.rsqrt(tf.constant([4])), "int32"),
    ("exp", lambda: tf.exp(tf.constant([1])), "int32"),
    ("log", lambda: tf.math.log(tf.constant([1])), "int32"),
    ("sin", lambda: tf.sin(tf.constant([1])), "int32"),
    ("sigmoid", lambda: tf.sigmoid(tf.constant([1])), "int32"),
    ("erf", lambda: tf.math.erf(tf.constant([1 + 1j])), "complex128"),
    ("floor", lambda: tf.floor(tf.constant([3])), "int32"),
    ("is_nan", lambda: tf.math.is_nan(tf.constant([1])), "int32"),
    ("abs", lambda: tf.abs(tf.constant([2], tf.uint8)), "uint8"),
    ("sign", lambda: tf.sign(tf.constant([True])), "bool"),
    ("negative", lambda: -tf.constant([1], tf.uint8), "uint8"),
    ("round", lambda: tf.round(tf.constant([True])), "bool"),
    ("add", lambda: tf.constant([True]) + tf.constant([True]), "bool"),
    ("maximum", lambda: tf.maximum(tf.constant([1j]), tf.constant([0j])), "complex128"),
    ("less", lambda: tf.constant([True]) < tf.constant([False]), "bool"),
    ("pow", lambda: tf.pow(tf.constant([2], tf.uint8), tf.constant([3], tf.uint8)), "uint8"),
    ("squared_difference",
     lambda: tf.math.squared_difference(tf.constant([1], tf.int8), tf.constant([2], tf.int8)),
     "int8"),
]


@pytest.mark.parametrize("op,call,dtype", WRONG_DTYPE, ids=[w[0] for w in WRONG_DTYPE])
def test_ops_reject_dtypes_tf_does_not_accept(op, call, dtype):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        call()
    assert op in str(info.value) and dtype in str(info.value)


@pytest.mark.parametrize("op,call", [
    ("logical_and", lambda: tf.logical_and(tf.constant([1]), tf.constant([1]))),
    ("logical_or", lambda: tf.logical_or(tf.constant([1.0]), tf.constant([0.0]))),
    ("logical_not", lambda: tf.logical_not(tf.constant(1))),
    ("logical_xor", lambda: tf.math.logical_xor(tf.constant([1]), tf.constant([0]))),
])
def test_logical_ops_need_bool_tensors(op, call):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        call()
    assert op in str(info.value) and "bool" in str(info.value)


def test_bitwise_operators_reject_floats():
    with pytest.raises(tf.errors.InvalidArgumentError, match="bitwise_and"):
        tf.constant([1.0]) & tf.constant([2.0])


def test_where_needs_a_bool_condition():
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a bool tensor"):
        tf.where(tf.constant([1, 0]), tf.constant([1, 2]), tf.constant([3, 4]))


def test_where_shapes_must_broadcast():
    with pytest.raises(tf.errors.InvalidArgumentError, match="must be broadcastable"):
        tf.where(tf.constant([True, False, True]), tf.constant([1, 2]), tf.constant([3, 4]))


def test_where_needs_both_x_and_y_or_neither():
    with pytest.raises(ValueError, match="both be non-None or both be None"):
        tf.where(tf.constant([True]), tf.constant([1]))


def test_where_indices_of_a_scalar_raise():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Unhandled input dimensions: 0"):
        tf.where(tf.constant(True))


def test_comparison_functions_raise_on_incompatible_shapes():
    shapes = r"Incompatible shapes: \[2\] vs. \[3\]"
    with pytest.raises(tf.errors.InvalidArgumentError, match=shapes):
        tf.equal(tf.constant([1, 2]), tf.constant([1, 2, 3]))
    with pytest.raises(tf.errors.InvalidArgumentError, match=shapes):
        tf.less(tf.constant([1, 2]), tf.constant([1, 2, 3]))


def test_add_n_errors():
    with pytest.raises(ValueError, match="at least one"):
        tf.add_n([])
    with pytest.raises(tf.errors.InvalidArgumentError, match="but is a double tensor"):
        tf.add_n([F32, tf.constant([3.0, 4.0], tf.float64)])
    with pytest.raises(tf.errors.InvalidArgumentError, match="same size and shape"):
        tf.add_n([F32, tf.constant([3.0])])
    with pytest.raises(tf.errors.InvalidArgumentError, match="bool"):
        tf.add_n([tf.constant([True]), tf.constant([False])])


def test_cast_between_strings_and_numbers_is_unimplemented():
    with pytest.raises(tf.errors.UnimplementedError, match="Cast string to float"):
        tf.cast(tf.constant(["1.5"]), tf.float32)
    with pytest.raises(tf.errors.UnimplementedError, match="cast"):
        tf.cast(F32, tf.string)


def test_conj_of_strings_is_a_type_error():
    with pytest.raises(TypeError, match="numeric"):
        tf.math.conj(tf.constant(["a"]))


def test_real_of_strings_or_bools_is_a_type_error_as_in_tf():
    for x in (tf.constant(["a"]), tf.constant([True])):
        with pytest.raises(TypeError, match="input must be a numeric tensor, but got tensor "
                                            "with dtype"):
            tf.math.real(x)
    assert tf.math.real(tf.constant([1])).dtype is tf.int32


def test_clip_by_value_bounds_must_not_grow_the_shape():
    with pytest.raises(ValueError, match="incompatible"):
        tf.clip_by_value(tf.constant([1.0, 5.0, 9.0]), tf.constant([[2.0], [3.0]]), 7.0)


NO_WARNING = [
    lambda: tf.constant([1.0, -1.0, 0.0]) / 0.0,
    lambda: tf.constant([7, -7, 0]) / 0,
    lambda: tf.math.log(tf.constant([0.0, -1.0])),
    lambda: tf.sqrt(tf.constant([-1.0])),
    lambda: tf.constant([3e38]) * 10.0,
    lambda: tf.constant([3e38]) + tf.constant([3e38]),
    lambda: tf.constant([-3e38]) - tf.constant([3e38]),
    lambda: tf.constant([7.0, 0.0]) // 0.0,
    lambda: tf.constant([7.0, 0.0]) % 0.0,
    lambda: tf.math.floordiv(tf.constant([-128], tf.int8), tf.constant([-1], tf.int8)),
    lambda: tf.cast(tf.constant([np.nan, np.inf, 1e20]), tf.int32),
    lambda: tf.cast(tf.constant([np.nan, np.inf, 1e20]), tf.uint64),
    lambda: tf.cast(tf.constant([1e300], tf.float64), tf.float32),
    lambda: tf.pow(tf.constant([0.0, -8.0]), tf.constant([-1.0, 0.5])),
    lambda: tf.math.rsqrt(tf.constant([0.0])),
    lambda: tf.math.reciprocal(tf.constant([0.0])),
    lambda: tf.exp(tf.constant([1000.0])),
    lambda: tf.math.expm1(tf.constant([1000.0])),
    lambda: tf.math.log1p(tf.constant([-2.0])),
    lambda: tf.square(tf.constant([1e30])),
    lambda: tf.math.squared_difference(tf.constant([3e38]), tf.constant([-3e38])),
    lambda: tf.sigmoid(tf.constant([-1e4, 1e4])),
    lambda: tf.sin(tf.constant([np.inf])),
    lambda: tf.tan(tf.constant([np.inf])),
    lambda: tf.math.erf(tf.constant([np.nan, np.inf])),
    lambda: tf.add_n([tf.constant([3e38]), tf.constant([3e38])]),
    lambda: tf.maximum(tf.constant([np.nan]), tf.constant([1.0])),
]


@pytest.mark.parametrize("call", NO_WARNING, ids=range(len(NO_WARNING)))
def test_no_numpy_warning_reaches_the_user(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        call()
