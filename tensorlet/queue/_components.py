"""A queue's component signature (dtypes, shapes, names), and converting values to and from it.

An element is a tuple of NumPy arrays, one per component. Enqueued values are converted and
checked here with TF's errors; dequeued elements are stacked (padded for a PaddingFIFOQueue)
and handed back as a tensor, a list of tensors, or a dict when the queue has names.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes as dtypes_lib
from ..core.convert import convert_to_tensor
from ..core.errors import InvalidArgumentError
from ..core.shape import TensorShape
from ..core.tensor import wrap

__all__ = ["Signature"]


def _as_list(x) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


class Signature:
    """The dtypes, shapes and optional names of a queue's components."""

    def __init__(self, dtypes, shapes, names) -> None:
        self.dtypes = [dtypes_lib.as_dtype(d) for d in _as_list(dtypes)]
        n = len(self.dtypes)
        if shapes is None:
            self.shapes = [TensorShape(None)] * n
        else:
            shapes = [shapes] if isinstance(shapes, TensorShape) else list(shapes)
            if all(s is None or isinstance(s, int) for s in shapes):
                # NOTE: TF reads a flat list of dims as the shape of a single component.
                if None in shapes:
                    raise ValueError("When providing partial shapes, a list of shapes must be "
                                     "provided.")
                shapes = [shapes]
            if len(shapes) != n:
                raise ValueError(f"Shapes must be provided for all components, but received "
                                 f"{n} dtypes and {len(shapes)} shapes.")
            self.shapes = [TensorShape(s) for s in shapes]
        if names is not None:
            names = _as_list(names)
            if len(names) != n:
                raise ValueError(f"List of names must have the same length as the list of "
                                 f"dtypes, received len(names)={len(names)},len(dtypes)={n}")
        self.names = names

    # --- enqueue --------------------------------------------------------------------------

    def _ordered(self, vals) -> list:
        if self.names is None:
            if isinstance(vals, dict):
                raise ValueError("Queue must have names to enqueue a dictionary")
            vals = _as_list(vals)
        else:
            if not isinstance(vals, dict):
                raise ValueError("You must enqueue a dictionary in a Queue with names")
            if sorted(vals) != sorted(self.names):
                raise ValueError(f"Keys in dictionary to enqueue do not match names of Queue.  "
                                 f"Dictionary: {sorted(vals)},Queue: {sorted(self.names)}")
            vals = [vals[k] for k in self.names]
        if len(vals) != len(self.dtypes):
            have = ", ".join(["resource"] + [_dtype_of(v) for v in vals])
            want = ", ".join(["resource"] + [d.name for d in self.dtypes])
            raise InvalidArgumentError(None, None,
                                       f"Signature mismatch, have: {have}-> expected: {want}->")
        return vals

    def _convert(self, vals) -> list:
        arrays = []
        for i, (v, dtype) in enumerate(zip(self._ordered(vals), self.dtypes)):
            try:
                t = convert_to_tensor(v, dtype=dtype)
            except ValueError as exc:
                raise ValueError(f"component_{i}: {exc}") from None
            arrays.append(np.asarray(t))
        return arrays

    def element(self, vals) -> tuple:
        """One element to enqueue, converted and checked against the component shapes."""
        arrays = self._convert(vals)
        for a, shape in zip(arrays, self.shapes):
            TensorShape(a.shape).assert_is_compatible_with(shape)
        return tuple(arrays)

    def batch(self, vals) -> list:
        """The elements of an `enqueue_many` batch (rows of every component)."""
        arrays = self._convert(vals)
        rows = None
        for a, shape in zip(arrays, self.shapes):
            if a.ndim == 0:
                raise ValueError("Shape () must have rank at least 1")
            TensorShape(a.shape[1:]).assert_is_compatible_with(shape)
            if rows is not None and rows != a.shape[0]:
                raise ValueError(f"Dimensions {rows} and {a.shape[0]} are not compatible")
            rows = a.shape[0]
        return [tuple(a[r] for a in arrays) for r in range(rows)]

    # --- dequeue --------------------------------------------------------------------------

    def pack(self, tensors: list):
        """Dequeued tensors as TF returns them: one tensor, a list, or a dict by name."""
        if self.names is not None:
            return dict(zip(self.names, tensors))
        return tensors[0] if len(tensors) == 1 else tensors

    def one(self, element: tuple):
        return self.pack([wrap(a) for a in element])

    def many(self, elements: list, pad: bool):
        """Elements stacked per component (each padded to the largest shape when `pad`)."""
        out = []
        for i, dtype in enumerate(self.dtypes):
            parts = [e[i] for e in elements]
            if pad:
                parts = _padded(parts, dtype)
            out.append(wrap(np.stack(parts) if parts else _empty(self.shapes[i], dtype)))
        return self.pack(out)


def _dtype_of(v) -> str:
    dtype = getattr(v, "dtype", None)
    if isinstance(dtype, dtypes_lib.DType):
        return dtype.name
    return convert_to_tensor(v).dtype.name


def _padded(parts: list, dtype) -> list:
    """Each array padded with zeros (b'' for strings) to the largest size in every dim."""
    if not parts:
        return parts
    target = tuple(max(d) for d in zip(*(p.shape for p in parts)))
    fill = b"" if dtype is dtypes_lib.string else 0
    out = []
    for p in parts:
        if p.shape != target:
            widths = [(0, t - s) for s, t in zip(p.shape, target)]
            p = np.pad(p, widths, constant_values=fill)
        out.append(p)
    return out


def _empty(shape: TensorShape, dtype) -> np.ndarray:
    dims = [0 if d is None else d for d in (shape.as_list() if shape.rank is not None else [])]
    return np.zeros((0, *dims), dtype._np)
