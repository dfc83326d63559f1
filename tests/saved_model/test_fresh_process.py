"""A0.7: save in this process, load in a fresh interpreter WITHOUT the defining source.

The functions and models are defined in a temporary module file, saved, and the file is
deleted; another Python process (which cannot import that module) loads the saved models and
writes its outputs, which must be bit-identical to the outputs computed here.
"""

import importlib.util
import os
import subprocess
import sys
import textwrap

import numpy as np

import tensorlet as tf

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SOURCE = textwrap.dedent('''
    import tensorlet as tf

    bias = tf.Variable([0.5, -0.25, 1.0], name="bias")

    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
    def control_flow(x):
        if tf.reduce_sum(x) > 0:
            y = tf.nn.relu(x) * 2.0 + bias
        else:
            y = -x
        i = tf.constant(0)
        while i < 3:
            y = y * 0.75 + tf.cast(i, tf.float32)
            i += 1
        return {"y": y, "norm": tf.norm(y)}

    def mlp():
        tf.keras.utils.set_random_seed(7)
        model = tf.keras.Sequential([
            tf.keras.Input((4,), name="features"),
            tf.keras.layers.Dense(16, activation="relu"),
            tf.keras.layers.Dense(8, activation="tanh"),
            tf.keras.layers.Dense(1),
        ])
        return model
''')

LOADER = textwrap.dedent('''
    import sys
    import numpy as np
    import tensorlet as tf
    import tensorlet.saved_model

    root = sys.argv[1]
    inputs = np.load(root + "/inputs.npz")
    assert "defining_module_for_saved_model_test" not in sys.modules
    try:
        import defining_module_for_saved_model_test  # noqa: F401
        raise SystemExit("the defining module must not be importable")
    except ImportError:
        pass
    out = {}
    cf = tf.saved_model.load(root + "/control_flow")
    for i, key in enumerate(["pos", "neg"]):
        result = cf(inputs[key])
        out[key + "_y"], out[key + "_norm"] = result["y"].numpy(), result["norm"].numpy()
        sig = cf.signatures["serving_default"](x=inputs[key])
        out[key + "_sig_y"] = sig["y"].numpy()
    mlp = tf.saved_model.load(root + "/mlp")
    out["mlp"] = mlp(inputs["batch"]).numpy()
    exported = tf.saved_model.load(root + "/mlp_export")
    out["mlp_serve"] = exported.serve(inputs["batch"]).numpy()
    out["mlp_sig"] = exported.signatures["serving_default"](features=inputs["batch"])[
        "output_0"].numpy()
    out["n_trainable"] = np.array(len(exported.trainable_variables))
    np.savez(root + "/outputs.npz", **out)
''')


def _import_from(path: str):
    spec = importlib.util.spec_from_file_location("defining_module_for_saved_model_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_saved_models_load_in_a_fresh_process_without_their_source(tmp_path):
    module_path = tmp_path / "defining_module_for_saved_model_test.py"
    module_path.write_text(SOURCE)
    module = _import_from(str(module_path))
    rng = np.random.default_rng(3)
    inputs = {"pos": rng.uniform(0, 1, (5, 3)).astype("float32"),
              "neg": -rng.uniform(0, 1, (2, 3)).astype("float32"),
              "batch": rng.normal(size=(6, 4)).astype("float32")}
    tf.saved_model.save(module.control_flow, str(tmp_path / "control_flow"))
    model = module.mlp()
    tf.saved_model.save(model, str(tmp_path / "mlp"))
    tf.saved_model.export_keras(model, str(tmp_path / "mlp_export"), verbose=False)
    expected = {}
    for key in ("pos", "neg"):
        result = module.control_flow(inputs[key])
        expected[key + "_y"] = expected[key + "_sig_y"] = result["y"].numpy()
        expected[key + "_norm"] = result["norm"].numpy()
    expected["mlp"] = expected["mlp_serve"] = expected["mlp_sig"] = model(inputs["batch"]).numpy()
    expected["n_trainable"] = np.array(6)
    np.savez(tmp_path / "inputs.npz", **inputs)
    module_path.unlink()
    del module

    env = dict(os.environ, PYTHONPATH=REPO)
    proc = subprocess.run([sys.executable, "-c", LOADER, str(tmp_path)], cwd=str(tmp_path),
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with np.load(tmp_path / "outputs.npz") as got:
        assert sorted(got.files) == sorted(expected)
        for key, value in expected.items():
            assert got[key].dtype == value.dtype, key
            np.testing.assert_array_equal(got[key], value, err_msg=key)
