"""Weights as `.npz` arrays: `save_weights` / `load_weights` with any file name (D8).

An `.npz` written here holds `w00000, w00001, ...` (the variables, in order) and `manifest`
(UTF-8 JSON as uint8: format, version, weight names, and the model's build config when it
has one, so that a fresh, unbuilt model can be built before its weights are loaded). It is
read with `np.load(..., allow_pickle=False)`; only bool and numeric arrays are accepted.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
import zlib

import numpy as np

from . import file_format
from .file_format import FileFormatError

__all__ = ["load_weights", "save_weights"]

WEIGHTS_FORMAT = "tensorlet.keras.weights"
_NUMERIC_KINDS = "biufc"


def variables_to_npz(variables, extra: dict | None = None) -> bytes:
    """The `.npz` bytes of `variables` (in order) with a manifest naming them."""
    arrays = {f"w{i:05d}": np.asarray(v.numpy()) for i, v in enumerate(variables)}
    manifest = {
        "format": WEIGHTS_FORMAT,
        "format_version": file_format.FORMAT_VERSION,
        "names": [str(getattr(v, "name", f"w{i}")) for i, v in enumerate(variables)],
        **(extra or {}),
    }
    blob = np.frombuffer(json.dumps(manifest).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, manifest=blob, **arrays)
    return buffer.getvalue()


def npz_to_arrays(data: bytes, what: str):
    """Parses `.npz` bytes into (list of arrays, manifest dict); never unpickles."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            names = set(npz.files)
            manifest = _manifest_of(npz, names, what)
            count = sum(1 for name in names if name.startswith("w"))
            keys = [f"w{i:05d}" for i in range(count)]
            if set(keys) | {"manifest"} != names | {"manifest"}:
                raise FileFormatError(f"{what}: unexpected array names {sorted(names)}.")
            arrays = [npz[key] for key in keys]
    except FileFormatError:
        raise
    except (ValueError, OSError, EOFError, KeyError, zipfile.BadZipFile, zlib.error) as e:
        raise FileFormatError(
            f"{what} is not a readable weights file (truncated, corrupted, or holding "
            f"non-numeric/pickled data, which tensorlet never loads): {e}"
        ) from None
    for key, array in zip(keys, arrays):
        if array.dtype.kind not in _NUMERIC_KINDS:
            raise FileFormatError(f"{what}: array {key} has unsupported dtype {array.dtype}.")
    return arrays, manifest


def _manifest_of(npz, names, what) -> dict:
    if "manifest" not in names:
        return {}
    blob = npz["manifest"]
    if blob.dtype != np.uint8:
        raise FileFormatError(f"{what}: its manifest is not a byte array.")
    manifest = file_format.parse_json(blob.tobytes(), f"{what} (weights manifest)")
    if not isinstance(manifest, dict):
        raise FileFormatError(f"{what}: its weights manifest is not a JSON object.")
    version = manifest.get("format_version", 1)
    if not isinstance(version, int) or version > file_format.FORMAT_VERSION:
        raise FileFormatError(
            f"{what} was written in weights format version {version!r}; this tensorlet reads "
            f"versions up to {file_format.FORMAT_VERSION}. Upgrade tensorlet to load it."
        )
    return manifest


def assign_arrays(variables, arrays, names, what: str) -> None:
    """Assigns `arrays` to `variables` after checking every count and shape (all or nothing)."""
    variables = list(variables)
    if len(variables) != len(arrays):
        raise ValueError(
            f"{what}: the file holds {len(arrays)} weights but the model has "
            f"{len(variables)} (saved: {list(names)}; model: {[v.name for v in variables]}). "
            "The architectures differ, or the model has not been built yet."
        )
    for i, (variable, array) in enumerate(zip(variables, arrays)):
        if tuple(variable.shape) != tuple(array.shape):
            saved = names[i] if i < len(names) else f"w{i}"
            raise ValueError(
                f"{what}: weight {i} ({variable.name}) has shape {tuple(variable.shape)} but "
                f"the saved weight {saved} has shape {tuple(array.shape)}."
            )
    for variable, array in zip(variables, arrays):
        variable.assign(array.astype(np.asarray(variable.numpy()).dtype, copy=False))


def save_weights(model, filepath, overwrite=True):
    """Saves `model.weights` to `filepath` as `.npz` content, whatever its name (D8).

    Args:
        model: a Keras layer or model.
        filepath: any path (`"my_weights"`, `"w.ckpt"`, `"model.weights.h5"`...).
        overwrite: when False, refuse to replace an existing file.

    Raises:
        FileExistsError: the file exists and overwrite is False.

    Example:
        >>> import tensorlet as tf
        >>> callable(tf.keras.saving.save_weights)
        True
    """
    filepath = os.fspath(filepath)
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"save_weights: {filepath} exists and overwrite=False.")
    extra = {}
    get_build_config = getattr(model, "get_build_config", None)
    if callable(get_build_config) and get_build_config() is not None:
        extra["build_config"] = get_build_config()
    data = variables_to_npz(model.weights, extra)
    file_format.write_bytes_atomic(filepath, lambda f: f.write(data))


def load_weights(model, filepath, skip_mismatch=False):
    """Loads weights saved by `save_weights` (or those inside a saved model) into `model`.

    An unbuilt model is built first from the build config saved with the weights.

    Args:
        model: a model of the same architecture as the one saved.
        filepath: a weights file, a `.keras` model file or a model directory.
        skip_mismatch: accepted for Keras compatibility; mismatches always raise.

    Raises:
        ValueError: the file is unreadable, or its weights do not fit the model.

    Example:
        >>> import tensorlet as tf
        >>> callable(tf.keras.saving.load_weights)
        True
    """
    del skip_mismatch
    filepath = os.fspath(filepath)
    arrays, manifest = npz_to_arrays(_weights_bytes(filepath), filepath)
    build_from_config = getattr(model, "build_from_config", None)
    build_config = manifest.get("build_config")
    if not model.weights and arrays and build_config and callable(build_from_config):
        build_from_config(build_config)
    assign_arrays(model.weights, arrays, manifest.get("names", []), filepath)


def _weights_bytes(filepath: str) -> bytes:
    if os.path.isdir(filepath) or _is_model_zip(filepath):
        return file_format.ModelFile(filepath).read("weights")
    if not os.path.isfile(filepath):
        raise FileFormatError(f"load_weights: file not found: {filepath}")
    with open(filepath, "rb") as f:
        return f.read()


def _is_model_zip(filepath: str) -> bool:
    try:
        with zipfile.ZipFile(filepath) as archive:
            return file_format.MANIFEST in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return False
