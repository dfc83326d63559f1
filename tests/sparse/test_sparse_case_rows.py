"""The sparse rows of the op case table, run here until tests/ops/cases/__init__.py lists
`sparse_cases` (then tests/ops/test_op_table.py runs them and these tests skip): forward against
NumPy, shape rules against kernels, gradients against finite differences (also for rows whose
named op is an index plan: their values still flow through differentiable ops)."""

import pytest

import tensorlet as tf
from tensorlet.core.registry import REGISTRY
from tensorlet.testing.grad_check import check_grads
from tensorlet.testing.op_check import check_op, make_inputs
from tests.ops.cases import CASES, sparse_cases

ROWS = sparse_cases.CASES
LISTED = any(case is ROWS[0] for case in CASES)
pytestmark = pytest.mark.skipif(LISTED, reason="tests/ops/test_op_table.py runs these rows")
SPARSE_OPS = sorted(name for name, op in REGISTRY.items()
                    if op.raw_kernel.__module__.startswith("tensorlet.ops.sparse_"))


@pytest.mark.parametrize("case", ROWS, ids=lambda c: c.id)
def test_sparse_row_matches_numpy_reference_and_its_shape_rule(case):
    check_op(tf, case)


@pytest.mark.parametrize("case", [c for c in ROWS if c.grad], ids=lambda c: c.id)
def test_sparse_row_gradient_matches_finite_differences(case):
    check_grads(tf, lambda *xs: case.call(tf, *xs), make_inputs(case), order=2,
                rtol=case.grad_rtol, what=case.id)


@pytest.mark.parametrize("name", SPARSE_OPS)
def test_every_sparse_primitive_has_a_row(name):
    assert any(case.op == name for case in ROWS), f"{name}: add a row to sparse_cases.py"


def test_the_sparse_primitives_are_registered():
    assert {"sparse_to_dense", "sparse_tensor_dense_matmul", "set_size"} <= set(SPARSE_OPS)
