"""Atomic saves and clear errors on damaged files (issue #5 item 8, C7)."""

import hashlib
import json
import os
import zipfile

import numpy as np
import pytest

from tensorlet import keras
from tensorlet.keras.saving import file_format, weights_io

from . import _plain

X = np.array([[1.0, 2.0, 3.0]], np.float32)


def _model(units=2):
    model = _plain.TinyModel(units)
    model.predict(X)
    return model


class Crash(Exception):
    pass


def _crash(*args, **kwargs):
    raise Crash("simulated crash")


@pytest.mark.parametrize("name", ["m.keras", "m"])
def test_crash_while_writing_weights_keeps_the_previous_save(tmp_path, monkeypatch, name):
    path = tmp_path / name
    keras.saving.save_model(_model(2), path)
    real = weights_io.variables_to_npz
    monkeypatch.setattr(zipfile.ZipFile, "writestr", _crash_on("weights.npz"))
    monkeypatch.setattr(file_format, "_write_file", _crash_on_path("weights.npz"))
    with pytest.raises(Crash):
        keras.saving.save_model(_model(3), path)
    monkeypatch.undo()
    assert weights_io.variables_to_npz is real
    assert keras.saving.load_model(path).units == 2
    assert sorted(os.listdir(tmp_path)) == [name]
    if path.is_dir():
        assert len([p for p in os.listdir(path) if p.startswith("data-")]) == 1


def _crash_on(entry):
    original = zipfile.ZipFile.writestr

    def writestr(self, name, data, *args, **kwargs):
        if name == entry:
            original(self, name, data[: len(data) // 2], *args, **kwargs)
            raise Crash("simulated crash mid-write")
        return original(self, name, data, *args, **kwargs)

    return writestr


def _crash_on_path(entry):
    original = file_format._write_file

    def write_file(path, data):
        if path.endswith(entry):
            with open(path, "wb") as f:
                f.write(data[: len(data) // 2])
            raise Crash("simulated crash mid-write")
        return original(path, data)

    return write_file


@pytest.mark.parametrize("name", ["m.keras", "m"])
def test_crash_before_the_final_rename_keeps_the_previous_save(tmp_path, monkeypatch, name):
    path = tmp_path / name
    keras.saving.save_model(_model(2), path)
    monkeypatch.setattr(os, "replace", _crash)
    with pytest.raises(Crash):
        keras.saving.save_model(_model(3), path)
    monkeypatch.undo()
    assert keras.saving.load_model(path).units == 2


def test_hard_kill_before_rename_leaves_the_old_directory_valid(tmp_path, monkeypatch):
    """A killed process runs no cleanup: the new data folder stays, the manifest is old."""
    path = tmp_path / "m"
    keras.saving.save_model(_model(2), path)
    monkeypatch.setattr(file_format, "write_bytes_atomic", _crash)
    monkeypatch.setattr(file_format.shutil, "rmtree", lambda *a, **k: None)
    with pytest.raises(Crash):
        keras.saving.save_model(_model(3), path)
    monkeypatch.undo()
    assert len([p for p in os.listdir(path) if p.startswith("data-")]) == 2
    assert keras.saving.load_model(path).units == 2
    keras.saving.save_model(_model(4), path)
    assert len([p for p in os.listdir(path) if p.startswith("data-")]) == 1


def test_crash_in_save_weights_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "w"
    keras.saving.save_weights(_model(2), path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "fsync", _crash)
    with pytest.raises(Crash):
        keras.saving.save_weights(_model(3), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["w"]


def _saved_zip(tmp_path):
    path = tmp_path / "m.keras"
    keras.saving.save_model(_model(), path)
    return path


def test_truncated_zip_gives_a_clear_error(tmp_path):
    path = _saved_zip(tmp_path)
    data = path.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 5):
        path.write_bytes(data[:cut])
        with pytest.raises(ValueError, match="truncated or corrupted"):
            keras.saving.load_model(path)


def test_flipped_byte_in_an_entry_is_detected(tmp_path):
    path = _saved_zip(tmp_path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("weights.npz")
        offset = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="corrupted"):
        keras.saving.load_model(path)


def _rewrite(path, drop=(), replace=None, fix_checksums=False):
    with zipfile.ZipFile(path) as archive:
        entries = {n: archive.read(n) for n in archive.namelist() if n not in drop}
    entries.update(replace or {})
    if fix_checksums:
        manifest = json.loads(entries["manifest.json"])
        for entry in manifest["files"].values():
            data = entries[entry["path"]]
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
        entries["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def test_missing_entries_are_named(tmp_path):
    path = _saved_zip(tmp_path)
    _rewrite(path, drop=["weights.npz"])
    with pytest.raises(ValueError, match="'weights.npz' is missing"):
        keras.saving.load_model(path)
    _rewrite(path, drop=["manifest.json"])
    with pytest.raises(ValueError, match="no manifest.json"):
        keras.saving.load_model(path)


def test_modified_entry_fails_the_checksum(tmp_path):
    path = _saved_zip(tmp_path)
    _rewrite(path, replace={"config.json": b'{"model": {}}'})
    with pytest.raises(ValueError, match="checksum mismatch in 'config.json'"):
        keras.saving.load_model(path)


def test_bad_json_is_reported_as_such(tmp_path):
    path = _saved_zip(tmp_path)
    _rewrite(path, replace={"config.json": b'{"model": '}, fix_checksums=True)
    with pytest.raises(ValueError, match="config.json is not valid JSON"):
        keras.saving.load_model(path)
    _rewrite(path, replace={"manifest.json": b"\xff\xfe"})
    with pytest.raises(ValueError, match="manifest.json is not valid JSON"):
        keras.saving.load_model(path)


def test_garbage_weights_with_matching_checksum_are_reported(tmp_path):
    path = _saved_zip(tmp_path)
    _rewrite(path, replace={"weights.npz": b"PK\x03\x04 garbage"}, fix_checksums=True)
    with pytest.raises(ValueError, match="not a readable weights file"):
        keras.saving.load_model(path)


def test_newer_format_version_asks_for_an_upgrade(tmp_path):
    path = _saved_zip(tmp_path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["format_version"] = 99
    _rewrite(path, replace={"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(ValueError, match="format version 99.*Upgrade tensorlet"):
        keras.saving.load_model(path)


def test_directory_with_damaged_weights(tmp_path):
    path = tmp_path / "m"
    keras.saving.save_model(_model(), path)
    manifest = json.loads((path / "manifest.json").read_text())
    weights = path / manifest["files"]["weights"]["path"]
    weights.write_bytes(weights.read_bytes()[:-3])
    with pytest.raises(ValueError, match="checksum mismatch"):
        keras.saving.load_model(path)
    weights.unlink()
    with pytest.raises(ValueError, match="is missing"):
        keras.saving.load_model(path)


def test_foreign_or_missing_files(tmp_path):
    with pytest.raises(ValueError, match="File not found"):
        keras.saving.load_model(tmp_path / "nope.keras")
    h5 = tmp_path / "keras_model.h5"
    h5.write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(ValueError, match="HDF5"):
        keras.saving.load_model(h5)
    text = tmp_path / "notes.keras"
    text.write_text("hello")
    with pytest.raises(ValueError, match="not a valid zip"):
        keras.saving.load_model(text)
    (tmp_path / "empty_dir").mkdir()
    with pytest.raises(ValueError, match="no manifest.json"):
        keras.saving.load_model(tmp_path / "empty_dir")


def test_truncated_weights_file(tmp_path):
    model = _model()
    keras.saving.save_weights(model, tmp_path / "w")
    data = (tmp_path / "w").read_bytes()
    (tmp_path / "w").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="not a readable weights file"):
        keras.saving.load_weights(model, tmp_path / "w")
    with pytest.raises(ValueError, match="file not found"):
        keras.saving.load_weights(model, tmp_path / "absent")


def test_saved_files_get_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    keras.saving.save_model(_model(), tmp_path / "m.keras")
    keras.saving.save_weights(_model(), tmp_path / "w")
    keras.saving.save_model(_model(), tmp_path / "d")
    for path in (tmp_path / "m.keras", tmp_path / "w", tmp_path / "d" / "manifest.json"):
        assert os.stat(path).st_mode & 0o777 == 0o666 & ~umask
