"""The hook `core` calls when a tensor's value leaves tensorlet while a tape is recording.

`EagerTensor.numpy()`, `EagerTensor.__array__` (NumPy calls such as `np.square(t)`) and the
same methods of `Variable` call `core.context.note_numpy_read(self)` when `state.tapes` is not
empty; this module installs `note_numpy_read` there when it is imported. Each
recording tape that watches the tensor notes the user's file and line: whatever is computed from
the NumPy array is a constant to the tape, so `tape.explain()` can say where a path broke (C13).

"""

from __future__ import annotations

import linecache
import os
import sys

from ..core import context
from ..core.context import state
from ..core.frames import PACKAGE_DIR, first_outside

__all__ = ["note_numpy_read", "user_frame"]

_SKIPPED = (PACKAGE_DIR, "<frozen ", "<__array_function__")


def _numpy_dir() -> str:
    module = sys.modules.get("numpy")
    path = getattr(module, "__file__", None)
    return os.path.dirname(path) + os.sep if path else PACKAGE_DIR


def user_frame(depth: int = 1) -> str:
    """`file:line` of the innermost caller outside tensorlet and NumPy, with the code line."""
    frame = first_outside(sys._getframe(depth), _SKIPPED + (_numpy_dir(),))
    if frame is None:
        return "<unknown location>"
    filename, line = frame.f_code.co_filename, frame.f_lineno
    code = linecache.getline(filename, line).strip()
    return f"{filename}:{line}" + (f" ({code})" if code else "")


def note_numpy_read(x) -> None:
    """Notes, on every recording tape that watches `x`, where its value left tensorlet."""
    where = None
    for tape in state.tapes:
        reads = getattr(tape, "_numpy_reads", None)
        if reads is None:
            continue
        watched = id(x) in tape._tracked or (
            tape._watch_accessed and getattr(x, "trainable", False) is True)
        if watched:
            if where is None:
                where = user_frame(2)
            reads.append((x, where))



context.set_numpy_read_hook(note_numpy_read)
