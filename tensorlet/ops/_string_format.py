"""How TF's StringFormat (`tf.strings.format`, `tf.print`) writes a tensor: nested brackets,
elements separated by spaces, each dimension cut to its first and last `summarize` entries.

Floats use the shortest of 6 (float32; 15 for float64) or 9 (17) significant digits that reads
back exactly; bools print as 1/0, strings in double quotes, complex numbers as `?`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["summarize"]

_DIGITS = {np.dtype(np.float64): (15, 17)}


def _float_text(value, dtype: np.dtype) -> str:
    short, full = _DIGITS.get(dtype, (6, 9))
    cast = dtype.type if dtype.kind == "f" else np.float32
    text = f"{float(value):.{short}g}"
    if not np.isnan(value) and cast(float(text)) != cast(value):
        text = f"{float(value):.{full}g}"
    return text


def _element(value, dtype: np.dtype) -> str:
    kind = dtype.kind
    if kind == "O":
        return '"' + value.decode("utf-8", "surrogateescape") + '"'
    if kind == "b":
        return "1" if value else "0"
    if kind == "f":
        return _float_text(value, dtype)
    if kind == "c":
        return "?"
    return str(int(value))


def _indices(n: int, limit: int) -> tuple:
    """The indices to print along a dimension of size `n`, and whether `...` goes between."""
    if limit < 0 or n <= 2 * limit:
        return list(range(n)), None
    return list(range(limit)), list(range(n - limit, n))


def _block(a: np.ndarray, depth: int, limit: int) -> str:
    if a.ndim == 1:
        head, tail = _indices(a.shape[0], limit)
        items = " ".join(_element(a[i], a.dtype) for i in head)
        if tail is None:
            return "[" + items + "]"
        return "[" + items + " ..." + "".join(" " + _element(a[i], a.dtype) for i in tail) + "]"
    sep = "\n" * (a.ndim - 1) + " " * (depth + 1)
    head, tail = _indices(a.shape[0], limit)
    parts = [_block(a[i], depth + 1, limit) for i in head]
    if tail is not None:
        parts += ["..."] + [_block(a[i], depth + 1, limit) for i in tail]
    return "[" + sep.join(parts) + "]"


def summarize(a: np.ndarray, limit: int) -> str:
    """The text of one tensor value in StringFormat."""
    if a.ndim == 0:
        return _element(a[()], a.dtype)
    if a.size == 0:
        return "[]" if a.shape[0] == 0 or a.ndim == 1 else "[" + "\n" * (a.ndim - 1) + " ...]"
    return _block(a, 0, limit)
