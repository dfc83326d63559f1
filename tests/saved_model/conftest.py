"""Fixtures of the saved-model tests: a fresh export directory per test."""

import pytest

import tensorlet.saved_model  # noqa: F401 - makes `tf.saved_model` resolve before it is wired


@pytest.fixture
def export_dir(tmp_path):
    return str(tmp_path / "model")
