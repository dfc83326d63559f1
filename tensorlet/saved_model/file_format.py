"""The files of a saved model directory, written atomically and read with every check first.

    export_dir/
      saved_model.json   the document: functions (graphs), signatures, variables, object
      arrays.npz         constants and variable values (read with allow_pickle=False)
      manifest.json      format name and version, and the size and SHA-256 of the two files

A fresh directory is written next to `export_dir` and renamed into place. Into an existing
directory, the old manifest is removed first and the new one is moved in last, so an
interrupted save leaves either the old model, the new one, or a directory without a manifest
(a clear error), never a mix that loads. Reading checks the manifest, the sizes and the
checksums before anything is parsed, and parses JSON strictly (no NaN, no duplicate keys).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import uuid
import zipfile

import numpy as np

from .schema import FormatError

__all__ = ["FORMAT", "VERSION", "DOCUMENT", "ARRAYS", "MANIFEST", "write", "read", "contains"]

FORMAT = "tensorlet.saved_model"
VERSION = 1  # every version ever written stays readable (C7); bump only with a new reader
DOCUMENT = "saved_model.json"
ARRAYS = "arrays.npz"
MANIFEST = "manifest.json"
_MAX_MANIFEST = 1 << 20


def _fsync_write(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _npz_bytes(path: str, arrays: dict) -> None:
    with open(path, "wb") as f:
        np.savez(f, **arrays)
        f.flush()
        os.fsync(f.fileno())


def _file_entry(path: str) -> dict:
    with open(path, "rb") as f:
        data = f.read()
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _producer() -> str:
    from .. import __version__

    return f"tensorlet {__version__}"


def write(export_dir, document: dict, arrays: dict) -> None:
    """Writes the three files of a saved model into `export_dir` (created if needed)."""
    export_dir = os.fspath(export_dir)
    if os.path.exists(export_dir) and not os.path.isdir(export_dir):
        raise FileExistsError(f"cannot save to {export_dir!r}: it exists and is not a directory")
    parent = os.path.dirname(os.path.abspath(export_dir))
    os.makedirs(parent, exist_ok=True)
    # NOTE: os.mkdir (unlike mkdtemp's 0o700) gives the saved directory the user's umask
    tmp = os.path.join(parent, f".{os.path.basename(export_dir) or 'model'}.tmp-"
                               f"{uuid.uuid4().hex}")
    os.mkdir(tmp)
    try:
        text = json.dumps(document, indent=1, sort_keys=False, allow_nan=False)
        _fsync_write(os.path.join(tmp, DOCUMENT), text.encode("utf-8"))
        _npz_bytes(os.path.join(tmp, ARRAYS), arrays)
        manifest = {"format": FORMAT, "version": VERSION, "producer": _producer(),
                    "files": {name: _file_entry(os.path.join(tmp, name))
                              for name in (DOCUMENT, ARRAYS)}}
        _fsync_write(os.path.join(tmp, MANIFEST), json.dumps(manifest, indent=1).encode())
        if not os.path.exists(export_dir):
            os.rename(tmp, export_dir)
            return
        old_manifest = os.path.join(export_dir, MANIFEST)
        if os.path.exists(old_manifest):
            os.remove(old_manifest)
        for name in (DOCUMENT, ARRAYS, MANIFEST):
            os.replace(os.path.join(tmp, name), os.path.join(export_dir, name))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def contains(export_dir) -> bool:
    """Whether `export_dir` holds a saved model (its manifest), as `tf.saved_model.contains`.

    Args:
        export_dir: a directory path.

    Returns:
        True when a saved model's manifest is there.

    Example:
        >>> import tempfile, tensorlet as tf
        >>> tf.saved_model.contains(tempfile.mkdtemp())
        False
    """
    return os.path.isfile(os.path.join(os.fspath(export_dir), MANIFEST))


# --- reading --------------------------------------------------------------------------------

def _reject_constant(name: str):
    raise FormatError(f"malformed saved model: JSON constant {name} is not allowed")


def _unique_keys(pairs: list) -> dict:
    out = {}
    for key, value in pairs:
        if key in out:
            raise FormatError(f"malformed saved model: duplicate JSON key {key!r}")
        out[key] = value
    return out


def strict_json(data: bytes, name: str):
    """Parses JSON strictly: UTF-8, no NaN/Infinity, no repeated keys."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant,
                          object_pairs_hook=_unique_keys)
    except FormatError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FormatError(f"{name} is not valid JSON (corrupted or truncated?): {exc}") from None


def _read_manifest(export_dir: str) -> dict:
    path = os.path.join(export_dir, MANIFEST)
    if not os.path.isfile(path):
        hint = "" if os.path.isdir(export_dir) else " (no such directory)"
        raise OSError(f"SavedModel file does not exist at: {path}{hint}; save one with "
                      f"tf.saved_model.save(obj, export_dir)")
    if os.path.getsize(path) > _MAX_MANIFEST:
        raise FormatError(f"{path} is too large to be a manifest")
    with open(path, "rb") as f:
        manifest = strict_json(f.read(), path)
    if type(manifest) is not dict or manifest.get("format") != FORMAT:
        raise FormatError(f"{path} is not a tensorlet saved model manifest")
    version = manifest.get("version")
    if type(version) is not int or version < 1:
        raise FormatError(f"{path}: bad format version {version!r}")
    if version > VERSION:
        raise FormatError(f"{export_dir} was saved in format version {version} by a newer "
                          f"tensorlet; this tensorlet reads versions 1 to {VERSION}: upgrade "
                          f"tensorlet to load it")
    if type(manifest.get("files")) is not dict:
        raise FormatError(f"{path}: the manifest lists no files")
    return manifest


def _checked_bytes(export_dir: str, name: str, entry) -> bytes:
    path = os.path.join(export_dir, name)
    if type(entry) is not dict or type(entry.get("bytes")) is not int or \
            type(entry.get("sha256")) is not str:
        raise FormatError(f"{export_dir}/{MANIFEST}: bad entry for {name}")
    if not os.path.isfile(path):
        raise FormatError(f"{path} is missing (the saved model is incomplete)")
    with open(path, "rb") as f:
        data = f.read(entry["bytes"] + 1)
    if len(data) != entry["bytes"]:
        raise FormatError(f"{path} is truncated or altered: it has {len(data)} bytes"
                          f"{' or more' if len(data) > entry['bytes'] else ''}, the manifest "
                          f"says {entry['bytes']}")
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise FormatError(f"{path} is corrupted: its SHA-256 checksum does not match the "
                          f"manifest")
    return data


def _arrays(data: bytes, path: str) -> dict:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise FormatError(f"{path} is not a valid arrays file (only plain numeric arrays are "
                          f"read, never pickled objects): {exc}") from None


def read(export_dir) -> tuple:
    """`(document, arrays)` of the saved model in `export_dir`, after every file check.

    Raises:
        OSError: when there is no saved model there.
        FormatError: (a ValueError) when a file is missing, truncated, corrupted or malformed.
    """
    export_dir = os.fspath(export_dir)
    manifest = _read_manifest(export_dir)
    files = manifest["files"]
    missing = [name for name in (DOCUMENT, ARRAYS) if name not in files]
    if missing:
        raise FormatError(f"{export_dir}/{MANIFEST} does not list {', '.join(missing)}")
    document = strict_json(_checked_bytes(export_dir, DOCUMENT, files[DOCUMENT]),
                           os.path.join(export_dir, DOCUMENT))
    arrays = _arrays(_checked_bytes(export_dir, ARRAYS, files[ARRAYS]),
                     os.path.join(export_dir, ARRAYS))
    if type(document) is not dict or document.get("format") != FORMAT or \
            document.get("version") != manifest["version"]:
        raise FormatError(f"{export_dir}/{DOCUMENT} does not match its manifest")
    return document, arrays
