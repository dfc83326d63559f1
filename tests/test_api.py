"""The public namespaces: every listed name resolves, aliases are the same object (A0.9)."""

import pytest

import tensorlet as tf
from tensorlet import _api

ALL_NAMES = [(ns, name) for ns, names in _api.NAMESPACES.items() for name in names]


@pytest.mark.parametrize("namespace,name", ALL_NAMES, ids=lambda v: str(v))
def test_every_namespace_name_resolves(namespace, name):
    module = {"tensorlet": tf, "tensorlet.math": tf.math, "tensorlet.nn": tf.nn,
              "tensorlet.random": tf.random, "tensorlet.linalg": tf.linalg,
              "tensorlet.bitwise": tf.bitwise}[namespace]
    assert callable(getattr(module, name))


def test_aliases_are_the_same_function():
    assert tf.add is tf.math.add
    assert tf.matmul is tf.linalg.matmul
    assert tf.reduce_sum is tf.math.reduce_sum


def test_tf_log_is_absent_but_math_log_exists_and_the_error_says_where():
    with pytest.raises(AttributeError, match="tf.math.log"):
        tf.log  # noqa: B018
    assert callable(tf.math.log)
