"""Restoring: assigning checkpoint values to variables, now or when they are created later.

Values whose variable does not exist yet but lies under a Keras layer or optimizer (slots made
at the first `apply_gradients`, weights made at the first call) wait: the object's `build` is
wrapped, for that instance only, so that the values are assigned as soon as it has run. The
load status answers TF's assertions about what matched.
"""

from __future__ import annotations

import numpy as np

from ..core import errors
from . import checkpoint_io, object_graph

__all__ = ["CheckpointLoadStatus", "InitializationOnlyStatus"]

_NO_PATH = "No checkpoint specified (save_path=None); nothing is being restored."


def _check(key: str, variable, entry: dict) -> None:
    shape = tuple(entry["shape"])
    if variable.shape.is_fully_defined() and tuple(variable.shape.as_list()) != shape:
        raise ValueError(f"Received incompatible tensor with shape {shape} when attempting to "
                         f"restore variable with shape {tuple(variable.shape.as_list())} and "
                         f"name {variable.name}.")
    if entry["dtype"] != variable.dtype.name:
        raise errors.InvalidArgumentError(
            None, None, f"tensor_name = {key}; expected dtype {variable.dtype.name} does not "
                        f"equal original dtype {entry['dtype']} [Op:RestoreV2]")


def _assign(variable, value: np.ndarray) -> None:
    if value.dtype.kind == "S":
        value = value.astype(object)
    variable.assign(value)


class CheckpointLoadStatus:
    """What a restore matched; returned by `Checkpoint.restore` and `Checkpoint.read`."""

    def __init__(self, root, prefix: str) -> None:
        self._root = root
        self._prefix = prefix
        self._index = checkpoint_io.read_index(prefix)
        self._pending: dict = {}
        variables, buildables = object_graph.walk(root)
        found = {key: variables[key] for key in variables if key in self._index}
        for key, variable in found.items():
            _check(key, variable, self._index[key])
        values = checkpoint_io.read_values(prefix, self._index, list(self._index))
        for key, variable in found.items():
            _assign(variable, values[key])
        self._pending = {key: value for key, value in values.items() if key not in found}
        for obj, path in buildables:
            if self._pending_under(path):
                self._hook(obj)

    def _pending_under(self, path: str) -> bool:
        start = path + "/" if path else ""
        return any(key.startswith(start) for key in self._pending)

    def _hook(self, obj) -> None:
        build = obj.__dict__.get("build")
        original = getattr(build, "_tensorlet_original", None) or type(obj).build.__get__(obj)
        status = self

        def build_then_restore(*args, **kwargs):
            result = original(*args, **kwargs)
            status._resolve()
            return result

        build_then_restore._tensorlet_original = original
        object.__setattr__(obj, "build", build_then_restore)

    def _resolve(self) -> None:
        """Assigns the pending values whose variables now exist; unhooks finished objects."""
        variables, buildables = object_graph.walk(self._root)
        for key in [k for k in self._pending if k in variables]:
            _check(key, variables[key], self._index[key])
            _assign(variables[key], self._pending.pop(key))
        for obj, path in buildables:
            build = obj.__dict__.get("build")
            if build is not None and hasattr(build, "_tensorlet_original") and \
                    not self._pending_under(path):
                del obj.__dict__["build"]

    def _unmatched_objects(self) -> list:
        variables, _ = object_graph.walk(self._root)
        return [v for key, v in variables.items() if key not in self._index]

    def assert_consumed(self):
        """Raises AssertionError unless every value and every variable was matched."""
        self.assert_existing_objects_matched()
        if self._pending:
            key = sorted(self._pending)[0]
            raise AssertionError(f"Unresolved object in checkpoint (root)."
                                 f"{key.removesuffix(object_graph.SUFFIX).replace('/', '.')}: "
                                 f"checkpoint_key: {key!r} ({len(self._pending)} value(s) not "
                                 f"restored)")
        return self

    def assert_existing_objects_matched(self):
        """Raises AssertionError if a variable of the program has no value in the checkpoint."""
        unmatched = self._unmatched_objects()
        if unmatched:
            raise AssertionError(
                f"Found {len(unmatched)} Python objects that were not bound to checkpointed "
                f"values, likely due to changes in the Python program. Showing "
                f"{min(len(unmatched), 10)} of {len(unmatched)} unmatched objects: "
                f"{unmatched[:10]}")
        return self

    def assert_nontrivial_match(self):
        """Raises AssertionError when no variable at all matched a checkpointed value."""
        variables, _ = object_graph.walk(self._root)
        if not any(key in self._index for key in variables):
            raise AssertionError(
                "Nothing except the root object matched a checkpointed value. Typically this "
                "means that the checkpoint does not match the Python program. The following "
                f"objects have no matching checkpointed value: {list(variables.values())}")
        return self

    def expect_partial(self):
        """Silences warnings about values left unused (tensorlet gives none); returns self."""
        return self

    def run_restore_ops(self, session=None) -> None:
        """Nothing to run: values are restored eagerly."""

    def initialize_or_restore(self, session=None) -> None:
        """Nothing to run: values are restored eagerly."""


class InitializationOnlyStatus:
    """The status of `restore(None)`: nothing is restored; the assertions all fail."""

    def assert_consumed(self):
        raise AssertionError(_NO_PATH)

    def assert_existing_objects_matched(self):
        raise AssertionError(_NO_PATH)

    def assert_nontrivial_match(self):
        raise AssertionError(_NO_PATH)

    def expect_partial(self):
        return self

    def run_restore_ops(self, session=None):
        raise AssertionError("No checkpoint specified, so no restore ops are available "
                             "(save_path=None to Saver.restore).")

    def initialize_or_restore(self, session=None) -> None:
        """Variables are initialized when created: nothing to do."""
