"""Binding a call to a fixed `input_signature`: one trace serves every compatible call (A13.6).

Each argument is converted to a tensor (Python values and NumPy arrays too) and must fit its
`TensorSpec`; otherwise the call raises TF's `TypeError: Binding inputs to tf.function
failed ...`.
"""

from __future__ import annotations

import numpy as np

from ..core import nest
from ..core.convert import to_array
from ..core.spec import TensorSpec
from ..core.tensor import Tensor, wrap
from ..core.variable import Variable

__all__ = ["bind_to_signature"]


def _signature_text(specs: tuple, names: list) -> str:
    parts = [f"{names[i] if i < len(names) else f'args_{i}'}: {spec!r}"
             for i, spec in enumerate(specs)]
    return "(" + ", ".join(parts) + ")"


def _fail(reason: str, args: tuple, kwargs: dict, specs: tuple, names: list) -> TypeError:
    return TypeError(
        f"Binding inputs to tf.function failed due to `{reason}`. Received args: {args!r} and "
        f"kwargs: {kwargs!r} for signature: {_signature_text(specs, names)}.")


def _to_tensor(x, spec: TensorSpec):
    if isinstance(x, (Tensor, Variable)):
        return x
    if isinstance(x, (np.ndarray, np.generic)):
        return wrap(np.asarray(x))
    return wrap(to_array(x, dtype_hint=spec.dtype))


def _flatten_up_to(spec, value, flat_specs: list, flat_values: list) -> None:
    """Pairs each spec leaf with the value at its place (a whole list may feed one spec)."""
    if isinstance(spec, TensorSpec):
        flat_specs.append(spec)
        flat_values.append(value)
        return
    if isinstance(spec, dict):
        if not isinstance(value, dict) or set(value) != set(spec):
            raise ValueError(f"expected a dict with keys {sorted(spec)}, got {value!r}")
        for k in nest._sorted_keys(spec):
            _flatten_up_to(spec[k], value[k], flat_specs, flat_values)
        return
    if not isinstance(value, (list, tuple)) or len(value) != len(spec):
        raise ValueError(f"expected a sequence of {len(spec)}, got {value!r}")
    for s, v in zip(spec, value):
        _flatten_up_to(s, v, flat_specs, flat_values)


def bind_to_signature(specs: tuple, names: list, args: tuple, kwargs: dict) -> list:
    """The call's tensors, in the signature's flattened order.

    Raises:
        TypeError: when the call has other arguments, or a tensor does not fit its spec.
    """
    values = list(args) + [kwargs[n] for n in names[len(args):] if n in kwargs]
    extra = [k for k in kwargs if k not in names[len(args):len(specs)]]
    if len(values) != len(specs) or extra:
        raise _fail(f"expected {len(specs)} arguments, got {len(values)}"
                    + (f" and unexpected keywords {extra}" if extra else ""),
                    args, kwargs, specs, names)
    flat_values, flat_specs = [], []
    try:
        _flatten_up_to(list(specs), values, flat_specs, flat_values)
    except (ValueError, TypeError, KeyError) as e:
        raise _fail(f"the structure of the arguments does not match: {e}", args, kwargs, specs,
                    names) from None
    tensors = []
    for x, spec in zip(flat_values, flat_specs):
        try:
            t = _to_tensor(x, spec)
        except (TypeError, ValueError) as e:
            raise _fail(str(e), args, kwargs, specs, names) from None
        if not spec.is_compatible_with(t):
            have = TensorSpec(t.shape, t.dtype)
            raise _fail(f"Can not cast {have!r} to {spec!r}", args, kwargs, specs, names)
        tensors.append(t)
    return tensors
