"""C8: loading never runs code from the files; crafted or damaged files raise clear errors.

Crafted documents are written with valid checksums (an attacker can recompute them), so these
tests reach the decoder itself.
"""

import ast
import copy
import json
import os
import pathlib

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.saved_model import file_format
from tensorlet.saved_model.schema import FormatError

PACKAGE = pathlib.Path(tf.__file__).parent / "saved_model"


@pytest.fixture
def saved(export_dir):
    f = tf.function(lambda x: tf.reshape(x * 2.0, [-1]),
                    input_signature=[tf.TensorSpec([2, 2], tf.float32)])
    tf.saved_model.save(f, export_dir)
    return export_dir


def _rewrite(export_dir, mutate, arrays=None):
    document, saved_arrays = file_format.read(export_dir)
    document = copy.deepcopy(document)
    mutate(document)
    file_format.write(export_dir, document, saved_arrays if arrays is None else arrays)


def _op_node(document, op="multiply"):
    nodes = document["functions"]["__call__"]["concretes"][0]["graph"]["nodes"]
    return next(n for n in nodes if n.get("op") == op)


@pytest.mark.parametrize("name", ["os.system", "builtins.eval", "subprocess.call", "__import__"])
def test_a_non_registry_op_name_raises_naming_it_and_runs_nothing(saved, tmp_path, name):
    sentinel = tmp_path / "sentinel"

    def mutate(document):
        node = _op_node(document)
        node["op"], node["attrs"] = name, {"command": f"touch {sentinel}"}

    _rewrite(saved, mutate)
    with pytest.raises(ValueError, match=f"unknown op '{name}'.*registry"):
        tf.saved_model.load(saved)
    assert not sentinel.exists()


@pytest.mark.parametrize("attr, message", [
    ({"pickle": "gASVAAAA"}, "disallowed tag 'pickle'"),
    ({"callable": "os.system"}, "disallowed tag 'callable'"),
    ({"tuple": [1, {"code": "x"}]}, "disallowed tag 'code'"),
    ({"subgraph": 5}, "referenced before it is defined"),
    ({"dtype": "object"}, "unknown dtype 'object'"),
    ({"bytes": "not base64!"}, "not valid base64"),
    ({"tuple": [1], "extra": 2}, "one-key tagged object"),
    ("abc", "rejects its saved inputs"),
])
def test_a_malformed_attribute_raises(saved, attr, message):
    _rewrite(saved, lambda d: _op_node(d, "reshape")["attrs"].__setitem__("shape", attr))
    with pytest.raises(ValueError, match=message):
        tf.saved_model.load(saved)


def test_an_attribute_the_op_does_not_declare_raises(saved):
    _rewrite(saved, lambda d: _op_node(d)["attrs"].__setitem__("func", "os.system"))
    with pytest.raises(ValueError, match="op multiply has no attribute 'func'"):
        tf.saved_model.load(saved)


def test_an_attribute_name_is_never_spliced_into_code(saved, tmp_path):
    sentinel = tmp_path / "sentinel"
    name = f"shape=__import__('os').system('touch {sentinel}'),x"
    _rewrite(saved, lambda d: _op_node(d, "reshape")["attrs"].__setitem__(name, 1))
    loaded = None
    with pytest.raises(ValueError, match="has no attribute"):
        loaded = tf.saved_model.load(saved)
    assert loaded is None and not sentinel.exists()


@pytest.mark.parametrize("depth", [900, 50000])
def test_deeply_nested_values_are_rejected(saved, depth):
    _rewrite(saved, lambda d: _op_node(d, "reshape")["attrs"].__setitem__("shape", "DEEP"))
    path = os.path.join(saved, file_format.DOCUMENT)
    text = open(path).read().replace('"DEEP"', '{"tuple": [' * depth + "1" + "]}" * depth)
    open(path, "w").write(text)
    manifest_path = os.path.join(saved, file_format.MANIFEST)
    manifest = json.loads(open(manifest_path).read())
    manifest["files"][file_format.DOCUMENT] = file_format._file_entry(path)
    open(manifest_path, "w").write(json.dumps(manifest))
    with pytest.raises(ValueError, match="nested too deeply|not valid JSON"):
        tf.saved_model.load(saved)


def test_a_forward_reference_or_a_lying_spec_raises(saved):
    _rewrite(saved, lambda d: _op_node(d)["inputs"].__setitem__(0, [7, 0]))
    with pytest.raises(ValueError, match="bad value reference"):
        tf.saved_model.load(saved)
    _rewrite(saved, lambda d: _op_node(d)["inputs"].__setitem__(0, [1, 0]))
    with pytest.raises(ValueError, match=r"saved outputs \['float32\[2,2\]'\] but op multiply "
                                         r"gives \['float32\[\]'\]"):
        tf.saved_model.load(saved)  # Const * Const: the saved shape was a lie
    _rewrite(saved, lambda d: _op_node(d)["inputs"].__setitem__(0, [0, 0]))
    _rewrite(saved, lambda d: _op_node(d)["inputs"].__setitem__(1, [0, 0]))
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    assert tf.saved_model.load(saved)(x).numpy().tolist() == [1.0, 4.0, 9.0, 16.0]  # x * x
    _rewrite(saved, lambda d: _op_node(d)["outputs"][0].__setitem__("dtype", "int32"))
    with pytest.raises(ValueError, match="saved outputs .* but op multiply gives"):
        tf.saved_model.load(saved)


def test_a_pickled_array_is_never_unpickled(saved, tmp_path):
    sentinel, control = tmp_path / "sentinel", tmp_path / "control"

    class Payload:
        def __init__(self, path):
            self.path = str(path)

        def __reduce__(self):
            return open, (self.path, "w")

    document, arrays = file_format.read(saved)
    evil = np.empty(1, dtype=object)
    evil[0] = Payload(sentinel)
    file_format.write(saved, document, dict(arrays, c0=evil))
    with pytest.raises(ValueError, match="never pickled objects"):
        tf.saved_model.load(saved)
    assert not sentinel.exists()
    # the payload is live: NumPy with pickles allowed would have run it
    evil[0] = Payload(control)
    np.save(tmp_path / "evil.npy", evil, allow_pickle=True)
    np.load(tmp_path / "evil.npy", allow_pickle=True)
    assert control.exists()


def test_the_loading_modules_use_no_pickle_marshal_eval_or_imports():
    forbidden_modules = {"pickle", "marshal", "importlib", "shelve", "dill", "cloudpickle",
                         "copyreg"}
    forbidden_calls = {"eval", "exec", "compile", "__import__", "getattr"}
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 6
    for path in files:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & forbidden_modules, path
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in forbidden_modules, path
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if path.name in ("load.py", "graph_codec.py", "schema.py", "file_format.py"):
                    assert node.func.id not in forbidden_calls, (path, node.func.id)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr == "load":
                keywords = {k.arg: k.value for k in node.keywords}
                assert isinstance(keywords.get("allow_pickle"), ast.Constant) and \
                    keywords["allow_pickle"].value is False, path


# --- damaged files ----------------------------------------------------------------------------

def test_a_truncated_arrays_file_is_reported(saved):
    path = os.path.join(saved, file_format.ARRAYS)
    data = open(path, "rb").read()
    open(path, "wb").write(data[: len(data) // 2])
    with pytest.raises(ValueError, match="arrays.npz is truncated"):
        tf.saved_model.load(saved)


def test_a_flipped_byte_is_reported_as_corruption(saved):
    path = os.path.join(saved, file_format.DOCUMENT)
    data = bytearray(open(path, "rb").read())
    data[len(data) // 2] ^= 0x20
    open(path, "wb").write(bytes(data))
    with pytest.raises(ValueError, match="saved_model.json is corrupted.*checksum"):
        tf.saved_model.load(saved)


def test_a_missing_file_or_manifest_is_reported(saved):
    os.remove(os.path.join(saved, file_format.ARRAYS))
    with pytest.raises(ValueError, match="arrays.npz is missing"):
        tf.saved_model.load(saved)
    os.remove(os.path.join(saved, file_format.MANIFEST))
    with pytest.raises(OSError, match="SavedModel file does not exist"):
        tf.saved_model.load(saved)


@pytest.mark.parametrize("text, message", [
    (b'{"format": "tensorlet.saved_model", "vers', "not valid JSON"),
    (b'{"format": "other"}', "not a tensorlet saved model"),
    (b'{"format": "tensorlet.saved_model", "version": 99, "files": {}}', "upgrade tensorlet"),
    (b'{"format": "tensorlet.saved_model", "version": NaN, "files": {}}', "NaN is not allowed"),
    (b'{"format": "tensorlet.saved_model", "format": "x"}', "duplicate JSON key"),
])
def test_a_bad_manifest_is_reported(saved, text, message):
    open(os.path.join(saved, file_format.MANIFEST), "wb").write(text)
    with pytest.raises(ValueError, match=message):
        tf.saved_model.load(saved)


def test_a_document_with_unknown_fields_is_rejected(saved):
    _rewrite(saved, lambda d: d.__setitem__("hooks", ["os.system"]))
    with pytest.raises(FormatError, match="expected the keys"):
        tf.saved_model.load(saved)


def test_manifest_lists_sizes_and_checksums(saved):
    manifest = json.loads(open(os.path.join(saved, file_format.MANIFEST)).read())
    assert manifest["format"] == "tensorlet.saved_model" and manifest["version"] == 1
    assert set(manifest["files"]) == {"saved_model.json", "arrays.npz"}
    assert all(len(e["sha256"]) == 64 for e in manifest["files"].values())
