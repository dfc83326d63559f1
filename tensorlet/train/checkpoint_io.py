"""Checkpoint files: `<prefix>.index` (JSON) and `<prefix>.data-00000-of-00001` (NumPy .npz).

Both are written to a temporary file and then renamed, so a reader never sees half a file; the
index, written last, marks a complete checkpoint. Reading never unpickles nor runs code
(`np.load(..., allow_pickle=False)`). The `checkpoint` state file of a directory uses TF's text
layout (`model_checkpoint_path: "ckpt-4"`), so `latest_checkpoint` works as in TF.
"""

from __future__ import annotations

import json
import os
import tempfile

import numpy as np

from ..core import errors

__all__ = ["latest_checkpoint", "list_variables", "load_variable"]

GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
DATA_SUFFIX = ".data-00000-of-00001"
_FORMAT = "tensorlet-checkpoint"


def _atomic_write(path: str, write) -> None:
    """Calls `write(file)` on a temporary file next to `path`, then renames it to `path`."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-",
                                     suffix="-" + os.path.basename(path))
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def write(prefix: str, values: dict, dtypes: dict) -> None:
    """Writes `{key: ndarray}` (with `{key: dtype name}`) as the checkpoint `prefix`."""
    entries, arrays = {}, {}
    for i, key in enumerate(sorted(values)):
        array = np.asarray(values[key])
        if array.dtype == object:  # tf.string: bytes, no pickling
            array = array.astype(np.bytes_)
        arrays[f"t{i}"] = array
        entries[key] = {"entry": f"t{i}", "dtype": dtypes[key], "shape": list(array.shape)}
    _atomic_write(prefix + DATA_SUFFIX, lambda f: np.savez(f, **arrays))
    index = {"format": _FORMAT, "version": 1, "variables": entries}
    _atomic_write(prefix + ".index", lambda f: f.write(json.dumps(index).encode()))


def _not_found(path: str):
    return errors.NotFoundError(
        None, None, f"Unsuccessful TensorSliceReader constructor: Failed to find any matching "
                    f"files for {path}")


def read_index(prefix: str) -> dict:
    """The `variables` table of the checkpoint `prefix` (key -> entry, dtype, shape).

    Raises:
        NotFoundError: when there is no checkpoint at `prefix`.
        DataLossError: when `prefix` is a directory or not a tensorlet checkpoint.
    """
    prefix = os.fspath(prefix)
    if os.path.isdir(prefix):
        raise errors.DataLossError(
            None, None, f"Unable to open table file {prefix}: FAILED_PRECONDITION: {prefix}; "
                        f"Is a directory: perhaps your file is in a different file format and "
                        f"you need to use a different restore operator?")
    if not os.path.exists(prefix + ".index"):
        raise _not_found(prefix)
    try:
        with open(prefix + ".index", "rb") as f:
            index = json.loads(f.read().decode())
        if index.get("format") != _FORMAT:
            raise ValueError("not a tensorlet checkpoint")
        return index["variables"]
    except (ValueError, KeyError, UnicodeDecodeError, AttributeError) as error:
        raise errors.DataLossError(
            None, None, f"Unable to read checkpoint {prefix}: {error}") from None


def read_values(prefix: str, index: dict, keys) -> dict:
    """`{key: ndarray}` for `keys` of the checkpoint `prefix`."""
    with np.load(prefix + DATA_SUFFIX, allow_pickle=False) as data:
        return {key: data[index[key]["entry"]] for key in keys}


def _resolve(path) -> str:
    """A checkpoint prefix, or the latest checkpoint of a directory."""
    path = os.fspath(path)
    if os.path.isdir(path):
        latest = latest_checkpoint(path)
        if latest is None:
            raise ValueError(f"Couldn't find 'checkpoint' file or checkpoints in given "
                             f"directory {path}")
        return latest
    return path


def list_variables(ckpt_dir_or_file) -> list:
    """The `(name, shape)` of every value in a checkpoint (or a directory's latest one).

    Example:
        >>> import tempfile, tensorlet as tf
        >>> path = tf.train.Checkpoint(v=tf.Variable([1., 2.])).write(tempfile.mkdtemp() + "/c")
        >>> tf.train.list_variables(path)
        [('_CHECKPOINTABLE_OBJECT_GRAPH', []), ('v/.ATTRIBUTES/VARIABLE_VALUE', [2])]
    """
    index = read_index(_resolve(ckpt_dir_or_file))
    return [(GRAPH_KEY, [])] + [(key, list(index[key]["shape"])) for key in sorted(index)]


def load_variable(ckpt_dir_or_file, name):
    """The value saved under `name` in a checkpoint (or a directory's latest one).

    Raises:
        NotFoundError: when the checkpoint or the name is missing.

    Example:
        >>> import tempfile, tensorlet as tf
        >>> path = tf.train.Checkpoint(v=tf.Variable(3.0)).write(tempfile.mkdtemp() + "/c")
        >>> tf.train.load_variable(path, "v/.ATTRIBUTES/VARIABLE_VALUE")
        np.float32(3.0)
    """
    prefix = _resolve(ckpt_dir_or_file)
    index = read_index(prefix)
    if name.endswith(":0"):
        name = name[:-2]
    if name not in index:
        raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
    value = read_values(prefix, index, [name])[name]
    return value[()] if value.ndim == 0 else value


# --- the `checkpoint` state file of a directory -----------------------------------------------

def _relative(directory: str, path: str) -> str:
    if os.path.dirname(os.path.abspath(path)) == os.path.abspath(directory):
        return os.path.basename(path)
    return path


def write_state(directory: str, latest: str, paths: list, timestamps=(),
                last_preserved=None) -> None:
    """Writes `directory/checkpoint` (TF's text layout) naming `latest` and `paths`."""
    lines = [f"model_checkpoint_path: {json.dumps(_relative(directory, latest))}"]
    lines += [f"all_model_checkpoint_paths: {json.dumps(_relative(directory, p))}"
              for p in paths]
    lines += [f"all_model_checkpoint_timestamps: {t!r}" for t in timestamps]
    if last_preserved is not None:
        lines.append(f"last_preserved_timestamp: {last_preserved!r}")
    text = "\n".join(lines) + "\n"
    _atomic_write(os.path.join(directory, "checkpoint"), lambda f: f.write(text.encode()))


def read_state(directory, filename=None) -> dict | None:
    """The fields of `directory/checkpoint` (paths made absolute), or None without one."""
    directory = os.fspath(directory)
    try:
        with open(os.path.join(directory, filename or "checkpoint"), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    state: dict = {"model_checkpoint_path": None, "all_model_checkpoint_paths": [],
                   "all_model_checkpoint_timestamps": [], "last_preserved_timestamp": None}
    for line in lines:
        field, _, value = line.partition(":")
        field, value = field.strip(), value.strip()
        try:
            value = json.loads(value)
        except ValueError:
            continue
        if field.endswith("_path") or field.endswith("_paths"):
            value = value if os.path.isabs(value) else os.path.join(directory, value)
        if isinstance(state.get(field), list):
            state[field].append(value)
        elif field in state:
            state[field] = value
    return state


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The prefix of the latest checkpoint saved in `checkpoint_dir`, or None.

    Example:
        >>> import tempfile, tensorlet as tf
        >>> directory = tempfile.mkdtemp()
        >>> print(tf.train.latest_checkpoint(directory))
        None
        >>> path = tf.train.Checkpoint(v=tf.Variable(1.0)).save(directory + "/ckpt")
        >>> tf.train.latest_checkpoint(directory) == path
        True
    """
    state = read_state(checkpoint_dir, latest_filename)
    if state is None or not state["model_checkpoint_path"]:
        return None
    path = state["model_checkpoint_path"]
    return path if os.path.exists(path + ".index") else None
