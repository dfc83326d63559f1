"""Runs a reference case table on tensorlet and compares with the values recorded from Keras."""

import json
import pathlib

import numpy as np

import tensorlet as tf

from .record_keras_reference import to_json


def load(directory: pathlib.Path) -> dict:
    """The recorded cases of `directory/keras_reference.json`."""
    return json.loads((directory / "keras_reference.json").read_text())["cases"]


def run_case(case):
    """The case's value on tensorlet, in the recorded JSON form."""
    tf.keras.backend.clear_session()
    return to_json(case(tf))


def assert_same(got, expected, path="value", rtol=1e-5, atol=1e-6):
    """Recursive comparison: tensors by value (with tolerance) and dtype, the rest exactly."""
    assert got.keys() == expected.keys(), f"{path}: {got} vs Keras {expected}"
    if "value" in expected:
        assert got["dtype"] == expected["dtype"], f"{path}: dtype {got['dtype']} vs Keras"
        np.testing.assert_allclose(np.asarray(got["value"], dtype=np.float64),
                                   np.asarray(expected["value"], dtype=np.float64),
                                   rtol=rtol, atol=atol, err_msg=path)
    elif "list" in expected:
        assert len(got["list"]) == len(expected["list"]), f"{path}: length differs"
        for i, (a, b) in enumerate(zip(got["list"], expected["list"])):
            assert_same(a, b, f"{path}[{i}]", rtol, atol)
    elif "config" in expected:
        assert got["config"].keys() == expected["config"].keys(), (
            f"{path}: config keys {sorted(got['config'])} vs Keras {sorted(expected['config'])}")
        for key, value in expected["config"].items():
            if isinstance(value, dict):
                assert_same(got["config"][key], value, f"{path}.{key}", rtol, atol)
            else:
                assert got["config"][key] == value, f"{path}.{key}: {got['config'][key]!r}"
    else:
        assert got == expected, f"{path}: {got} vs Keras {expected}"
