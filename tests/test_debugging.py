"""tf.debugging assertions: TF 2.21's error classes and messages, eagerly and in tf.function."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet import debugging as dbg
from tensorlet.core.errors import InvalidArgumentError


def test_assert_equal_message_lists_the_differing_indices():
    with pytest.raises(InvalidArgumentError) as info:
        dbg.assert_equal(tf.constant([[1, 2], [3, 4]]), tf.constant([[1, 0], [0, 4]]))
    assert str(info.value) == ("Condition x == y did not hold.\nIndices of first 2 different "
                               "values:\n[[0 1]\n [1 0]]\nCorresponding x values:\n[2 3]\n"
                               "Corresponding y values:\n[0 0]\nFirst 3 elements of x:\n[1 2 3]\n"
                               "First 3 elements of y:\n[1 0 0]")


def test_broadcast_comparison_omits_indices_and_message_comes_first():
    with pytest.raises(InvalidArgumentError) as info:
        dbg.assert_less(tf.constant([[1, 5], [3, 4]]), 4, message="m", summarize=1)
    assert str(info.value) == ("m\nCondition x < y did not hold.\nFirst 1 elements of x:\n[1]\n"
                               "First 1 elements of y:\n[4]")


@pytest.mark.parametrize("fn,symbol,good,bad", [
    (dbg.assert_equal, "==", ([1, 2], [1, 2]), ([1, 2], [1, 3])),
    (dbg.assert_none_equal, "!=", ([1, 2], [2, 1]), ([1, 2], [1, 3])),
    (dbg.assert_less, "<", ([1, 2], [2, 3]), ([1, 2], [1, 3])),
    (dbg.assert_less_equal, "<=", ([1, 2], [1, 3]), ([2, 2], [1, 3])),
    (dbg.assert_greater, ">", ([2, 3], [1, 2]), ([2, 2], [1, 2])),
    (dbg.assert_greater_equal, ">=", ([1, 3], [1, 2]), ([0, 3], [1, 2])),
])
def test_comparisons_return_none_or_raise(fn, symbol, good, bad):
    assert fn(tf.constant(good[0]), tf.constant(good[1])) is None
    with pytest.raises(InvalidArgumentError, match=f"Condition x {symbol} y did not hold"):
        fn(tf.constant(bad[0]), tf.constant(bad[1]))


def test_dtype_mismatch_and_incompatible_shapes():
    with pytest.raises(InvalidArgumentError, match="expected to be a int32 tensor but is a "
                                                   "float tensor"):
        dbg.assert_equal(tf.constant([1, 2]), tf.constant([1.0, 2.0]))
    with pytest.raises(InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3\]"):
        dbg.assert_equal(tf.constant([1, 2]), tf.constant([1, 2, 3]))


def test_sign_assertions_use_tf_element_wise_message():
    with pytest.raises(InvalidArgumentError) as info:
        dbg.assert_positive(tf.constant([1, -2]), message="pp")
    assert str(info.value) == ("pp.  \nCondition x > 0 did not hold element-wise:\n"
                               "x (shape=(2,) dtype=int32) = \n['1', '-2']")
    with pytest.raises(InvalidArgumentError, match=r"\['0.0', '0.0', '0.0', '...'\]"):
        dbg.assert_positive(tf.zeros([20]))
    assert dbg.assert_non_negative(tf.constant([0, 1])) is None
    with pytest.raises(InvalidArgumentError, match="x < 0"):
        dbg.assert_negative(tf.constant([0]))


def test_assert_near_tolerance_and_integer_inputs():
    assert dbg.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0000001])) is None
    with pytest.raises(InvalidArgumentError, match="rtol = tf.Tensor\\(1.1920929e-06"):
        dbg.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 3.0]))
    with pytest.raises(ValueError, match="not inexact"):
        dbg.assert_near(tf.constant([1]), tf.constant([1]))


def test_rank_type_and_scalar_checks():
    with pytest.raises(ValueError) as info:
        dbg.assert_rank(tf.constant([1, 2]), 2, message="mm")
    assert str(info.value) == "mm.  Tensor  must have rank 2.  Received rank 1, shape (2,)"
    assert dbg.assert_rank(tf.constant([1, 2]), tf.constant(1)) is None
    with pytest.raises(ValueError, match=r"rank in \(0, 2\)"):
        dbg.assert_rank_in(tf.constant([1, 2]), (0, 2))
    with pytest.raises(TypeError, match="zz.  tensor must be of type tf.float32; got tf.int32"):
        dbg.assert_type(tf.constant([1, 2]), tf.float32, message="zz")
    with pytest.raises(ValueError, match=r"Expected scalar shape, saw shape: \(2,\)."):
        dbg.assert_scalar(tf.constant([1, 2]))
    with pytest.raises(TypeError, match="to be integer type"):
        dbg.assert_integer(tf.constant(1.0))


def test_assert_shapes_symbols_and_explicit_sizes():
    assert dbg.assert_shapes([(tf.zeros([2, 3]), ("N", "Q")), (tf.zeros([2]), ("N",))]) is None
    with pytest.raises(ValueError) as info:
        dbg.assert_shapes([(tf.zeros([2, 3]), ("N", "Q")), (tf.zeros([3]), ("N",))])
    assert str(info.value) == ("Specified by tensor shape=(2, 3) dtype=float32 dimension 0.  "
                               "Tensor shape=(3,) dtype=float32 dimension 0 must have size 2.  "
                               "Received size 3, shape (3,)")
    with pytest.raises(ValueError, match="Specified explicitly.  Tensor shape=\\(4, 3\\)"):
        dbg.assert_shapes([(tf.zeros([4, 3]), (2, None))])
    assert dbg.assert_shapes([(tf.zeros([2, 3]), (..., 3))]) is None


def test_check_numerics():
    x = tf.constant([1.0, 2.0])
    assert dbg.check_numerics(x, "m") is x
    with pytest.raises(InvalidArgumentError, match="boom : Tensor had Inf and NaN values"):
        dbg.check_numerics(tf.constant([np.inf, np.nan]), "boom")
    with pytest.raises(InvalidArgumentError, match="Value for attr 'T' of int32"):
        dbg.check_numerics(tf.constant([1]), "m")


def test_is_numeric_tensor():
    assert dbg.is_numeric_tensor(tf.constant(1.0))
    assert not dbg.is_numeric_tensor(tf.constant(True))
    assert not dbg.is_numeric_tensor(tf.Variable(1.0))
    assert not dbg.is_numeric_tensor(1)


def test_assertions_run_each_time_the_function_runs():
    @tf.function
    def f(x):
        y = dbg.check_numerics(x, "bad")
        dbg.assert_positive(x)
        dbg.assert_less(x, 10.0)
        return y * 2

    assert f(tf.constant([1.0, 2.0])).numpy().tolist() == [2.0, 4.0]
    with pytest.raises(InvalidArgumentError, match="Condition x > 0"):
        f(tf.constant([-1.0, 2.0]))
    with pytest.raises(InvalidArgumentError, match="Condition x < y"):
        f(tf.constant([11.0, 2.0]))
    with pytest.raises(InvalidArgumentError, match="Tensor had Inf values"):
        f(tf.constant([np.inf, 2.0]))


def test_rank_of_unknown_rank_input_is_checked_at_run_time():
    f = tf.function(lambda x: dbg.assert_rank(x, 2) or x,
                    input_signature=[tf.TensorSpec(None, tf.float32)])
    assert f(tf.zeros([1, 2])).shape == (1, 2)
    with pytest.raises(InvalidArgumentError, match="must have rank 2"):
        f(tf.zeros([3]))


def test_assert_with_python_and_tensor_condition():
    with pytest.raises(InvalidArgumentError) as info:
        dbg.Assert(False, ["data", tf.constant([1, 2])])
    assert str(info.value) == "Expected 'False' to be true. Summarized data: b'data'\n1, 2"
    with pytest.raises(InvalidArgumentError, match="Expected 'tf.Tensor\\(False"):
        dbg.Assert(tf.constant(False), ["x"])
