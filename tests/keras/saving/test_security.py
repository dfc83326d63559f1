"""Loading never runs code from a file (C8, D9, A5.9): sentinel files and a static check."""

import ast
import base64
import io
import json
import pathlib
import zipfile

import numpy as np
import pytest

import tensorlet as tf
from tensorlet import keras
from tensorlet.keras.saving import file_format, serialization, unsafe_lambda

from . import _plain

SAVING_DIR = pathlib.Path(serialization.__file__).parent
LOAD_PATH_MODULES = [
    "serialization.py",
    "object_registration.py",
    "builtin_objects.py",
    "file_format.py",
    "weights_io.py",
    "saving_lib.py",
    "__init__.py",
]


def _sentinel_code(path):
    return f"__import__('os').system('touch {path}')"


def _crafted_configs(sentinel):
    code = _sentinel_code(sentinel)
    return [
        {"module": "os", "class_name": "system", "config": {"command": f"touch {sentinel}"}},
        {"module": "os", "class_name": "function", "config": "system", "registered_name": None},
        {"class_name": "function", "config": "os.system"},
        {"class_name": "function", "config": "eval"},
        {"class_name": "function", "config": "enable_unsafe_deserialization"},
        {"module": "builtins", "class_name": "eval", "config": {"source": code}},
        {"module": "tensorlet.keras.saving.serialization",
         "class_name": "function", "config": "enable_unsafe_deserialization"},
        {"module": "subprocess", "class_name": "Popen", "config": {"args": ["touch", sentinel]}},
        {"class_name": "__lambda__", "config": {"source": f"lambda x: {code}", "unsafe": True}},
        {"class_name": "__lambda__", "config": {"value": [
            base64.b64encode(b"not really bytecode").decode(), None, None]}},
    ]


@pytest.mark.parametrize("index", range(10))
def test_c8_crafted_config_raises_without_side_effect(tmp_path, index):
    sentinel = tmp_path / "pwned"
    config = _crafted_configs(sentinel)[index]
    with pytest.raises((TypeError, ValueError)):
        value = keras.saving.deserialize_keras_object(config)
        if callable(value):
            value("x")
    assert not sentinel.exists()
    assert serialization.in_safe_mode()


def test_c8_string_naming_os_system_is_not_resolved(tmp_path):
    with pytest.raises(ValueError, match="os.system"):
        keras.saving.deserialize_keras_object("os.system", module_objects={"relu": abs})


def test_a5_9_lambda_refused_in_safe_mode_and_loads_when_opted_in(tmp_path):
    sentinel = tmp_path / "ran"
    fn = lambda x: x * 3 + 1  # noqa: E731
    config = keras.saving.serialize_keras_object(fn)
    assert config["class_name"] == "__lambda__"
    assert config["config"]["source"] == "lambda x: x * 3 + 1"
    with pytest.raises(ValueError, match="safe_mode"):
        keras.saving.deserialize_keras_object(config)
    rebuilt = keras.saving.deserialize_keras_object(config, safe_mode=False)
    assert rebuilt(2) == 7
    hostile = {"class_name": "__lambda__",
               "config": {"source": f"lambda x: {_sentinel_code(sentinel)}"}}
    with pytest.raises(ValueError, match="safe_mode"):
        keras.saving.deserialize_keras_object(hostile)
    assert not sentinel.exists()


def test_lambda_source_inside_a_call_and_with_tf():
    layers = [(lambda x: tf.exp(x)), 3]
    config = keras.saving.serialize_keras_object(layers[0])
    assert config["config"]["source"] == "lambda x: tf.exp(x)"
    rebuilt = keras.saving.deserialize_keras_object(config, safe_mode=False)
    np.testing.assert_allclose(rebuilt(tf.constant(0.0)).numpy(), 1.0)


def test_unsafe_rebuild_accepts_only_a_lambda_expression():
    with pytest.raises(ValueError, match="lambda"):
        unsafe_lambda.rebuild({"source": "print('hi')"}, {})
    with pytest.raises(SyntaxError):
        unsafe_lambda.rebuild({"source": "import os"}, {})


def test_safe_mode_of_the_outer_load_governs_nested_from_config():
    inner = keras.saving.serialize_keras_object(lambda x: x + 1)

    class Holder:
        def __init__(self, fn):
            self.fn = fn

        def get_config(self):
            return {}

        @classmethod
        def from_config(cls, config):
            # A from_config that (wrongly) asks for safe_mode=False must not win.
            return cls(keras.saving.deserialize_keras_object(config["fn"], safe_mode=False))

    config = {"class_name": "Holder", "config": {"fn": inner}}
    with pytest.raises(ValueError, match="safe_mode"):
        with serialization.safe_mode_scope(True):
            keras.saving.deserialize_keras_object(config, custom_objects={"Holder": Holder})
    with serialization.safe_mode_scope(False):
        holder = keras.saving.deserialize_keras_object(config, custom_objects={"Holder": Holder})
    assert holder.fn(1) == 2
    assert serialization.in_safe_mode()


def test_c8_pickled_npz_weights_never_unpickle(tmp_path):
    sentinel = tmp_path / "unpickled"
    model = _plain.TinyModel()
    model.predict(np.ones((1, 3)))
    path = tmp_path / "m.keras"
    keras.saving.save_model(model, path)

    class Evil:
        def __reduce__(self):
            return (open, (str(sentinel), "w"))

    evil = io.BytesIO()
    np.savez(evil, w00000=np.array([Evil()], dtype=object), w00001=np.zeros(2, np.float32))
    _rewrite_entry(path, "weights.npz", evil.getvalue())
    with pytest.raises(ValueError, match="pickle"):
        keras.saving.load_model(path)
    weights_path = tmp_path / "w.bin"
    weights_path.write_bytes(evil.getvalue())
    with pytest.raises(ValueError, match="pickle"):
        keras.saving.load_weights(model, weights_path)
    assert not sentinel.exists()


def _rewrite_entry(path, name, data):
    """Replaces a zip entry and fixes the manifest checksum, as an attacker would."""
    import hashlib

    with zipfile.ZipFile(path) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries[name] = data
    manifest = json.loads(entries[file_format.MANIFEST])
    for entry in manifest["files"].values():
        if entry["path"] == name:
            entry["size"] = len(data)
            entry["sha256"] = hashlib.sha256(data).hexdigest()
    entries[file_format.MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for n, d in entries.items():
            archive.writestr(n, d)


def test_c8_model_config_naming_os_system_fails_to_load(tmp_path):
    sentinel = tmp_path / "pwned"
    model = _plain.TinyModel()
    model.predict(np.ones((1, 3)))
    path = tmp_path / "m.keras"
    keras.saving.save_model(model, path)
    config = {"model": {"module": "os", "class_name": "system",
                        "config": {"command": f"touch {sentinel}"}}, "compile_config": None}
    _rewrite_entry(path, "config.json", json.dumps(config).encode())
    with pytest.raises(TypeError, match="Could not locate class 'system'"):
        keras.saving.load_model(path)
    assert not sentinel.exists()


def test_c8_manifest_paths_cannot_leave_the_model(tmp_path):
    outside = tmp_path / "secret.json"
    outside.write_text('{"model": {}}')
    model = _plain.TinyModel()
    model.predict(np.ones((1, 3)))
    path = tmp_path / "inner" / "m"
    keras.saving.save_model(model, path)
    manifest_path = path / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["config"]["path"] = "../../secret.json"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="no valid 'config' entry"):
        keras.saving.load_model(path)


def _imports_and_calls(path):
    """Top-level module names imported, bare names called (`eval(...)`), attributes called."""
    tree = ast.parse(path.read_text())
    imported, bare_calls, attr_calls = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            bare_calls.add(node.func.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr_calls.add(node.func.attr)
    return imported, bare_calls, attr_calls


@pytest.mark.parametrize("module", LOAD_PATH_MODULES)
def test_c8_static_load_modules_never_import_pickle_or_eval(module):
    source = (SAVING_DIR / module).read_text()
    imported, bare_calls, attr_calls = _imports_and_calls(SAVING_DIR / module)
    assert not imported & {"pickle", "marshal", "importlib", "shelve", "dill", "cloudpickle"}
    assert not bare_calls & {"eval", "exec", "compile", "__import__", "getattr_static"}
    assert not attr_calls & {"import_module", "unsafe_load", "literal_eval"}
    assert source.count("allow_pickle") == source.count("allow_pickle=False")


def test_c8_static_check_can_fail():
    imported, bare_calls, _ = _imports_and_calls(SAVING_DIR / "unsafe_lambda.py")
    assert {"eval", "compile"} <= bare_calls


def test_c8_static_only_the_opt_in_module_compiles_code():
    imported, _, _ = _imports_and_calls(SAVING_DIR / "unsafe_lambda.py")
    assert not imported & {"pickle", "marshal", "importlib"}
    source = (SAVING_DIR / "serialization.py").read_text()
    assert source.count("unsafe_lambda.rebuild(") == 1
    guard = source.index("if in_safe_mode():")
    assert guard < source.index("unsafe_lambda.rebuild(") < guard + 400


def test_lambda_source_picks_the_right_one_of_several_on_a_line():
    add, mul = (lambda x: x + 1), (lambda x: x * 2)  # noqa: E731
    both = [keras.saving.serialize_keras_object(fn)["config"]["source"] for fn in (add, mul)]
    assert both == ["lambda x: x + 1", "lambda x: x * 2"]
    multi = [
        lambda a,
        b=3: a
        + b,
    ]
    source = keras.saving.serialize_keras_object(multi[0])["config"]["source"]
    assert source == "lambda a, b=3: a + b"
    assert keras.saving.deserialize_keras_object(
        keras.saving.serialize_keras_object(multi[0]), safe_mode=False)(1) == 4


def test_enable_unsafe_deserialization_is_an_explicit_global_opt_in():
    config = keras.saving.serialize_keras_object(lambda x: x - 1)
    assert serialization.in_safe_mode()
    try:
        serialization.enable_unsafe_deserialization()
        assert not serialization.in_safe_mode()
        assert keras.saving.deserialize_keras_object(config)(1) == 0
        with serialization.safe_mode_scope(True), pytest.raises(ValueError, match="safe_mode"):
            keras.saving.deserialize_keras_object(config)
    finally:
        serialization._global_unsafe[0] = False
    with pytest.raises(ValueError, match="safe_mode"):
        keras.saving.deserialize_keras_object(config)


def test_c8_keras_bytecode_lambda_is_refused_even_with_safe_mode_false():
    config = {"class_name": "__lambda__", "config": {"value": [
        base64.b64encode(b"\xe3" + b"\0" * 40).decode(), None, None]}}
    with pytest.raises(ValueError, match="never loads marshalled bytecode"):
        keras.saving.deserialize_keras_object(config, safe_mode=False)
