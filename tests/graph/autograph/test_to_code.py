"""A13.14: `tf.autograph.to_code(f.python_function)` gives readable converted source."""

import ast

import tensorlet as tf


@tf.function
def sum_squares(n):
    s = 0
    for i in tf.range(n):
        s += i * i
    return s


def test_a13_14_to_code_gives_the_converted_source():
    code = tf.autograph.to_code(sum_squares.python_function)
    assert code.startswith("def tf__sum_squares(n):")
    assert "ag__.for_stmt(" in code and "def loop_body(" in code
    ast.parse(code)  # valid Python


def test_to_code_of_an_if_and_a_while():
    def f(x):
        if x > 0:
            x = x * 2
        while x > 100:
            x = x // 2
        return x

    code = tf.autograph.to_code(f)
    assert "ag__.if_stmt(" in code and "ag__.while_stmt(" in code
    assert "def if_body(" in code and "def loop_test(" in code


def test_to_code_of_a_lambda_and_of_a_tf_function():
    code = tf.autograph.to_code(lambda x: x if x > 0 else -x)
    assert code.startswith("def tf__lambda(x):") and "ag__.if_exp(" in code
    assert tf.autograph.to_code(sum_squares) == tf.autograph.to_code(sum_squares.python_function)


def test_to_code_leaves_the_function_itself_unconverted():
    before = sum_squares(tf.constant(4)).numpy()
    tf.autograph.to_code(sum_squares.python_function)
    assert sum_squares(tf.constant(4)).numpy() == before == 14
