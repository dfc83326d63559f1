"""`tf.strings` numbers (A3.5): to_number, as_string (printf semantics), format (TF's tensor
summaries) and to_hash_bucket_fast (FarmHash Fingerprint64, the same buckets as TF 2.21)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ops._farmhash import fingerprint64

# TF 2.21's to_hash_bucket_fast(s, 2**63 - 1) for s = bytes((7 * i + 3) % 256 for i in range(n)).
TF_BUCKETS = {
    0: 1936946117179621456, 1: 4521786392703311244, 2: 1655114877597445365,
    3: 4662423180930907492, 4: 8342898540396837779, 7: 5759834791111993764,
    8: 907454142650066470, 9: 7285966030820982784, 15: 3216519055487487771,
    16: 9140634717936656744, 17: 5283162056940282152, 31: 4421592475991032780,
    32: 2684005117763720425, 33: 4778210889463820522, 63: 1604338371932276381,
    64: 389040666157116578, 65: 8638051931306504420, 127: 5377748835515186047,
    128: 7379187116787024497, 129: 1738507677182238852, 200: 7886090686657605591,
    1000: 6926958906470292557,
}


def test_to_number_floats():
    out = tf.strings.to_number(tf.constant(["1.5", "-2", "1e3", " 3", "inf", "nan", "0x10",
                                            "1e40", ".5", "1."]))
    assert out.dtype is tf.float32
    np.testing.assert_array_equal(out, [1.5, -2, 1000, 3, np.inf, np.nan, 16, np.inf, 0.5, 1])
    assert tf.strings.to_number("1.1", tf.float64).numpy() == 1.1


def test_to_number_integers_check_their_range():
    np.testing.assert_array_equal(tf.strings.to_number(["12", "-3", "+4", " 7 "], tf.int32),
                                  [12, -3, 4, 7])
    assert tf.strings.to_number("99999999999", tf.int64).numpy() == 99999999999
    assert tf.strings.to_number("18446744073709551615", tf.uint64).numpy() == 2**64 - 1


@pytest.mark.parametrize("text, out_type", [
    ("1.5x", tf.float32), ("", tf.float32), ("1_0", tf.float32), ("infinit", tf.float32),
    ("1.5", tf.int32), ("2147483648", tf.int32), ("0x10", tf.int32), ("-1", tf.uint32),
])
def test_to_number_rejects_what_tf_rejects(text, out_type):
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="StringToNumberOp could not correctly convert string"):
        tf.strings.to_number(tf.constant([text]), out_type)


def test_to_number_out_type_must_be_allowed():
    with pytest.raises(tf.errors.InvalidArgumentError, match="out_type' of int8"):
        tf.strings.to_number(tf.constant(["1"]), out_type=tf.int8)


@pytest.mark.parametrize("value, kwargs, expected", [
    ([1.5, 1e10, 1e-5, -0.0, np.nan, np.inf], {},
     [b"1.500000", b"10000000000.000000", b"0.000010", b"-0.000000", b"nan", b"inf"]),
    ([1.5, 2.25], {"precision": 3}, [b"1.500", b"2.250"]),
    ([1.5, 2.25], {"scientific": True}, [b"1.500000e+00", b"2.250000e+00"]),
    ([1.5, 1234567.0], {"shortest": True}, [b"1.5", b"1.23457e+06"]),
    ([1.5, -2.25], {"width": 10, "fill": "0"}, [b"001.500000", b"-02.250000"]),
    ([np.nan, -np.inf], {"width": 6, "fill": "0"}, [b"   nan", b"  -inf"]),
    ([7, -7], {"width": 5, "fill": "0"}, [b"00007", b"-0007"]),
    ([3], {"width": 4, "fill": "-"}, [b"3   "]),
    ([True, False], {"width": 6}, [b"true", b"false"]),
    ([1 + 2j], {"precision": 2}, [b"(1.00,2.00)"]),
])
def test_as_string_uses_printf_formats(value, kwargs, expected):
    assert tf.strings.as_string(tf.constant(value), **kwargs).numpy().tolist() == expected


@pytest.mark.parametrize("kwargs, message", [
    ({"precision": 2}, "precision not supported for datatype int32"),
    ({"fill": "x"}, 'Fill argument not supported: "x"'),
    ({"fill": "00"}, "Fill string must be one or fewer characters"),
    ({"scientific": True, "shortest": True}, "Cannot select both scientific and shortest"),
])
def test_as_string_errors(kwargs, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        tf.strings.as_string(tf.constant([7]), **kwargs)


@pytest.mark.parametrize("template, inputs, kwargs, expected", [
    ("x={} y={}", (tf.constant(1), tf.constant([1.5, 2.0])), {}, b"x=1 y=[1.5 2]"),
    ("x={}", tf.constant([[1, 2], [3, 4]]), {}, b"x=[[1 2]\n [3 4]]"),
    ("x={}", tf.constant(list(range(10))), {}, b"x=[0 1 2 ... 7 8 9]"),
    ("x={}", tf.constant(list(range(10))), {"summarize": 2}, b"x=[0 1 ... 8 9]"),
    ("x={}", tf.constant(list(range(10))), {"summarize": -1}, b"x=[0 1 2 3 4 5 6 7 8 9]"),
    ("x={}", tf.constant(["a", "b"]), {}, b'x=["a" "b"]'),
    ("{}", tf.constant([0.1, 1.5, 1e-7, 123456789.0]), {}, b"[0.1 1.5 1e-07 123456792]"),
    ("{}", tf.constant([1 / 3, 1e20, -0.0], tf.float32), {}, b"[0.333333343 1e+20 -0]"),
    ("{}", tf.constant([1 / 3], tf.float64), {}, b"[0.33333333333333331]"),
    ("{}", tf.constant([True, False]), {}, b"[1 0]"),
    ("{} and {}", ["s", 2.5], {}, b'"s" and 2.5'),
    ("x=%s", [1], {"placeholder": "%s"}, b"x=1"),
    ("{}", tf.constant(np.arange(5)), {"summarize": 0}, b"[ ...]"),
    ("{}", tf.constant(np.arange(2 * 7 * 2).reshape(2, 7, 2)), {"summarize": 1},
     b"[[[0 1]\n  ...\n  [12 13]]\n\n [[14 15]\n  ...\n  [26 27]]]"),
    ("{}", tf.constant(np.arange(16).reshape(2, 2, 2, 2)), {},
     b"[[[[0 1]\n   [2 3]]\n\n  [[4 5]\n   [6 7]]]\n\n\n [[[8 9]\n   [10 11]]\n\n"
     b"  [[12 13]\n   [14 15]]]]"),
])
def test_format_matches_tf(template, inputs, kwargs, expected):
    assert tf.strings.format(template, inputs, **kwargs).numpy() == expected


def test_format_of_ragged_and_errors():
    assert tf.strings.format("{}", tf.ragged.constant([[1, 2], [3]])).numpy() == b"[[1, 2], [3]]"
    with pytest.raises(ValueError, match="The template expects 1 tensors, but the inputs only "
                                         "has 2"):
        tf.strings.format("x={}", [1, 2])
    with pytest.raises(TypeError, match="object of type 'int' has no len"):
        tf.strings.format("x={}", 3)


def test_hash_buckets_match_tf():
    out = tf.strings.to_hash_bucket_fast(["hello", "world", "", "café", "a" * 100], 1000)
    assert out.dtype is tf.int64
    np.testing.assert_array_equal(out, [296, 598, 263, 587, 618])
    assert tf.strings.to_hash_bucket_fast("hello", 2**62).numpy() == 3786372426573024488
    with pytest.raises(tf.errors.InvalidArgumentError, match="must be at least minimum 1"):
        tf.strings.to_hash_bucket_fast("hello", 0)


@pytest.mark.parametrize("n", sorted(TF_BUCKETS))
def test_farmhash_fingerprint_every_length_branch(n):
    s = bytes((7 * i + 3) % 256 for i in range(n))
    assert fingerprint64(s) % (2**63 - 1) == TF_BUCKETS[n]
