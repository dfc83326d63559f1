"""The TensorArray op rows (tests/ops/cases/tensor_array_cases.py) through the op checks: forward
against NumPy with shape-rule checks, and first- and second-order gradients (A3.2)."""

import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY
from tensorlet.testing.grad_check import check_grads
from tensorlet.testing.op_check import check_op, make_inputs
from tests.ops.cases.tensor_array_cases import CASES


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_tensor_array_op_matches_reference(case):
    check_op(tf, case)


@pytest.mark.parametrize("case", [c for c in CASES if c.grad], ids=lambda c: c.id)
def test_tensor_array_op_gradients_match_finite_differences(case):
    check_grads(tf, lambda *xs: case.call(tf, *xs), make_inputs(case), order=2,
                rtol=case.grad_rtol, what=case.id)


def test_every_tensor_array_op_has_a_row():
    ops = {name for name in REGISTRY if name.startswith("tensor_array_")}
    assert ops == {c.op for c in CASES}
