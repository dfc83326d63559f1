"""Every loss case of `reference_cases.py` gives Keras 3.15's value and dtype (A4, A12.2, B3, D7).

The reference values were recorded from real Keras by `record_keras_reference.py`.
"""

import pathlib

import pytest

from . import reference_cases
from .reference_check import assert_same, load, run_case

RECORDED = load(pathlib.Path(__file__).parent)


def test_every_case_was_recorded():
    assert sorted(RECORDED) == sorted(reference_cases.CASES)


@pytest.mark.parametrize("case_id", sorted(reference_cases.CASES))
def test_loss_matches_keras(case_id):
    assert_same(run_case(reference_cases.CASES[case_id]), RECORDED[case_id], case_id)
