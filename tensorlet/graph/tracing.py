"""Tracing: runs a Python function on symbolic tensors and returns its `ConcreteFunction`.

Tensor arguments become `Placeholder`s typed by the call's specs, variables become resource
inputs, Python values are passed through unchanged (they are part of the trace's key). The
results are converted to graph values (Python numbers and arrays become constants). After the
trace, the simple Python values the function reads from closures, globals and `self` are
snapshotted as *guards*: when one changes, the function retraces instead of silently reusing a
stale value (C1).

AutoGraph plugs in through `set_converter`: the converter maps a Python function to the
function actually traced.
"""

from __future__ import annotations

import re

from ..core import nest
from ..core.tensor import Tensor
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


def _guards(python_function) -> tuple:
    """`(kind, name, holder, value)` for each simple Python value the function reads."""
    func = getattr(python_function, "__func__", python_function)
    instance = getattr(python_function, "__self__", None)
    code = getattr(func, "__code__", None)
    if code is None:
        return ()
    guards = []
    for name, cell in zip(code.co_freevars, func.__closure__ or ()):
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if _simple(value):
            guards.append(("closure variable", name, cell, value))
    names = sorted(_code_names(code))
    holders = [("global", func.__globals__)]
    if instance is not None and isinstance(getattr(instance, "__dict__", None), dict):
        holders.append(("attribute", instance.__dict__))
    for kind, holder in holders:
        for name in names:
            value = holder.get(name, _MISSING)
            if value is not _MISSING and _simple(value):
                guards.append((kind, name, holder, value))
    return tuple(guards)


def _current(kind: str, name: str, holder):
    if kind == "closure variable":
        try:
            return holder.cell_contents
        except ValueError:
            return _MISSING
    return holder.get(name, _MISSING)


def guards_hold(guards: tuple) -> bool:
    """Whether every guarded Python value is unchanged (checked on each call: kept lean)."""
    for kind, name, holder, value in guards:
        if kind == "closure variable":
            try:
                now = holder.cell_contents
            except ValueError:
                return False
        else:
            now = holder.get(name, _MISSING)
        if now is not value and (type(now) is not type(value) or now != value):
            return False
    return True


def guard_changes(guards: tuple) -> list:
    """Why the guards fail: `closure variable 'k': Python int 1 -> 2`."""
    reasons = []
    for kind, name, holder, value in guards:
        now = _current(kind, name, holder)
        if type(now) is not type(value) or now != value:
            if now is _MISSING:
                new = "deleted"
            elif type(now) is type(value):
                new = repr(now)
            else:
                new = f"Python {type(now).__name__} {now!r}"
            reasons.append(f"{kind} '{name}': Python {type(value).__name__} {value!r} -> "
                           f"{new} (changed since the function was traced)")
    return reasons
