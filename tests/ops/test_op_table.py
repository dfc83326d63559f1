"""Every row of the case table: forward vs NumPy, shape rule vs kernel, gradients vs finite
differences (first and second order), and the registry's completeness."""

import pytest

import tensorlet as tf
from tensorlet.core.registry import NONDIFF, REGISTRY, OpDef, Traits
from tensorlet.testing.grad_check import check_grads
from tensorlet.testing.op_check import check_op, make_inputs
from tests.ops.cases import CASES

GRAD_CASES = [c for c in CASES if c.grad and REGISTRY[c.op].grad is not NONDIFF]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_op_matches_numpy_reference_and_its_shape_rule(case):
    check_op(tf, case)


@pytest.mark.parametrize("case", GRAD_CASES, ids=lambda c: c.id)
def test_op_gradient_matches_finite_differences_first_and_second_order(case):
    check_grads(tf, lambda *xs: case.call(tf, *xs), make_inputs(case), order=2,
                rtol=case.grad_rtol, what=case.id)


def test_case_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_case_names_a_registry_op():
    assert {c.op for c in CASES} <= set(REGISTRY), {c.op for c in CASES} - set(REGISTRY)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_registry_op_has_every_field_and_a_case_row(name):
    op = REGISTRY[name]
    assert isinstance(op, OpDef) and op.name == name
    assert callable(op.kernel) and callable(op.infer)
    assert op.grad is NONDIFF or callable(op.grad)
    assert isinstance(op.traits, Traits)
    assert isinstance(op.tf_name, str) and op.tf_name
    if op.traits.fusion == "elementwise":
        assert op.expr, f"{name}: an elementwise op needs `expr` for the JIT"
    assert any(c.op == name for c in CASES), f"{name}: add a row to tests/ops/cases/"
