"""One loading flavour (C7): Keras saves and saved models, read by either loader.

Both formats call their manifest `manifest.json`, so they cannot share one directory level:

    export_dir/             written by tf.saved_model.save(keras_model, export_dir)
      manifest.json         the saved model ("tensorlet.saved_model"): graphs + variables
      saved_model.json
      arrays.npz
      keras/                the model's Keras save ("tensorlet.keras", a directory)
        manifest.json
        data-<id>/...

- `tf.saved_model.load(path)` on a Keras save (a directory whose manifest is
  "tensorlet.keras", or a `.keras` zip) returns `tf.keras.models.load_model(path)`: the full
  Keras model.
- `tf.keras.models.load_model(export_dir)` on a saved model loads `export_dir/keras/`. A saved
  model without one (a function, a module, `model.export`, a model whose config cannot be
  saved) holds only graphs: it raises a ValueError that points to `tf.saved_model.load`.

The stale Keras save of an older export is removed before the new graphs are written, so an
interrupted save never pairs new graphs with an old model. Manifests are peeked at as JSON
only; nothing from the files is executed.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile

from . import file_format

__all__ = ["KERAS_SUBDIR", "is_keras_save", "load_keras", "clear_keras", "save_keras",
           "embedded_keras_path"]

KERAS_SUBDIR = "keras"
_KERAS_FORMAT = "tensorlet.keras"  # tensorlet.keras.saving.file_format.FORMAT_NAME
_MAX_MANIFEST = 1 << 20


def _manifest_format(path: str):
    """The `format` named by the manifest of the directory or zip at `path`, or None."""
    try:
        if os.path.isdir(path):
            manifest = os.path.join(path, file_format.MANIFEST)
            if not os.path.isfile(manifest) or os.path.getsize(manifest) > _MAX_MANIFEST:
                return None
            with open(manifest, "rb") as f:
                data = f.read()
        elif os.path.isfile(path) and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo(file_format.MANIFEST)
                if info.file_size > _MAX_MANIFEST:
                    return None
                data = archive.read(info)
        else:
            return None
        manifest = json.loads(data.decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RecursionError):
        return None
    return manifest.get("format") if isinstance(manifest, dict) else None


def is_keras_save(path) -> bool:
    """Whether `path` is a Keras save (`model.save`): a directory or a zip file."""
    return _manifest_format(os.fspath(path)) == _KERAS_FORMAT


def load_keras(path):
    """The full Keras model of the Keras save at `path` (`tf.keras.models.load_model`)."""
    from ..keras.saving import saving_lib

    return saving_lib.load_model(path)


def clear_keras(export_dir) -> None:
    """Removes the Keras save of an older export in `export_dir`, if any."""
    keras_dir = os.path.join(os.fspath(export_dir), KERAS_SUBDIR)
    if os.path.isdir(keras_dir) and is_keras_save(keras_dir):
        shutil.rmtree(keras_dir)


def save_keras(model, export_dir) -> bool:
    """Writes `model`'s Keras save into `export_dir/keras/`; False when it cannot be saved.

    A model whose config cannot be saved (a subclass without `get_config`, a config value
    that is not JSON) still gets its graphs: the export is then graph-only, as for any other
    object, and `load_model` says so.
    """
    from ..keras.saving import saving_lib

    try:
        saving_lib.save_model(model, os.path.join(os.fspath(export_dir), KERAS_SUBDIR),
                              zipped=False)
    except (NotImplementedError, TypeError):
        return False
    return True


def embedded_keras_path(path):
    """For `load_model(path)`: the Keras save to read instead of `path`, or None.

    Returns None when `path` is not a saved model (the Keras loader reads it as usual) and
    `path/keras` when the saved model holds a Keras save.

    Raises:
        ValueError: `path` is a saved model holding only graphs.
    """
    path = os.fspath(path)
    if _manifest_format(path) != file_format.FORMAT:
        return None
    keras_dir = os.path.join(path, KERAS_SUBDIR)
    if is_keras_save(keras_dir):
        return keras_dir
    raise ValueError(
        f"{path} is a SavedModel that holds only a graph (traced functions and variables), "
        f"not a Keras model: it was written by tf.saved_model.save of a function, a module or "
        f"a model whose config cannot be saved, or by model.export. Load it with "
        f"tf.saved_model.load({path!r}) to call its functions and signatures, or save the "
        f"model with model.save(path) (or tf.saved_model.save(model, path)) to load it with "
        f"tf.keras.models.load_model.")
