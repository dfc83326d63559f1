"""Tracebacks that end in the user's code (C6a).

An error raised while a function is traced ends in tensorlet's internals (a shape rule, the
builder); an error raised while a compiled plan runs ends in generated code. Both are re-raised
with a traceback whose innermost frame is the user's own file and line.
"""

from __future__ import annotations

import linecache
import os

__all__ = ["user_traceback", "traceback_at"]

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_SHORTEST = len("raise (__exc__)")


def _is_user_frame(tb) -> bool:
    name = tb.tb_frame.f_code.co_filename
    return not name.startswith(_PACKAGE) and not name.startswith("<tensorlet plan")


def user_traceback(tb):
    """`tb` cut after its last frame in user code (unchanged if it has none)."""
    last_user = None
    entry = tb
    while entry is not None:
        if _is_user_frame(entry):
            last_user = entry
        entry = entry.tb_next
    if last_user is not None:
        last_user.tb_next = None
    return tb


def _raise_statement(line: str) -> str:
    """`raise __exc__`, padded to span the user's statement, so no column markers show."""
    text = line.strip()
    if len(text) < _SHORTEST:
        return "raise __exc__"
    return "raise (__exc__" + " " * (len(text) - _SHORTEST) + ")"


def _code_at(filename: str, lineno: int, function: str):
    """A code object that raises `__exc__` at `filename:lineno`, in a frame named `function`."""
    line = linecache.getline(filename, lineno)
    indent = len(line) - len(line.lstrip())
    statement = _raise_statement(line)
    if lineno >= 2 and indent >= 1:
        source = "\n" * (lineno - 2) + "def _located():\n" + " " * indent + statement + "\n"
        module = compile(source, filename, "exec")
        inner = next(c for c in module.co_consts if hasattr(c, "co_code"))
        return module, inner.replace(co_name=function)
    source = "\n" * (lineno - 1) + statement + "\n"
    return compile(source, filename, "exec").replace(co_name=function), None


def traceback_at(exc: BaseException, where):
    """A one-frame traceback located at `where = (filename, lineno, function)`, or None.

    The frame comes from a tiny function compiled with the user's filename and line number, so
    tools that show source lines (traceback, pdb, IDEs) show the user's line.
    """
    if where is None:
        return None
    filename, lineno, function = where
    module, inner = _code_at(filename, max(int(lineno), 1), function)
    scope = {"__exc__": exc.with_traceback(None), "__name__": "tensorlet_traceback"}
    try:
        if inner is None:
            exec(module, scope)
        else:
            exec(module, scope)
            located = scope["_located"]
            located.__code__ = inner
            located()
    except BaseException as raised:  # noqa: BLE001 - this is the exception built above
        tb = raised.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        return tb
    return None
