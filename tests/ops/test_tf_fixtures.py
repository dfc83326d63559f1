"""Every `tf=True` row of the case table against values recorded from real TensorFlow 2.21.

The fixtures are made by `tools/record_tf_fixtures.py` (run with the TF environment); these
tests need only NumPy. TF is the truth for values, output dtypes, which gradients are None, and
which calls raise (and with which error class).
"""

import builtins
import importlib.util
from pathlib import Path

import numpy as np
import pytest

import tensorlet as tl
from tensorlet.testing.op_check import case_gradients, make_inputs, run_case
from tests.ops.cases import CASES

_TOOL = Path(__file__).resolve().parents[2] / "tools" / "record_tf_fixtures.py"
_spec = importlib.util.spec_from_file_location("record_tf_fixtures", _TOOL)
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)


def _differentiable_in_tf(entry: dict | None) -> bool:
    """A recorded row whose TF call raised, or has no float output, has no gradient to check."""
    if entry is None:
        return True  # not recorded yet: the test fails and says so
    return "error" not in entry and fixtures.has_float_output(entry["outputs"])


RERUN = "re-run `/root/tfenv/bin/python tools/record_tf_fixtures.py`"
ARRAYS, MANIFEST = fixtures.load()
RECORDED = MANIFEST["cases"] if MANIFEST else {}
TF_CASES = [c for c in CASES if c.tf]
GRAD_CASES = [c for c in TF_CASES if fixtures.wants_gradients(c, make_inputs(c))
              and _differentiable_in_tf(RECORDED.get(c.id))]


# Looser floors for half-precision outputs; float32 uses the row's own rtol/atol.
_TOL_FLOOR = {"float16": 1e-3, "bfloat16": 1e-2}


def _entry(case, inputs) -> dict:
    """The recorded entry of a case; fails when it is missing or was made from other inputs."""
    entry = RECORDED.get(case.id)
    if entry is None:
        pytest.fail(f"{case.id}: no TensorFlow fixture for this case; {RERUN}")
    if entry["inputs"] != fixtures.inputs_digest(inputs):
        pytest.fail(f"{case.id}: the case's inputs changed since it was recorded; {RERUN}")
    return entry


def _error_family(error: dict) -> type:
    """The first class in TF's exception MRO that tensorlet (tf.errors) or Python also has."""
    for name in error["bases"]:
        cls = getattr(tl.errors, name, None) or getattr(builtins, name, None)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            return cls
    return Exception


def _dtype_name(a: np.ndarray) -> str:
    return "string" if a.dtype.kind in "OS" else a.dtype.name


def _compare(actual, expected: np.ndarray, dtype: str, case, what: str) -> None:
    actual = np.asarray(actual)
    assert _dtype_name(actual) == dtype, (
        f"{what}: dtype {_dtype_name(actual)}, TensorFlow gives {dtype}")
    assert actual.shape == expected.shape, (
        f"{what}: shape {actual.shape}, TensorFlow gives {expected.shape}")
    if dtype == "string":
        actual = np.array([x if isinstance(x, bytes) else str(x).encode()
                           for x in actual.ravel().tolist()], dtype=bytes).reshape(actual.shape)
    if expected.dtype.kind in "biuSO":
        np.testing.assert_array_equal(actual, expected, err_msg=what)
        return
    floor = _TOL_FLOOR.get(dtype, 0.0)
    np.testing.assert_allclose(actual.astype(expected.dtype), expected,
                               rtol=max(case.rtol, floor), atol=max(case.atol, floor),
                               err_msg=what)


@pytest.mark.parametrize("case", TF_CASES, ids=lambda c: c.id)
def test_op_output_matches_tensorflow(case):
    inputs = make_inputs(case)
    entry = _entry(case, inputs)
    if "error" in entry:
        error = entry["error"]
        family = _error_family(error)
        with pytest.raises(family):
            run_case(tl, case, inputs)
        return
    out = run_case(tl, case, inputs)
    structure = "list" if isinstance(out, list) else "single"
    assert structure == entry["structure"], (
        f"{case.id}: returns a {structure} output, TensorFlow a {entry['structure']} one")
    outs = fixtures.flatten(out)
    assert len(outs) == len(entry["outputs"]), (
        f"{case.id}: {len(outs)} outputs, TensorFlow gives {len(entry['outputs'])}")
    for k, (actual, dtype) in enumerate(zip(outs, entry["outputs"])):
        expected = ARRAYS[fixtures.key(case.id, "out", k)]
        _compare(actual, expected, dtype, case, f"{case.id} output {k}")


@pytest.mark.parametrize("case", GRAD_CASES, ids=lambda c: c.id)
def test_op_gradient_matches_tensorflow(case):
    inputs = make_inputs(case)
    entry = _entry(case, inputs)
    if "grad_error" in entry:
        with pytest.raises(_error_family(entry["grad_error"])):
            case_gradients(tl, case, inputs)
        return
    grads = [fixtures.dense(tl, g) for g in case_gradients(tl, case, inputs)]
    assert len(grads) == len(entry["grads"]), (
        f"{case.id}: {len(grads)} gradients, TensorFlow gives {len(entry['grads'])}")
    for k, (g, dtype) in enumerate(zip(grads, entry["grads"])):
        what = f"{case.id} gradient {k}"
        if dtype is None:
            assert g is None, f"{what}: TensorFlow gives None (unconnected), tensorlet {g!r}"
            continue
        assert g is not None, f"{what}: tensorlet gives None, TensorFlow a {dtype} gradient"
        _compare(g, ARRAYS[fixtures.key(case.id, "grad", k)], dtype, case, what)


def test_fixtures_hold_only_current_cases():
    stale = sorted(set(RECORDED) - {c.id for c in TF_CASES})
    assert not stale, f"fixtures for cases that are gone or tf=False: {stale}; {RERUN}"


def test_fixture_file_stays_small():
    assert fixtures.FIXTURE.exists(), f"missing {fixtures.FIXTURE}; {RERUN}"
    assert fixtures.FIXTURE.stat().st_size < 2_000_000
