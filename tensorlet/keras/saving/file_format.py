"""The one tensorlet Keras file format (version 1): a manifest + JSON config + `.npz` arrays.

The same entries live either in a single zip file (`model.keras`, `model.h5`, ...) or in a
directory (a path without an extension, FEATURES D1):

    manifest.json   {"format": "tensorlet.keras", "format_version": 1, "tensorlet_version",
                     "files": {role: {"path", "size", "sha256"}}}
    config.json     the model config, its compile config, the weight names
    weights.npz     the model's weights, in `model.weights` order
    optimizer.npz   the optimizer's state (iterations and slot variables), when compiled

Writes are atomic: a zip is written to a temporary file in the same directory, flushed,
fsynced and renamed over the target; a directory gets its data in a fresh `data-<id>/`
folder first, and only then is its manifest atomically replaced to point at it. A crash at
any point leaves the previous save loadable. Reads check every entry's size and SHA-256
before parsing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
import zipfile
import zlib

import tensorlet as tf

FORMAT_NAME = "tensorlet.keras"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


class FileFormatError(ValueError):
    """A model or weights file that is missing entries, truncated, corrupted or foreign."""


def uses_directory(filepath, zipped=None) -> bool:
    """Whether `save` writes a directory: a path with no extension (D1), or `zipped=False`."""
    if zipped is not None:
        return not zipped
    if os.path.isdir(filepath):
        return True
    if os.path.isfile(filepath):  # re-saving keeps the layout already there
        return False
    return os.path.splitext(os.path.basename(os.fspath(filepath)))[1] == ""


def _manifest(entries: dict, file_paths: dict) -> bytes:
    files = {
        role: {
            "path": file_paths[role],
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        for role, data in entries.items()
    }
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "tensorlet_version": tf.__version__,
        "files": files,
    }
    return json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")


def _fsync_dir(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. platforms where directories cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_file(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def write_bytes_atomic(filepath: str, writer) -> None:
    """Calls `writer(fileobj)` on a temporary sibling file, then renames it over `filepath`."""
    parent = os.path.dirname(os.path.abspath(filepath))
    os.makedirs(parent, exist_ok=True)
    tmp = os.path.join(parent, f".{os.path.basename(filepath)}.{uuid.uuid4().hex[:12]}.tmp")
    # NOTE: os.open with 0o666 lets the umask pick the mode, as a plain open() would
    # (tempfile.mkstemp would leave the saved file readable by its owner only).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            writer(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, filepath)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    _fsync_dir(parent)


def write_zip(filepath: str, entries: dict) -> None:
    """Writes `entries` (role -> bytes: "config", "weights", "optimizer") as one zip file."""
    names = {role: _default_name(role) for role in entries}
    manifest = _manifest(entries, names)

    def writer(f):
        with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, manifest)
            for role, data in entries.items():
                archive.writestr(names[role], data)

    write_bytes_atomic(filepath, writer)


def write_directory(dirpath: str, entries: dict) -> None:
    """Writes `entries` into `dirpath/data-<id>/`, then points `dirpath/manifest.json` at it."""
    if os.path.exists(dirpath) and not os.path.isdir(dirpath):
        raise FileExistsError(f"Cannot save a model directory at {dirpath!r}: it is a file.")
    os.makedirs(dirpath, exist_ok=True)
    data_dir = f"data-{uuid.uuid4().hex[:12]}"
    os.makedirs(os.path.join(dirpath, data_dir))
    try:
        names = {role: f"{data_dir}/{_default_name(role)}" for role in entries}
        for role, data in entries.items():
            _write_file(os.path.join(dirpath, names[role]), data)
        _fsync_dir(os.path.join(dirpath, data_dir))
        write_bytes_atomic(
            os.path.join(dirpath, MANIFEST), lambda f: f.write(_manifest(entries, names))
        )
    except BaseException:
        shutil.rmtree(os.path.join(dirpath, data_dir), ignore_errors=True)
        raise
    _remove_stale_data(dirpath, keep=data_dir)


def _remove_stale_data(dirpath: str, keep: str) -> None:
    for name in os.listdir(dirpath):
        if name.startswith("data-") and name != keep:
            shutil.rmtree(os.path.join(dirpath, name), ignore_errors=True)


def _default_name(role: str) -> str:
    return {"config": "config.json"}.get(role, f"{role}.npz")


class ModelFile:
    """A model file opened for reading: `read(role)` returns the verified bytes of an entry."""

    def __init__(self, filepath):
        self.filepath = os.fspath(filepath)
        self._raw = self._open_raw()
        self.manifest = self._read_manifest()

    def _open_raw(self):
        path = self.filepath
        if os.path.isdir(path):
            return _DirectoryReader(path)
        if not os.path.exists(path):
            raise FileFormatError(
                f"File not found: filepath={path}. Please ensure the file is an accessible "
                "`.keras` zip file or a model directory saved by tensorlet."
            )
        with open(path, "rb") as f:
            head = f.read(8)
        if head == _HDF5_SIGNATURE:
            raise FileFormatError(
                f"{path} is an HDF5 file written by Keras/h5py; tensorlet reads only its own "
                "format (JSON config + .npz weights). Re-save the model with tensorlet."
            )
        try:
            return _ZipReader(path)
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise FileFormatError(
                f"{path} is not a readable tensorlet model file (not a valid zip archive, it "
                f"may be truncated or corrupted): {e}"
            ) from None

    def _read_manifest(self) -> dict:
        data = self._raw.get(MANIFEST)
        if data is None:
            raise FileFormatError(
                f"{self.filepath} has no {MANIFEST}: it is not a model saved by tensorlet, or "
                "the save was interrupted before it finished."
            )
        manifest = parse_json(data, f"{self.filepath}: {MANIFEST}")
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise FileFormatError(f"{self.filepath}: {MANIFEST} is not a tensorlet manifest.")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise FileFormatError(f"{self.filepath}: bad format_version {version!r}.")
        if version > FORMAT_VERSION:
            raise FileFormatError(
                f"{self.filepath} was written in format version {version} by tensorlet "
                f"{manifest.get('tensorlet_version')}; this tensorlet ({tf.__version__}) reads "
                f"format versions up to {FORMAT_VERSION}. Upgrade tensorlet to load it."
            )
        if not isinstance(manifest.get("files"), dict):
            raise FileFormatError(f"{self.filepath}: {MANIFEST} has no 'files' table.")
        return manifest

    def has(self, role: str) -> bool:
        return role in self.manifest["files"]

    def read(self, role: str) -> bytes:
        entry = self.manifest["files"].get(role)
        if not isinstance(entry, dict) or not _safe_relpath(entry.get("path")):
            raise FileFormatError(f"{self.filepath}: the manifest lists no valid '{role}' entry.")
        data = self._raw.get(entry["path"])
        if data is None:
            raise FileFormatError(f"{self.filepath}: the entry {entry['path']!r} is missing.")
        if len(data) != entry.get("size") or (
            hashlib.sha256(data).hexdigest() != entry.get("sha256")
        ):
            raise FileFormatError(
                f"{self.filepath}: checksum mismatch in {entry['path']!r} (expected "
                f"{entry.get('size')} bytes, sha256 {entry.get('sha256')}; got {len(data)} "
                "bytes): the file is corrupted or was modified."
            )
        return data


def _safe_relpath(path) -> bool:
    # NOTE: manifest paths come from the file; refuse anything that could leave the model.
    if not isinstance(path, str) or not path or path.startswith(("/", "\\")):
        return False
    parts = path.replace("\\", "/").split("/")
    return all(part not in ("", ".", "..") and ":" not in part for part in parts)


def parse_json(data: bytes, what: str):
    """Parses JSON bytes; a FileFormatError names `what` on malformed content."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise FileFormatError(f"{what} is not valid JSON (corrupted file?): {e}") from None


class _DirectoryReader:
    def __init__(self, path: str):
        self.path = path

    def get(self, name: str):
        full = os.path.join(self.path, name)
        if not os.path.isfile(full):
            return None
        with open(full, "rb") as f:
            return f.read()


class _ZipReader:
    def __init__(self, path: str):
        with zipfile.ZipFile(path) as archive:
            self._names = set(archive.namelist())
        self.path = path

    def get(self, name: str):
        if name not in self._names:
            return None
        try:
            with zipfile.ZipFile(self.path) as archive:
                return archive.read(name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as e:
            raise FileFormatError(
                f"{self.path}: cannot read {name!r} (zip CRC or structure error, the file is "
                f"truncated or corrupted): {e}"
            ) from None
