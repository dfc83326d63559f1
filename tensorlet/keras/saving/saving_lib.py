"""`save_model` / `load_model`: whole models (config, weights, compile config, optimizer state).

The file layout and its guarantees (atomic writes, checksums, versioning) are described in
`file_format`. Loading runs no code from the file: classes and functions are found only
through `custom_objects`, the registry and tensorlet's own Keras namespaces
(`serialization`), and arrays are read with `allow_pickle=False` (`weights_io`).

What a model provides (Keras 3 API): `get_config()`/`from_config()`, `weights`; optionally
`get_build_config()`/`build_from_config()` (so a loaded model can create its weights before
they are assigned) and `get_compile_config()`/`compile_from_config()` (else `optimizer` and
`loss` attributes are saved and `compile(optimizer=..., loss=...)` restores them).
"""

from __future__ import annotations

import inspect
import json
import os
import warnings

import tensorlet as tf

from . import file_format, serialization, weights_io
from .file_format import FileFormatError

__all__ = ["load_model", "save_model"]

_KERAS2_SAVE_KWARGS = ("save_format", "signatures", "options", "save_traces")


def save_model(model, filepath, overwrite=True, zipped=None, include_optimizer=True, **kwargs):
    """Saves a model: a directory for a path without extension (D1), else one zip file.

    Args:
        model: a Keras model (or layer) implementing `get_config()`.
        filepath: `"my_model"` (directory), `"my_model.keras"` or `"my_model.h5"` (zip)...
        overwrite: when False, refuse to replace an existing file or directory.
        zipped: force the zip (True) or the directory (False) layout.
        include_optimizer: also save the compile config's optimizer state.
        **kwargs: Keras 2's `save_format`, `signatures`, `options`, `save_traces` (ignored).

    Raises:
        NotImplementedError: a custom class of the model cannot be serialized (no get_config).
        FileExistsError: the target exists and overwrite is False.

    Example:
        >>> import tensorlet as tf
        >>> callable(tf.keras.saving.save_model)
        True
    """
    unknown = set(kwargs) - set(_KERAS2_SAVE_KWARGS)
    if unknown:
        raise TypeError(f"save_model() got unexpected keyword arguments {sorted(unknown)}")
    filepath = os.fspath(filepath)
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"save_model: {filepath} exists and overwrite=False.")
    config = {
        "model": _model_config(model),
        "compile_config": _compile_config(model),
    }
    entries = {
        "config": json.dumps(config, indent=1).encode("utf-8"),
        "weights": weights_io.variables_to_npz(model.weights),
    }
    optimizer_variables = _optimizer_variables(model) if include_optimizer else []
    if optimizer_variables:
        entries["optimizer"] = weights_io.variables_to_npz(optimizer_variables)
    if file_format.uses_directory(filepath, zipped):
        file_format.write_directory(filepath, entries)
    else:
        file_format.write_zip(filepath, entries)


def _model_config(model) -> dict:
    cls_name = type(model).__name__
    _check_subclassed_model_has_get_config(model)
    try:
        return serialization.serialize_keras_object(model)
    except NotImplementedError as e:
        raise NotImplementedError(
            f"Cannot save the model '{getattr(model, 'name', cls_name)}' of class {cls_name}: "
            f"{str(e).strip()} Please implement `get_config()` in {cls_name} and in every "
            "custom layer or model class it holds whose `__init__` takes arguments (and "
            "`from_config()` if `cls(**config)` cannot rebuild it)."
        ) from e


def _check_subclassed_model_has_get_config(model) -> None:
    """A5.7: as TF 2.21, a subclassed Model whose `__init__` takes arguments must say how."""
    model_cls = getattr(getattr(tf, "keras", None), "Model", None)
    cls = type(model)
    if model_cls is None or not isinstance(model, model_cls) or _is_tensorlet(cls):
        return
    owner = next(klass for klass in cls.__mro__ if "get_config" in vars(klass))
    init_owner = next(klass for klass in cls.__mro__ if "__init__" in vars(klass))
    if not _is_tensorlet(owner) or _is_tensorlet(init_owner):
        return
    params = inspect.signature(init_owner.__init__).parameters.values()
    extra = [p.name for p in params if p.name != "self" and p.kind in _NAMED_KINDS]
    if extra:
        raise NotImplementedError(
            f"Object {cls.__name__} was created by passing non-serializable argument values "
            f"in `__init__()` ({', '.join(extra)}), and therefore the object must override "
            f"`get_config()` in order to be serializable. Please implement `get_config()` in "
            f"{cls.__name__} (returning {', '.join(extra)} with the base config), or save only "
            "the weights with `save_weights()`."
        )


_NAMED_KINDS = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                inspect.Parameter.KEYWORD_ONLY)


def _is_tensorlet(cls) -> bool:
    return cls.__module__.startswith("tensorlet.")


def _compile_config(model):
    get_compile_config = getattr(model, "get_compile_config", None)
    if callable(get_compile_config):
        config = get_compile_config()
        return None if config is None else serialization.serialize_keras_object(config)
    optimizer = getattr(model, "optimizer", None)
    loss = getattr(model, "loss", None)
    if optimizer is None and loss is None:
        return None
    return serialization.serialize_keras_object({"optimizer": optimizer, "loss": loss})


def _optimizer_variables(model) -> list:
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or isinstance(optimizer, str):
        return []
    variables = getattr(optimizer, "variables", None)
    variables = list(variables() if callable(variables) else variables or [])
    iterations = getattr(optimizer, "iterations", None)
    if iterations is not None and not any(v is iterations for v in variables):
        variables.insert(0, iterations)
    return variables


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a model saved by `save_model` (directory or zip), weights and compile state.

    A directory written by `tf.saved_model.save(model, path)` loads the Keras save embedded
    in it (`path/keras/`), so both loaders return the same full Keras model (C7).

    Args:
        filepath: the saved path.
        custom_objects: `{name: class_or_function}` for custom objects not registered with
            `register_keras_serializable`.
        compile: restore the compile config (loss, optimizer and its state).
        safe_mode: refuse Python lambdas saved in the file (they would run code from it).

    Returns:
        The model, with the saved weights.

    Raises:
        TypeError: a custom class or function of the file is unknown (named in the message).
        ValueError: the file is missing, truncated, corrupted, or holds a lambda in safe mode;
            or it is a SavedModel holding only a graph (use `tf.saved_model.load`).

    Example:
        >>> import tensorlet as tf
        >>> callable(tf.keras.models.load_model)
        True
    """
    from ...saved_model import keras_bridge

    filepath = keras_bridge.embedded_keras_path(filepath) or filepath
    model_file = file_format.ModelFile(filepath)
    config = file_format.parse_json(model_file.read("config"), f"{filepath}: config.json")
    if not isinstance(config, dict) or not isinstance(config.get("model"), dict):
        raise FileFormatError(f"{filepath}: config.json holds no model config.")
    with (
        serialization.safe_mode_scope(safe_mode),
        serialization.custom_object_scope(custom_objects),
    ):
        model = serialization.deserialize_keras_object(
            config["model"], custom_objects=custom_objects, safe_mode=safe_mode
        )
        arrays, manifest = weights_io.npz_to_arrays(model_file.read("weights"), filepath)
        weights_io.assign_arrays(model.weights, arrays, manifest.get("names", []), filepath)
        compile_config = config.get("compile_config")
        if compile and compile_config is not None:
            _compile_from_config(model, compile_config)
            if model_file.has("optimizer"):
                _restore_optimizer(model, model_file.read("optimizer"), filepath)
    return model


def _compile_from_config(model, compile_config) -> None:
    compile_from_config = getattr(model, "compile_from_config", None)
    if callable(compile_from_config):
        compile_from_config(compile_config)
        return
    kwargs = serialization.deserialize_keras_object(compile_config)
    model.compile(**{key: value for key, value in kwargs.items() if value is not None})


def _restore_optimizer(model, data: bytes, filepath) -> None:
    arrays, manifest = weights_io.npz_to_arrays(data, f"{filepath} (optimizer state)")
    optimizer = getattr(model, "optimizer", None)
    variables = _optimizer_variables(model)
    build = getattr(optimizer, "build", None)
    if len(variables) < len(arrays) and callable(build):
        build(model.trainable_variables)
        variables = _optimizer_variables(model)
    try:
        weights_io.assign_arrays(
            variables, arrays, manifest.get("names", []), f"{filepath} (optimizer state)"
        )
    except ValueError as e:
        warnings.warn(f"The optimizer state was not restored: {e}", stacklevel=3)
