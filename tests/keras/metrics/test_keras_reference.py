"""Every metric case of `reference_cases.py` gives Keras 3.15's values, state variables, names
and configs (A7.2, A7.5, A12.5, B3).

The reference values were recorded from real Keras by
`tests/keras/losses/record_keras_reference.py`.
"""

import pathlib

import pytest

from tests.keras.losses.reference_check import assert_same, load, run_case

from . import reference_cases

RECORDED = load(pathlib.Path(__file__).parent)


def test_every_case_was_recorded():
    assert sorted(RECORDED) == sorted(reference_cases.CASES)


@pytest.mark.parametrize("case_id", sorted(reference_cases.CASES))
def test_metric_matches_keras(case_id):
    assert_same(run_case(reference_cases.CASES[case_id]), RECORDED[case_id], case_id)
