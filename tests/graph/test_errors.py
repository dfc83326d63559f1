"""C6a: an error inside a traced function ends in the user's own file and line."""

import traceback

import pytest

import tensorlet as tf
from tensorlet.graph.function import function


def _last_frame(excinfo):
    return traceback.extract_tb(excinfo.value.__traceback__)[-1]


def _line_of(marker: str) -> int:
    lines = open(__file__).read().splitlines()
    return next(i + 1 for i, line in enumerate(lines) if marker in line and "_line_of" not in line)


def test_a_shape_error_while_tracing_ends_at_the_users_line():
    @function
    def f(a, b):
        return tf.matmul(a, b)  # marker: trace-time error

    with pytest.raises(tf.errors.InvalidArgumentError, match="inner dimensions") as excinfo:
        f(tf.ones([2, 3]), tf.ones([4, 5]))
    frame = _last_frame(excinfo)
    assert frame.filename == __file__ and frame.name == "f"
    assert frame.lineno == _line_of("marker: trace-time error")


def test_an_error_at_run_time_ends_at_the_line_that_built_the_op():
    @function(input_signature=[tf.TensorSpec([None]), tf.TensorSpec([None])])
    def g(a, b):
        doubled = a * 2.0
        return doubled + b  # marker: run-time error

    with pytest.raises(tf.errors.InvalidArgumentError) as excinfo:
        g(tf.ones([3]), tf.ones([2]))
    frame = _last_frame(excinfo)
    assert (frame.filename, frame.name) == (__file__, "g")
    assert frame.lineno == _line_of("marker: run-time error")
    frames = traceback.extract_tb(excinfo.value.__traceback__)
    assert not any(f.filename.startswith("<tensorlet plan") for f in frames)
    assert excinfo.value.__suppress_context__


def test_the_users_own_exception_is_unchanged_and_ends_where_it_was_raised():
    @function
    def h(x):
        raise KeyError("mine")  # marker: user raise

    with pytest.raises(KeyError, match="mine") as excinfo:
        h(tf.constant(1.0))
    assert _last_frame(excinfo).lineno == _line_of("marker: user raise")


def test_a_lambda_error_ends_at_the_lambda():
    f = function(lambda x: tf.matmul(x, x))  # marker: lambda
    with pytest.raises(tf.errors.InvalidArgumentError) as excinfo:
        f(tf.ones([3]))
    frame = _last_frame(excinfo)
    assert frame.lineno == _line_of("marker: lambda") and frame.name == "<lambda>"


@pytest.mark.parametrize("fn, arg, kind, eager_kind", [
    (lambda x: x + tf.constant(1.0), tf.constant([1, 2]), TypeError,
     tf.errors.InvalidArgumentError),
    (lambda x: x * 2.5, tf.constant([1, 2]), TypeError, TypeError),
    (lambda x: x + tf.ones([3]), tf.ones([2]), ValueError, tf.errors.InvalidArgumentError),
    (lambda x: tf.matmul(x, tf.ones([3, 3])), tf.ones([2, 2]), ValueError,
     tf.errors.InvalidArgumentError),
    (lambda x: tf.reshape(x, [5]), tf.ones([2, 2]), ValueError, tf.errors.InvalidArgumentError),
])
def test_trace_time_errors_are_tfs_graph_classes(fn, arg, kind, eager_kind):
    # TF 2.21 raises TypeError (dtypes) and ValueError (shapes) while tracing these, and
    # `eager_kind` for the same call made eagerly.
    with pytest.raises(kind):
        function(fn)(arg)
    with pytest.raises(eager_kind):
        fn(arg)
