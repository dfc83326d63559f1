"""Records reference values from real TensorFlow for every `tf=True` row of the op case table.

Run it with the TensorFlow environment (tensorlet itself only needs NumPy there):

    /root/tfenv/bin/python tools/record_tf_fixtures.py          # (re)write the fixtures
    /root/tfenv/bin/python tools/record_tf_fixtures.py --check  # exit 1 if they are stale

For each case it runs `case.call(tensorflow, *inputs)` and the gradients of
`tensorlet.testing.op_check.case_gradients` on TensorFlow, and writes:

- `tests/fixtures/tf_ops.npz`: `"<case id>/out<k>"` and `"<case id>/grad<k>"` arrays; a gradient
  that TF returns as None is stored as the empty marker array `"<case id>/grad<k>:none"`.
- `tests/fixtures/tf_ops.json`: the TF version and, per case, the output structure and dtypes,
  a digest of the inputs, and the class (and base classes) of any exception TF raised.

The output is deterministic: sorted keys, fixed zip timestamps, and files are rewritten only
when their bytes change. This module imports TensorFlow only in `main`, so the tests can use
its helpers (`load`, `key`, `flatten`, `dense`, `wants_gradients`, ...) without TF.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "tf_ops.npz"
MANIFEST = ROOT / "tests" / "fixtures" / "tf_ops.json"
NONE_MARK = ":none"
FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def key(case_id: str, kind: str, k: int) -> str:
    """The npz key of output or gradient `k` of a case (`kind` is "out" or "grad")."""
    return f"{case_id}/{kind}{k}"


def wants_gradients(case, arrays: list) -> bool:
    """Gradients are recorded for rows with `grad=True`, a float input and a float output."""
    return case.grad and any(
        isinstance(a, np.ndarray) and a.dtype.kind == "f" for a in arrays)


def has_float_output(dtypes: list) -> bool:
    """`case_gradients` differentiates only floating outputs; without one there is nothing."""
    return any(d in FLOAT_DTYPES for d in dtypes)


def flatten(out) -> list:
    """The arrays of `run_case`'s result, nested lists flattened in order."""
    if isinstance(out, list):
        return [a for o in out for a in flatten(o)]
    return [out]


def inputs_digest(arrays: list) -> str:
    """A short digest of the generated inputs: a changed row makes its fixture stale."""
    h = hashlib.sha256()
    for a in arrays:
        if isinstance(a, np.ndarray):
            h.update(f"{a.dtype.str}{a.shape}".encode())
            h.update(a.tobytes() if a.dtype.kind != "O" else repr(a.tolist()).encode())
        else:
            h.update(repr(a).encode())
    return h.hexdigest()[:16]


def load() -> tuple:
    """Returns `(arrays, manifest)`; `({}, None)` when nothing was recorded yet."""
    if not FIXTURE.exists() or not MANIFEST.exists():
        return {}, None
    with np.load(FIXTURE, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    return arrays, json.loads(MANIFEST.read_text())


def _dtype_name(a: np.ndarray) -> str:
    return "string" if a.dtype.kind in "OS" else a.dtype.name


def _storable(a: np.ndarray) -> np.ndarray:
    """Strings become fixed-width bytes (no pickle); exotic dtypes (bfloat16) become float32."""
    if a.dtype.kind in "OS":
        return np.array([x if isinstance(x, bytes) else str(x).encode()
                         for x in a.ravel().tolist()], dtype=bytes).reshape(a.shape)
    if a.dtype.name not in np.sctypeDict:
        return a.astype(np.float32)
    return a


def _is_indexed_slices(g) -> bool:
    return isinstance(g, np.ndarray) and g.dtype == object and g.ndim == 0 and \
        hasattr(g.item(), "dense_shape")


def dense(tf, g):
    """A gradient as a dense array: `np.asarray` wraps an IndexedSlices in a 0-d object array."""
    if _is_indexed_slices(g):
        return np.asarray(tf.convert_to_tensor(g.item()))
    return g


def _error_entry(e: BaseException) -> dict:
    bases = [c.__name__ for c in type(e).__mro__ if c not in (object, BaseException)]
    return {"class": type(e).__name__, "bases": bases, "message": str(e).splitlines()[0][:200]
            if str(e) else ""}


def _record_case(tf, case, arrays_out: dict) -> dict:
    from tensorlet.testing.op_check import case_gradients, make_inputs, run_case

    inputs = make_inputs(case)
    entry: dict = {"inputs": inputs_digest(inputs)}
    try:
        out = run_case(tf, case, inputs)
    except Exception as e:  # noqa: BLE001 - every TF error class is recorded as data
        entry["error"] = _error_entry(e)
        return entry
    outs = flatten(out)
    entry["structure"] = "list" if isinstance(out, list) else "single"
    entry["outputs"] = [_dtype_name(o) for o in outs]
    for k, o in enumerate(outs):
        arrays_out[key(case.id, "out", k)] = _storable(o)
    if not wants_gradients(case, inputs) or not has_float_output(entry["outputs"]):
        return entry
    try:
        grads = case_gradients(tf, case, inputs)
    except Exception as e:  # noqa: BLE001
        entry["grad_error"] = _error_entry(e)
        return entry
    sparse = [k for k, g in enumerate(grads) if _is_indexed_slices(g)]
    grads = [dense(tf, g) for g in grads]
    if sparse:
        entry["indexed_slices"] = sparse
    entry["grads"] = [None if g is None else _dtype_name(g) for g in grads]
    for k, g in enumerate(grads):
        if g is None:
            arrays_out[key(case.id, "grad", k) + NONE_MARK] = np.zeros(0, np.uint8)
        else:
            arrays_out[key(case.id, "grad", k)] = _storable(g)
    return entry


def _npz_bytes(arrays: dict) -> bytes:
    """A compressed npz with sorted members and fixed timestamps, so reruns are byte-equal."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(arrays[name], order="C"),
                                      allow_pickle=False)
            zf.writestr(info, member.getvalue(), compresslevel=9)
    return buffer.getvalue()


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def record(tf) -> tuple:
    """Runs every `tf=True` case on `tf`; returns `(npz bytes, manifest bytes, manifest)`."""
    from tests.ops.cases import CASES

    arrays: dict = {}
    cases = {}
    for case in CASES:
        if case.tf:
            cases[case.id] = _record_case(tf, case, arrays)
    manifest = {"tensorflow": tf.__version__, "numpy": np.__version__, "cases": cases}
    return _npz_bytes(arrays), _manifest_text(manifest).encode(), manifest


def _manifest_text(manifest: dict) -> str:
    """JSON with one line per case, so a re-recording diffs readably."""
    rows = [f"  {json.dumps(case_id)}: {json.dumps(entry, sort_keys=True)}"
            for case_id, entry in sorted(manifest["cases"].items())]
    head = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in sorted(manifest.items())
            if k != "cases"]
    return "{\n" + "\n".join(head) + '\n "cases": {\n' + ",\n".join(rows) + "\n }\n}\n"


def _report(manifest: dict) -> None:
    cases = manifest["cases"]
    print(f"TensorFlow {manifest['tensorflow']}: {len(cases)} cases")
    for case_id, entry in sorted(cases.items()):
        for what in ("error", "grad_error"):
            if what in entry:
                err = entry[what]
                print(f"  {case_id}: TF raised {err['class']} "
                      f"({'gradient' if what == 'grad_error' else 'forward'}): {err['message']}")


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the fixtures are out of date")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
    # NOTE: plain Eigen kernels, not oneDNN's reordered sums: reference values stay stable.
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    sys.path.insert(0, str(ROOT))
    import tensorflow as tf

    tf.config.experimental.enable_op_determinism()
    npz, text, manifest = record(tf)
    _report(manifest)
    if args.check:
        stale = [p.name for p, data in ((FIXTURE, npz), (MANIFEST, text))
                 if not p.exists() or p.read_bytes() != data]
        print("stale: " + ", ".join(stale) if stale else "fixtures are up to date")
        return 1 if stale else 0
    changed = [p.name for p, data in ((FIXTURE, npz), (MANIFEST, text))
               if _write_if_changed(p, data)]
    print(f"wrote {', '.join(changed)}" if changed else "fixtures unchanged")
    print(f"{FIXTURE.relative_to(ROOT)}: {FIXTURE.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
