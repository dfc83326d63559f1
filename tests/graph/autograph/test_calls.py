"""A13.20: functions called inside a `tf.function` are converted too (plain helpers, nested
`tf.function`s, methods, lambdas, callable objects), without any decoration."""

import functools

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.graph.autograph import conversion
from tensorlet.graph.symbolic import OperatorNotAllowedInGraphError
from tests.graph.autograph._helpers import count


def scaled_abs(x, k=10.0):
    if x > 0:
        return x * k
    return -x


def outer_helper(x):
    return scaled_abs(x) + 1.0


def test_a13_20_a_plain_helper_two_calls_deep_is_converted():
    f = tf.function(lambda x: outer_helper(x))
    assert f(tf.constant(2.0)).numpy() == 21.0
    assert f(tf.constant(-2.0)).numpy() == 3.0
    assert count(f, "StatelessIf", tf.constant(1.0)) == 1


@tf.function
def halve_until_small(x):
    while x > 1.0:
        x = x / 2.0
    return x


def test_a13_20_a_nested_tf_function_is_converted_and_inlined():
    @tf.function
    def f(x):
        return halve_until_small(x) * 10.0

    assert f(tf.constant(8.0)).numpy() == 10.0
    assert count(f, "StatelessWhile", tf.constant(8.0)) == 1


class Scaler:
    def __init__(self, k):
        self.k = k

    def apply(self, x):
        if x > 0:
            x = x * self.k
        return x

    def __call__(self, x):
        for _ in tf.range(2):
            x = self.apply(x)
        return x

    @tf.function
    def run(self, x):
        return self.apply(x)


def test_a13_20_methods_and_tf_function_methods_are_converted():
    s = Scaler(3.0)
    assert s.run(tf.constant(2.0)).numpy() == 6.0
    assert s.run(tf.constant(-2.0)).numpy() == -2.0


def test_a13_20_callable_objects_are_converted():
    f = tf.function(lambda x: Scaler(2.0)(x))
    assert f(tf.constant(1.5)).numpy() == 6.0
    assert count(f, "StatelessWhile", tf.constant(1.0)) == 1


def test_lambdas_passed_around_are_converted_when_called():
    pick = lambda x: x if x > 0 else x * 0.0  # noqa: E731 - the lambda is the point

    @tf.function
    def f(x):
        return pick(x) + pick(-x)

    assert f(tf.constant(3.0)).numpy() == 3.0
    assert f(tf.constant(-3.0)).numpy() == 3.0


def test_partials_are_converted():
    f = tf.function(functools.partial(scaled_abs, k=4.0))
    assert f(tf.constant(2.0)).numpy() == 8.0


def test_do_not_convert_leaves_a_function_as_it_is():
    @tf.autograph.experimental.do_not_convert
    def raw(x):
        if x > 0:  # a tensor `if` that is not converted
            return x
        return -x

    @tf.function
    def f(x):
        return raw(x)

    with pytest.raises(OperatorNotAllowedInGraphError):
        f(tf.constant(1.0))


def test_library_code_is_called_as_it_is():
    assert conversion.convert(np.sum) is np.sum
    assert conversion.convert(tf.reduce_sum) is tf.reduce_sum
    assert conversion.convert(print) is print


def test_converted_functions_are_cached_and_see_later_closure_values():
    k = 2.0

    def f(x):
        if x > 0:
            x = x * k
        return x

    converted = conversion.convert(f)
    assert conversion.convert(f) is converted
    assert tf.function(f)(tf.constant(1.0)).numpy() == 2.0
    k = 5.0
    assert tf.function(f)(tf.constant(1.0)).numpy() == 5.0


def test_to_graph_gives_the_converted_function():
    converted = tf.autograph.to_graph(scaled_abs)
    assert converted is not scaled_abs
    assert converted(tf.constant(-2.0)).numpy() == 2.0  # eagerly it is plain Python


def test_a_lambda_whose_default_names_a_loop_variable_converts_without_a_warning(caplog):
    fns = [tf.function(lambda x, k=k: x * k if x > 0 else -x) for k in (2.0, 3.0)]
    assert [float(f(tf.constant(1.0))) for f in fns] == [2.0, 3.0]
    assert float(fns[0](tf.constant(-4.0))) == 4.0
    assert "could not convert" not in caplog.text


def _length_of(x):
    return len(x)


def _rows_of_zeros(x):
    return tf.zeros([len(x), 2])


def test_len_of_a_traced_tensor_is_its_first_dim_as_in_tf():
    assert int(tf.function(_length_of)(tf.ones([3]))) == 3
    unknown = tf.function(_rows_of_zeros, input_signature=[tf.TensorSpec([None])])
    assert unknown(tf.ones([4])).shape == (4, 2)
    with pytest.raises(ValueError, match="non-scalar"):
        tf.function(_length_of)(tf.constant(1.0))
