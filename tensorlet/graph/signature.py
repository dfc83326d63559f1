"""Trace-cache keys: how a call's arguments select (or force) a trace, with TF's rules (A13.3).

A call's arguments are flattened in a fixed order (lists and tuples in order, dicts by sorted
key) into *entries*: structure markers, and one entry per leaf:

- tensors and NumPy arrays: `(shape, numpy dtype)`; a trace matches any call whose shapes fit
  its (possibly relaxed, `None`) dims;
- variables: `("var", shape, numpy dtype)`: any variable of that type, bound on each call;
- Python values: `(type, value)`, so every distinct value gets its own trace;
- other objects: themselves when hashable, else their identity.

The key of a call is the tuple of its entries. The same walk yields the leaves, so a trace can
put placeholders in place of the tensor leaves and a call can bind them.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.spec import TensorSpec
from ..core.tensor import EagerTensor, Tensor
from ..core.variable import Variable

__all__ = ["flatten", "rebuild", "leaf_paths", "is_input_object", "is_tensor_entry",
           "is_input_leaf", "is_marker", "compatible", "relaxed", "generalize", "describe",
           "spec_of_entry", "differences", "key_text"]

_SIMPLE = (bool, int, float, complex, str, bytes, type(None))


def _leaf_entry(x):
    t = type(x)
    if t is EagerTensor or isinstance(x, EagerTensor):
        v = x._value
        return v.shape, v.dtype
    if isinstance(x, Variable):
        return "var", tuple(x.shape.as_list()) if x.shape.rank is not None else None, \
            x.dtype._np
    if isinstance(x, (np.ndarray, np.generic)):
        x = np.asarray(x)
        return x.shape, x.dtype
    if isinstance(x, (TensorSpec, Tensor)):
        dims = None if x.shape.rank is None else tuple(x.shape.as_list())
        return dims, x.dtype._np
    if t in _SIMPLE:
        return t, x
    try:
        hash(x)
    except TypeError:
        return "id", id(x)
    return "obj", x


def is_input_object(x) -> bool:
    """Whether a call's leaf is bound to a graph input (tensors, arrays, variables)."""
    return isinstance(x, (Tensor, Variable, np.ndarray, np.generic))


def is_tensor_entry(entry) -> bool:
    return type(entry) is tuple and len(entry) == 2 and isinstance(entry[1], np.dtype)


def is_input_leaf(entry) -> bool:
    """Whether the leaf becomes a graph input (a tensor or a variable)."""
    return is_tensor_entry(entry) or (type(entry) is tuple and entry[:1] == ("var",))


def _children(x) -> list:
    if isinstance(x, dict):
        return [x[k] for k in _keys(x)]
    return list(x)


def _keys(d: dict) -> list:
    try:
        return sorted(d)
    except TypeError:
        return list(d)


def _walk(x, entries: list, leaves: list) -> None:
    if isinstance(x, (list, tuple, dict)):
        marker = (type(x), tuple(_keys(x)) if isinstance(x, dict) else len(x))
        entries.append(marker)
        for child in _children(x):
            _walk(child, entries, leaves)
        return
    entries.append(_leaf_entry(x))
    leaves.append(x)


def flatten(args: tuple, kwargs: dict) -> tuple:
    """`(key, leaves)` of a call; `key` is hashable, `leaves` aligns with the leaf entries."""
    entries: list = []
    leaves: list = []
    for a in args:
        _walk(a, entries, leaves)
    for name in sorted(kwargs):
        entries.append(("kw", name))
        _walk(kwargs[name], entries, leaves)
    return tuple(entries), leaves


def _rebuild(x, it):
    if isinstance(x, (list, tuple, dict)):
        children = [_rebuild(c, it) for c in _children(x)]
        if isinstance(x, dict):
            keyed = dict(zip(_keys(x), children))
            return type(x)((k, keyed[k]) for k in x)
        if isinstance(x, tuple) and hasattr(x, "_fields"):
            return type(x)(*children)
        return type(x)(children)
    return next(it)


def rebuild(args: tuple, kwargs: dict, leaves: list) -> tuple:
    """`(args, kwargs)` with their leaves replaced, in `flatten`'s order."""
    it = iter(leaves)
    new_args = tuple(_rebuild(a, it) for a in args)
    new_kwargs = {name: _rebuild(kwargs[name], it) for name in sorted(kwargs)}
    return new_args, {name: new_kwargs[name] for name in kwargs}


def _paths(x, path: str, out: list) -> None:
    if isinstance(x, (list, tuple, dict)):
        keys = _keys(x) if isinstance(x, dict) else range(len(x))
        for k in keys:
            _paths(x[k], f"{path}[{k!r}]", out)
        return
    out.append(path)


def leaf_paths(names: list, args: tuple, kwargs: dict) -> list:
    """Readable names of the leaves (`x`, `inputs[0]`, `cfg['lr']`), aligned with `flatten`."""
    out: list = []
    for i, a in enumerate(args):
        _paths(a, names[i] if i < len(names) else f"args[{i - len(names)}]", out)
    for name in sorted(kwargs):
        _paths(kwargs[name], name, out)
    return out


def _dims_fit(have, want) -> bool:
    if want is None:
        return True
    if have is None or len(have) != len(want):
        return False
    return all(w is None or h == w for h, w in zip(have, want))


def compatible(key: tuple, traced: tuple) -> bool:
    """Whether a call with `key` can run a trace made for `traced` (relaxed dims fit)."""
    if len(key) != len(traced):
        return False
    for a, b in zip(key, traced):
        if a == b:
            continue
        if not (is_tensor_entry(a) and is_tensor_entry(b)) or a[1] != b[1]:
            return False
        if not _dims_fit(a[0], b[0]):
            return False
    return True


def relaxed(key: tuple) -> tuple:
    """The key with tensor shapes reduced to their ranks (traces that `reduce_retracing` joins)."""
    return tuple((None if e[0] is None else len(e[0]), e[1], "rank") if is_tensor_entry(e)
                 else e for e in key)


def generalize(key: tuple, other: tuple) -> tuple:
    """The most specific key both fit: differing dims become None."""
    out = []
    for a, b in zip(key, other):
        if is_tensor_entry(a) and a != b:
            dims = tuple(x if x == y else None for x, y in zip(a[0], b[0]))
            a = (dims, a[1])
        out.append(a)
    return tuple(out)


def spec_of_entry(entry, name: str | None = None) -> TensorSpec:
    """The `TensorSpec` of a tensor or variable entry."""
    shape = entry[1] if entry[0] == "var" else entry[0]
    dtype = entry[2] if entry[0] == "var" else entry[1]
    return TensorSpec(None if shape is None else list(shape), dtypes.from_numpy(dtype), name)


def describe(entry) -> str:
    """An entry as text: `Tensor float32[2,3]`, `Python int 10`, `list of 2`."""
    if is_tensor_entry(entry):
        return "Tensor " + spec_of_entry(entry).short()
    if entry[0] == "var":
        return "Variable " + spec_of_entry(entry).short()
    if entry[0] in ("obj", "id"):
        return f"object {entry[1] if entry[0] == 'id' else type(entry[1]).__name__}"
    if entry[0] == "kw":
        return f"keyword {entry[1]}"
    if isinstance(entry[0], type) and issubclass(entry[0], (list, tuple, dict)):
        size = f"keys {list(entry[1])}" if entry[0] is dict else f"of {entry[1]}"
        return f"{entry[0].__name__} {size}"
    return f"Python {entry[0].__name__} {entry[1]!r}"


def _hint(old, new) -> str:
    if is_tensor_entry(old) and is_tensor_entry(new) and old[1] == new[1]:
        return "use input_signature with None dims or reduce_retracing=True to avoid this"
    if not is_tensor_entry(new) and not is_input_leaf(new) and new[0] not in ("obj", "id"):
        return "pass a tensor to avoid retracing"
    return ""


def differences(old_paths: list, old_key: tuple, new_paths: list, new_key: tuple) -> list:
    """Per argument, what changed between two calls: `arg 'n': Python int 10 -> 20; ...`."""
    old_leaves = [e for e in old_key if not is_marker(e)]
    new_leaves = [e for e in new_key if not is_marker(e)]
    if len(old_paths) != len(new_paths) or old_paths != new_paths:
        return [f"argument structure {key_text(old_key)} -> {key_text(new_key)}"]
    reasons = []
    for path, old, new in zip(new_paths, old_leaves, new_leaves):
        if old != new:
            hint = _hint(old, new)
            reasons.append(f"arg '{path}': {_change(old, new)}" + (f"; {hint}" if hint else ""))
    if not reasons and old_key != new_key:
        reasons.append(f"argument structure {key_text(old_key)} -> {key_text(new_key)}")
    return reasons


def _change(old, new) -> str:
    """`Python int 10 -> 20`, `Tensor float32[2] -> float32[3]`, or both descriptions."""
    if isinstance(old[0], type) and old[0] is new[0] and not is_marker(old):
        return f"Python {old[0].__name__} {old[1]!r} -> {new[1]!r}"
    if is_tensor_entry(old) and is_tensor_entry(new):
        return f"Tensor {spec_of_entry(old).short()} -> {spec_of_entry(new).short()}"
    return f"{describe(old)} -> {describe(new)}"


def is_marker(entry) -> bool:
    return type(entry) is tuple and (entry[:1] == ("kw",) or (
        isinstance(entry[0], type) and issubclass(entry[0], (list, tuple, dict))))


def key_text(key: tuple) -> str:
    return "(" + ", ".join(describe(e) for e in key) + ")"
