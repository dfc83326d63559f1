"""A13.19 and C6b: the source is found through the code object, so lambdas on one line and
functions typed into a REPL convert; code with no source at all is traced as it is, with a
one-line reason."""

import linecache
import logging

import tensorlet as tf
from tests.graph.autograph._helpers import count


def test_c6b_two_lambdas_on_one_line_both_convert_without_a_warning(caplog):
    double, triple = tf.function(lambda x: x * 2 if x > 0 else x), tf.function(lambda x: x * 3 if x > 0 else x)  # noqa: E501 - one line on purpose
    with caplog.at_level(logging.WARNING, logger="tensorlet"):
        assert double(tf.constant(2.0)).numpy() == 4.0
        assert triple(tf.constant(2.0)).numpy() == 6.0
        assert triple(tf.constant(-2.0)).numpy() == -2.0
    assert not caplog.records
    assert count(double, "StatelessIf", tf.constant(1.0)) == 1


def test_a13_19_a_lambda_inside_a_call_on_a_multi_line_statement():
    f = tf.function(
        lambda x: (
            -x if x < 0
            else x))
    assert f(tf.constant(-5.0)).numpy() == 5.0


def _define(source: str, filename: str, name: str):
    scope: dict = {"tf": tf}
    exec(compile(source, filename, "exec"), scope)
    return scope[name]


_SOURCE = "def typed(x):\n    if x > 0:\n        return x\n    return -x\n"


def test_a13_19_a_function_typed_into_a_repl_converts():
    filename = "<python-input-7>"  # the REPL (and IPython) register their source in linecache
    linecache.cache[filename] = (len(_SOURCE), None, _SOURCE.splitlines(True), filename)
    try:
        f = tf.function(_define(_SOURCE, filename, "typed"))
        assert f(tf.constant(-4.0)).numpy() == 4.0
    finally:
        del linecache.cache[filename]


def test_a13_19_code_without_source_is_traced_as_is_with_a_one_line_reason(caplog):
    f = tf.function(_define(_SOURCE.replace("x > 0", "True"), "<string>", "typed"))
    with caplog.at_level(logging.WARNING, logger="tensorlet"):
        assert f(tf.constant(-4.0)).numpy() == -4.0
    (record,) = caplog.records
    message = record.getMessage()
    assert "\n" not in message and "please report" not in message.lower()
    assert "could not convert typed" in message and "source code is not available" in message
