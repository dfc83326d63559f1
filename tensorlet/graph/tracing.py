"""Tracing: runs a Python function on symbolic tensors and returns its `ConcreteFunction`.

Tensor arguments become `Placeholder`s typed by the call's specs, variables become resource
inputs, Python values are passed through unchanged (they are part of the trace's key). The
results are converted to graph values (Python numbers and arrays become constants). After the
trace, the simple Python values and eager tensors that the function (and the user helpers it
calls) reads from closures, globals and `self` are snapshotted as *guards*: when one changes, the
function retraces instead of silently reusing a stale value (C1). Lists and dicts changed in
place are not guarded (a trace-time counter would retrace forever).

AutoGraph plugs in through `set_converter`: the converter maps a Python function to the
function actually traced.
"""

from __future__ import annotations

import functools
import os
import re
import sysconfig
import types

from ..core import nest
from ..core.tensor import EagerTensor, Tensor
from ..core.variable import Variable
from . import signature
from .builder import GraphBuilder, building
from .concrete import ConcreteFunction
from .ir import Graph

__all__ = ["trace", "set_converter", "guards_hold", "guard_changes"]

_converter: dict = {"convert": None}
_SIMPLE = (bool, int, float, complex, str, bytes, type(None))
_MISSING = object()


def set_converter(convert) -> None:
    """Installs AutoGraph: `convert(python_function) -> function to trace` (None removes it)."""
    _converter["convert"] = convert


def _placeholder_name(path: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_.\-]+", "_", path).strip("_")
    return name or "input"


def _bind_inputs(builder: GraphBuilder, key: tuple, leaves: list, paths: list) -> tuple:
    """Symbolic leaves for the call, and the leaves of `structured_input_signature`."""
    entries = [e for e in key if not signature.is_marker(e)]
    symbolic, described = [], []
    for leaf, entry, path in zip(leaves, entries, paths):
        name = _placeholder_name(path)
        if signature.is_tensor_entry(entry):
            spec = signature.spec_of_entry(entry, name)
            symbolic.append(builder.placeholder(spec, name))
            described.append(spec)
        elif isinstance(leaf, Variable):
            builder.variable_input(leaf, name)
            symbolic.append(leaf)
            described.append(signature.spec_of_entry(entry, name))
        else:
            symbolic.append(leaf)
            described.append(leaf)
    return symbolic, described


def _outputs(builder: GraphBuilder, out, python_function) -> tuple:
    """Graph values for the results; Python numbers, strings and arrays become constants."""
    values, index = [], []
    for leaf in nest.flatten(out):
        if leaf is None:
            index.append(None)
            continue
        if not isinstance(leaf, (Tensor, Variable, bool, int, float, complex, str, bytes)) \
                and not hasattr(leaf, "__array__"):
            raise TypeError(
                f"To be compatible with tf.function, Python functions must return zero or more "
                f"Tensors or ExtensionTypes or None values; in compilation of "
                f"{python_function!r}, found return value of type {type(leaf).__name__}, which "
                f"is not a Tensor or ExtensionType.")
        index.append(len(values))
        values.append(builder.to_value(leaf))
    structured = nest.pack_sequence_as(out, [None if i is None else values[i] for i in index])
    return values, index, structured


def trace(python_function, name: str, args: tuple, kwargs: dict, key: tuple, paths: list,
          allow_variable_creation: bool, bind=None, autograph: bool = True) -> ConcreteFunction:
    """Traces `python_function(*args, **kwargs)` for the specs in `key`.

    With `autograph`, the function traced is the installed converter's version of it.
    """
    graph = Graph(name)
    builder = GraphBuilder(graph, allow_variable_creation)
    _, leaves = signature.flatten(args, kwargs)
    symbolic, described = _bind_inputs(builder, key, leaves, paths)
    sym_args, sym_kwargs = signature.rebuild(args, kwargs, symbolic)
    convert = _converter["convert"]
    fn = convert(python_function) if autograph and convert is not None else python_function
    with building(builder):
        out = fn(*sym_args, **sym_kwargs)
        values, index, structured = _outputs(builder, out, python_function)
    graph.outputs = values
    return ConcreteFunction(
        graph, name, key, paths, signature.rebuild(args, kwargs, described), structured, index,
        guards=_guards(python_function), created_variables=tuple(builder.created_variables),
        bind=bind)


# --- guards on captured Python values ----------------------------------------------------
# A guard is `(kind, name, holder, value, identity)`: simple Python values are compared by
# value, eager tensors by identity (a tensor is captured as a constant: rebinding the name to
# another tensor must retrace, TF issue #44980). Helpers the function calls (methods of the same
# instance, plain functions in closures and globals, nested tf.functions) are guarded too, as
# far as they are user code, a few calls deep.

_MAX_DEPTH = 4
_LIBRARY = tuple(
    {os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep}
    | {os.path.abspath(p) + os.sep for k, p in sysconfig.get_paths().items()
       if k in ("stdlib", "platstdlib", "purelib", "platlib")})


def _simple(value) -> bool:
    if type(value) in _SIMPLE:
        return True
    return type(value) is tuple and len(value) <= 16 and all(_simple(v) for v in value)


def _code_names(code) -> set:
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _code_names(const)
    return names


def _guard(guards: list, kind: str, name: str, holder, value) -> bool:
    """Adds a guard for `value` if it is one that is guarded; whether it did."""
    if _simple(value):
        guards.append((kind, name, holder, value, False))
    elif type(value) is EagerTensor:
        guards.append((kind, name, holder, value, True))
    else:
        return False
    return True


def _plain(value):
    """The Python function behind a helper worth following (None for anything else)."""
    value = getattr(value, "python_function", value)  # a nested tf.function
    if isinstance(value, functools.partial):
        value = value.func
    if isinstance(value, (types.FunctionType, types.MethodType)):
        return value
    return None


def _class_function(instance, name: str):
    for klass in type(instance).__mro__:
        if name in klass.__dict__:
            func = _plain(klass.__dict__[name])
            return func if isinstance(func, types.FunctionType) else None
    return None


def _collect(python_function, guards: list, seen: set, depth: int) -> None:
    func = getattr(python_function, "__func__", python_function)
    instance = getattr(python_function, "__self__", None)
    code = getattr(func, "__code__", None)
    if code is None or code in seen or (depth and code.co_filename.startswith(_LIBRARY)):
        return
    seen.add(code)
    follow = []
    for name, cell in zip(code.co_freevars, func.__closure__ or ()):
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if not _guard(guards, "closure variable", name, cell, value):
            follow.append(_plain(value))
    names = sorted(_code_names(code))
    module = func.__globals__
    for name in names:
        value = module.get(name, _MISSING)
        if value is not _MISSING and not _guard(guards, "global", name, module, value):
            follow.append(_plain(value))
    attributes = getattr(instance, "__dict__", None)
    if isinstance(attributes, dict):
        for name in names:
            value = attributes.get(name, _MISSING)
            if value is _MISSING:
                method = _class_function(instance, name)
                if method is not None:
                    follow.append(types.MethodType(method, instance))
            elif not _guard(guards, "attribute", name, attributes, value):
                follow.append(_plain(value))
    if depth < _MAX_DEPTH:
        for helper in follow:
            if helper is not None:
                _collect(helper, guards, seen, depth + 1)


def _guards(python_function) -> tuple:
    """The guards of the Python values (and eager tensors) the function and its helpers read."""
    guards: list = []
    _collect(python_function, guards, set(), 0)
    seen, kept = set(), []
    for guard in guards:  # a global read by the function and by a helper is guarded once
        key = (id(guard[2]), guard[1])
        if key not in seen:
            seen.add(key)
            kept.append(guard)
    return tuple(kept)


def _current(kind: str, name: str, holder):
    if kind == "closure variable":
        try:
            return holder.cell_contents
        except ValueError:
            return _MISSING
    return holder.get(name, _MISSING)


def guards_hold(guards: tuple) -> bool:
    """Whether every guarded Python value is unchanged (checked on each call: kept lean)."""
    for kind, name, holder, value, identity in guards:
        if kind == "closure variable":
            try:
                now = holder.cell_contents
            except ValueError:
                return False
        else:
            now = holder.get(name, _MISSING)
        if now is not value and (identity or type(now) is not type(value) or now != value):
            return False
    return True


def _describe(value) -> str:
    if type(value) is EagerTensor:
        return f"Tensor {value.dtype.name}{list(value.shape)}"
    return f"Python {type(value).__name__} {value!r}"


def guard_changes(guards: tuple) -> list:
    """Why the guards fail: `closure variable 'k': Python int 1 -> 2`."""
    reasons = []
    for kind, name, holder, value, identity in guards:
        now = _current(kind, name, holder)
        if now is value or (not identity and type(now) is type(value) and now == value):
            continue
        if now is _MISSING:
            new = "deleted"
        elif identity and type(now) is EagerTensor:
            new = f"another {_describe(now)}"
        elif type(now) is type(value):
            new = repr(now)
        else:
            new = _describe(now)
        reasons.append(f"{kind} '{name}': {_describe(value)} -> {new} "
                       f"(changed since the function was traced)")
    return reasons
