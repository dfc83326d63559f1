"""Keras constraints (A6.2, A6.3, B8): projections against Keras 3.15 values, configs."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import constraints

W = tf.constant([[1.0, -2.0], [3.0, 0.5]])


def test_max_norm_matches_keras():
    np.testing.assert_allclose(constraints.MaxNorm(1.0)(W).numpy(),
                               [[0.31622776, -0.97014254], [0.94868326, 0.24253564]], rtol=1e-6)
    np.testing.assert_allclose(constraints.MaxNorm(1.0, axis=1)(W).numpy(),
                               [[0.4472136, -0.8944272], [0.9863939, 0.16439898]], rtol=1e-6)
    small = tf.constant([[0.3], [0.4]])
    np.testing.assert_allclose(constraints.max_norm()(small).numpy(), small.numpy(), rtol=1e-6)


def test_unit_min_max_and_non_neg_match_keras():
    np.testing.assert_allclose(constraints.UnitNorm()(W).numpy(),
                               [[0.31622776, -0.97014254], [0.94868326, 0.24253564]], rtol=1e-6)
    np.testing.assert_allclose(constraints.MinMaxNorm(0.5, 2.0, rate=0.5)(W).numpy(),
                               [[0.81622773, -1.9701426], [2.4486833, 0.49253565]], rtol=1e-6)
    got = constraints.NonNeg()(W).numpy()
    np.testing.assert_array_equal(got, [[1.0, 0.0], [3.0, 0.5]])
    assert not np.signbit(got).any()


def test_defaults_match_keras():
    assert constraints.MaxNorm().get_config() == {"max_value": 2, "axis": 0}
    assert constraints.UnitNorm().get_config() == {"axis": 0}
    assert constraints.MinMaxNorm().get_config() == {"min_value": 0.0, "max_value": 1.0,
                                                     "rate": 1.0, "axis": 0}
    assert constraints.NonNeg().get_config() == {}


def test_aliases_including_the_books_nonneg():
    assert constraints.max_norm is constraints.MaxNorm
    assert constraints.non_neg is constraints.NonNeg
    assert constraints.nonneg is constraints.NonNeg
    assert type(constraints.get("unit_norm")) is constraints.UnitNorm
    assert type(constraints.get("min_max_norm")) is constraints.MinMaxNorm
    assert constraints.get(None) is None


def test_round_trip():
    config = constraints.serialize(constraints.MinMaxNorm(0.5, 3.0, rate=0.2, axis=1))
    restored = constraints.deserialize(config)
    assert restored.get_config() == {"min_value": 0.5, "max_value": 3.0, "rate": 0.2, "axis": 1}


class ClipTo(constraints.Constraint):
    def __init__(self, limit):
        self.limit = limit

    def __call__(self, w):
        return tf.clip_by_value(w, -self.limit, self.limit)

    def get_config(self):
        return {"limit": self.limit}


def test_subclass_round_trips_with_custom_objects():
    config = constraints.serialize(ClipTo(1.5))
    restored = constraints.deserialize(config, custom_objects={"ClipTo": ClipTo})
    np.testing.assert_array_equal(restored(W).numpy(), [[1.0, -1.5], [1.5, 0.5]])


def my_positive_weights(weights):
    return tf.where(weights < 0.0, tf.zeros_like(weights), weights)


def test_function_constraint_is_returned_as_is():
    assert constraints.get(my_positive_weights) is my_positive_weights
    assert constraints.serialize(my_positive_weights)["config"] == "my_positive_weights"


def test_unknown_identifier():
    with pytest.raises(ValueError, match="Could not interpret constraint identifier: nope"):
        constraints.get("nope")
