"""C6: errors inside converted code end at the user's own line; unsupported constructs raise one
named error with a fix, never a "please report" fallback."""

import traceback

import pytest

import tensorlet as tf


def _last_frame(excinfo):
    return traceback.extract_tb(excinfo.value.__traceback__)[-1]


def _line_of(marker: str) -> int:
    lines = open(__file__).read().splitlines()
    return next(i + 1 for i, line in enumerate(lines) if marker in line and "_line_of" not in line)


def test_c6a_a_trace_time_error_inside_a_tensor_branch_ends_at_the_users_line():
    @tf.function
    def f(x):
        if x > 0:
            y = tf.matmul(x, x)  # marker: branch trace error
        else:
            y = x
        return y

    with pytest.raises(tf.errors.InvalidArgumentError) as excinfo:
        f(tf.constant(1.0))
    frame = _last_frame(excinfo)
    assert (frame.filename, frame.name) == (__file__, "f")
    assert frame.lineno == _line_of("marker: branch trace error")


@pytest.mark.parametrize("loop", ["cond", "while"])
def test_c6a_a_run_time_error_inside_a_branch_or_loop_ends_at_the_users_line(loop):
    @tf.function(input_signature=[tf.TensorSpec([None]), tf.TensorSpec([None])])
    def in_branch(a, b):
        if tf.reduce_sum(a) > 0:
            a = a + b  # marker: run-time error in cond
        return a

    @tf.function(input_signature=[tf.TensorSpec([None]), tf.TensorSpec([None])])
    def in_loop(a, b):
        i = tf.constant(0)
        while i < 2:
            a = a * b  # marker: run-time error in while
            i += 1
        return a

    f = in_branch if loop == "cond" else in_loop
    with pytest.raises(tf.errors.InvalidArgumentError) as excinfo:
        f(tf.ones([3]), tf.ones([2]))
    frame = _last_frame(excinfo)
    assert frame.filename == __file__ and frame.name == f.python_function.__name__
    assert frame.lineno == _line_of(f"marker: run-time error in {loop}")
    frames = traceback.extract_tb(excinfo.value.__traceback__)
    assert not any(fr.filename.startswith("<tensorlet plan") for fr in frames)


def test_c6a_the_users_own_exception_in_a_loop_body_is_unchanged():
    @tf.function
    def f(n):
        for _ in tf.range(n):
            raise KeyError("mine")  # marker: user raise in loop
        return n

    with pytest.raises(KeyError, match="mine") as excinfo:
        f(tf.constant(2))
    assert _last_frame(excinfo).lineno == _line_of("marker: user raise in loop")


def _return_in_loop(x):
    for _ in tf.range(3):
        if x > 0:
            return x
    return x


def _break_in_python_loop(x):
    for _ in range(3):
        if x > 0:
            break
    return x


def _one_branch(x):
    if x > 0:
        y = x
    return y  # noqa: F821 - the point of the test


def _python_value_in_loop(x):
    y = None
    while x > 0:
        y = x
        x -= 1
    return y


@pytest.mark.parametrize("fn, error, fix", [
    (_return_in_loop, NotImplementedError, "`break` out of the loop"),
    (_break_in_python_loop, NotImplementedError, "Iterate over tf.range"),
    (_one_branch, ValueError, "assign 'y' before the `if`"),
    (_python_value_in_loop, TypeError, "give 'y' a tensor value before the loop"),
])
def test_c6c_each_unsupported_construct_raises_one_named_error_with_a_fix(fn, error, fix):
    with pytest.raises(error) as excinfo:
        tf.function(fn)(tf.constant(1))
    message = str(excinfo.value)
    assert fix in message and "report" not in message.lower()
    assert _last_frame(excinfo).filename == __file__
