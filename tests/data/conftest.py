"""Fixtures for the tf.data tests: the `tf` module with `tf.data` and `tf.io` loaded."""

import pytest

import tensorlet
import tensorlet.data  # noqa: F401 - `tf.data` until the lead wires the lazy name
import tensorlet.io  # noqa: F401


@pytest.fixture
def tf():
    return tensorlet
