"""Saving is atomic: a failed or interrupted save never leaves a model that loads wrongly."""

import os

import pytest

import tensorlet as tf
from tensorlet.saved_model import file_format


def _adder(k: float):
    return tf.function(lambda x: x + k, input_signature=[tf.TensorSpec([], tf.float32)])


def _value(export_dir) -> float:
    return float(tf.saved_model.load(export_dir)(tf.constant(0.0)).numpy())


def test_saving_again_replaces_the_model_and_keeps_other_files(export_dir):
    tf.saved_model.save(_adder(1.0), export_dir)
    with open(os.path.join(export_dir, "README"), "w") as f:
        f.write("mine")
    tf.saved_model.save(_adder(2.0), export_dir)
    assert _value(export_dir) == 2.0
    assert sorted(os.listdir(export_dir)) == ["README", "arrays.npz", "manifest.json",
                                              "saved_model.json"]
    assert not [n for n in os.listdir(os.path.dirname(export_dir)) if n.startswith(".")]


def test_a_failed_write_leaves_the_previous_model_and_no_temporary_files(export_dir,
                                                                        monkeypatch):
    tf.saved_model.save(_adder(1.0), export_dir)

    def broken(path, arrays):
        raise OSError("disk full")

    monkeypatch.setattr(file_format, "_npz_bytes", broken)
    with pytest.raises(OSError, match="disk full"):
        tf.saved_model.save(_adder(2.0), export_dir)
    assert _value(export_dir) == 1.0
    assert os.listdir(os.path.dirname(export_dir)) == ["model"]


def test_an_interrupted_replacement_never_loads_a_mix(export_dir, monkeypatch):
    tf.saved_model.save(_adder(1.0), export_dir)
    real_replace = os.replace

    def crash_before_manifest(src, dst):
        if dst.endswith(file_format.MANIFEST):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(file_format.os, "replace", crash_before_manifest)
    with pytest.raises(KeyboardInterrupt):
        tf.saved_model.save(_adder(2.0), export_dir)
    monkeypatch.undo()
    assert not tf.saved_model.contains(export_dir)
    with pytest.raises(OSError, match="SavedModel file does not exist"):
        tf.saved_model.load(export_dir)


def test_saving_onto_a_file_raises(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(FileExistsError, match="not a directory"):
        tf.saved_model.save(_adder(1.0), str(target))
