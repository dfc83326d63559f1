"""Records the loss and metric reference values from real Keras 3.15 (TF 2.21).

Usage (from the repository root):
    /root/tfenv/bin/python tests/keras/losses/record_keras_reference.py

Runs every case of `tests/keras/losses/reference_cases.py` and
`tests/keras/metrics/reference_cases.py` with `tf` = TensorFlow and writes
`keras_reference.json` next to each case table: per case, the value as nested lists (or a
config dict) and the dtype, or the error class when Keras raised.
"""

import json
import os
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def to_json(value):
    """A JSON-ready form of a case's value: {"value", "dtype"} per tensor."""
    if isinstance(value, dict):
        return {"config": {k: to_json(v) if not _plain(v) else v for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"list": [to_json(v) for v in value]}
    if _plain(value):
        return {"plain": value}
    array = np.asarray(value)
    return {"value": array.tolist(), "dtype": str(array.dtype)}


def _plain(value):
    return value is None or isinstance(value, (bool, int, float, str))


def record(table_module, out_path):
    import tensorflow as tf

    results = {}
    for case_id, case in table_module.CASES.items():
        tf.keras.backend.clear_session()
        try:
            results[case_id] = to_json(case(tf))
        except Exception as error:  # noqa: BLE001 - the error class is the reference
            results[case_id] = {"error": type(error).__name__}
    payload = {"keras": tf.keras.__version__ if hasattr(tf.keras, "__version__") else "",
               "tensorflow": tf.__version__, "cases": results}
    out_path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
    print(f"wrote {out_path} ({len(results)} cases)")


def main():
    from tests.keras.losses import reference_cases as loss_cases
    from tests.keras.metrics import reference_cases as metric_cases

    here = pathlib.Path(__file__).resolve().parent
    record(loss_cases, here / "keras_reference.json")
    record(metric_cases, here.parent / "metrics" / "keras_reference.json")


if __name__ == "__main__":
    main()
