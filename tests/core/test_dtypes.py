"""DType objects: names, properties, limits, `tf.as_dtype` and equality (as in TF 2.21)."""

import pickle

import numpy as np
import pytest

import tensorlet as tf

ALL = [
    # dtype, numpy type, is_floating, is_integer, is_unsigned, size, enum
    (tf.float16, np.float16, True, False, False, 2, 19),
    (tf.float32, np.float32, True, False, False, 4, 1),
    (tf.float64, np.float64, True, False, False, 8, 2),
    (tf.int8, np.int8, False, True, False, 1, 6),
    (tf.int16, np.int16, False, True, False, 2, 5),
    (tf.int32, np.int32, False, True, False, 4, 3),
    (tf.int64, np.int64, False, True, False, 8, 9),
    (tf.uint8, np.uint8, False, True, True, 1, 4),
    (tf.uint16, np.uint16, False, True, True, 2, 17),
    (tf.uint32, np.uint32, False, True, True, 4, 22),
    (tf.uint64, np.uint64, False, True, True, 8, 23),
    (tf.bool, np.bool_, False, False, False, 1, 10),
    (tf.string, object, False, False, False, 0, 7),
    (tf.complex64, np.complex64, False, False, False, 8, 8),
    (tf.complex128, np.complex128, False, False, False, 16, 18),
]


@pytest.mark.parametrize("dtype,np_type,floating,integer,unsigned,size,enum", ALL,
                         ids=lambda v: getattr(v, "name", None))
def test_dtype_properties_match_tf(dtype, np_type, floating, integer, unsigned, size, enum):
    assert repr(dtype) == f"tf.{dtype.name}" and str(dtype) == f"<dtype: '{dtype.name}'>"
    assert dtype.as_numpy_dtype is np_type
    assert (dtype.is_floating, dtype.is_integer, dtype.is_unsigned) == \
        (floating, integer, unsigned)
    assert dtype.size == size and dtype.as_datatype_enum == enum
    assert tf.as_dtype(dtype.name) is dtype and tf.as_dtype(enum) is dtype


def test_min_and_max():
    assert tf.int32.min == -2**31 and tf.int32.max == 2**31 - 1 and type(tf.int32.max) is int
    assert tf.uint8.min == 0 and tf.uint8.max == 255
    assert tf.float32.max == np.float32(3.4028235e38) and type(tf.float32.max) is np.float32
    assert tf.float16.min == np.float16(-65504.)
    for dtype in (tf.bool, tf.string, tf.complex64):
        with pytest.raises(TypeError, match=f"Cannot find minimum value of <dtype: "
                                            f"'{dtype.name}'>"):
            dtype.min  # noqa: B018


def test_limits_follow_tf():
    assert tf.int8.limits == (0, 127) and tf.bool.limits == (0, True)
    assert tf.float32.limits == (0, 1)
    with pytest.raises(ValueError, match="does not have defined limits"):
        tf.float16.limits  # noqa: B018


def test_kind_predicates():
    assert tf.complex64.is_complex and tf.complex64.real_dtype is tf.float32
    assert tf.complex128.real_dtype is tf.float64 and tf.float32.real_dtype is tf.float32
    assert tf.bool.is_bool and not tf.bool.is_numeric and tf.int8.is_numeric
    assert tf.float32.base_dtype is tf.float32 and not tf.float32.is_quantized


@pytest.mark.parametrize("value,dtype", [
    ("float32", tf.float32), ("float", tf.float32), ("double", tf.float64),
    ("half", tf.float16), (np.float32, tf.float32), (np.dtype("int64"), tf.int64),
    (float, tf.float32), (bool, tf.bool), (object, tf.string), (np.str_, tf.string),
    (np.bytes_, tf.string), ("string", tf.string), ("bool", tf.bool),
])
def test_as_dtype_accepts_names_numpy_types_and_some_python_types(value, dtype):
    assert tf.as_dtype(value) is dtype


@pytest.mark.parametrize("value", [int, str, complex, "foo", "int", "<f4", None,
                                   np.longdouble])
def test_as_dtype_rejects_what_tf_rejects(value):
    with pytest.raises(TypeError, match="Cannot convert the argument `type_value`: .* to a "
                                        "TensorFlow DType."):
        tf.as_dtype(value)


def test_as_dtype_rejects_a_tensor():
    with pytest.raises(TypeError, match="to a TensorFlow DType"):
        tf.as_dtype(tf.constant(1.))


def test_equality_with_names_numpy_types_and_enums():
    assert tf.float32 == np.float32 and tf.float32 == "float32" and tf.float32 == 1
    assert tf.float32 == np.dtype("float32") and np.dtype("float32") == tf.float32
    assert tf.float32 != "foo" and tf.float32 != None and tf.float32 != tf.float64  # noqa: E711
    assert hash(tf.float32) == hash(tf.as_dtype("float32"))


def test_dtypes_are_interned_and_pickle_to_the_same_object():
    assert pickle.loads(pickle.dumps(tf.float32)) is tf.float32
    assert tf.half is tf.float16 and tf.double is tf.float64


def test_dtypes_are_not_numpy_dtypes_or_orderable():
    with pytest.raises(TypeError):
        np.zeros(2, dtype=tf.float32)
    with pytest.raises(TypeError):
        sorted([tf.float32, tf.int32])
    assert np.zeros(2, dtype=tf.float32.as_numpy_dtype).dtype == np.float32
