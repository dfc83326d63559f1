"""Ops that reach Python at run time: `tf.print`, `tf.py_function`, `tf.numpy_function`.

They are stateful registry ops, so inside a `tf.function` they run on every call (in program
order) instead of once while tracing, which is what a Python `print` or NumPy call does.
"""

from __future__ import annotations

import sys

import numpy as np

from ..core import dtypes
from ..core.convert import to_array
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, Traits, def_op
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ..core.tensor import wrap

__all__ = ["print", "py_function", "numpy_function"]

_STATEFUL = Traits(pure=False, stateful=True)
_STREAMS = {"stderr": lambda: sys.stderr, "stdout": lambda: sys.stdout}


# --- tf.print --------------------------------------------------------------------------------

def _format_scalar(v) -> str:
    """One element as TF prints it: floats with the fewest of 6 (or 15) digits that round-trip,
    else 9 (or 17); bools as 1/0; strings quoted."""
    if isinstance(v, bytes):
        return '"' + v.decode("utf-8", "backslashreplace") + '"'
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, np.floating):
        short, long = (6, 9) if v.dtype.itemsize <= 4 else (15, 17)
        text = f"{float(v):.{short}g}"
        return text if type(v)(float(text)) == v or np.isnan(v) else f"{float(v):.{long}g}"
    if isinstance(v, np.complexfloating):
        return f"({_format_scalar(v.real)},{_format_scalar(v.imag)})"
    return str(v)


def format_array(a: np.ndarray, summarize: int = 3, depth: int = 0) -> str:
    """A tensor's value as `tf.print` shows it: `[0 1 2 ... 7 8 9]`, rows on new lines."""
    if a.ndim == 0:
        return _format_scalar(a[()])
    n = a.shape[0]
    rows = range(n)
    if 0 <= summarize < n and n > 2 * summarize:
        rows = [*range(summarize), None, *range(n - summarize, n)]
    # NOTE: a[i:i + 1] keeps an ndarray even for object (string) arrays, where a[i] is bytes.
    parts = ["..." if i is None else
             format_array(a[i:i + 1].reshape(a.shape[1:]), summarize, depth + 1) for i in rows]
    sep = " " if a.ndim == 1 else "\n" + " " * (depth + 1)
    return "[" + sep.join(parts) + "]"


def _render(part, values, summarize: int) -> str:
    """One encoded `tf.print` argument (see `_encode`) as TF prints it."""
    kind, body = part
    if kind == "text":
        return body
    if kind == "tensor":
        return format_array(np.asarray(values[body]), summarize)
    if kind == "dict":
        return "{" + ", ".join(f"{key}: {_render(item, values, summarize)}"
                               for key, item in body) + "}"
    inner = ", ".join(_render(item, values, summarize) for item in body)
    if kind == "tuple":
        return "(" + inner + ("," if len(body) == 1 else "") + ")"
    return "[" + inner + "]"


def _print_kernel(*values, template=(), sep=" ", end="\n", stream="stderr", summarize=3):
    pieces = [_render(part, values, summarize) for part in template]
    line = sep.join(pieces) + end
    if not isinstance(stream, str):
        stream.write(line)
    elif stream.startswith("file://"):
        with open(stream[len("file://"):], "a", encoding="utf-8") as f:
            f.write(line)
    else:
        _STREAMS[stream]().write(line)
    return np.zeros((), np.int32)


PRINT = def_op(
    "print", tf_name="PrintV2", kernel=_print_kernel,
    infer=lambda *specs, **attrs: TensorSpec([], dtypes.int32), grad=NONDIFF, traits=_STATEFUL,
    attrs={"template": (), "sep": " ", "end": "\n", "stream": "stderr", "summarize": 3},
)


def _is_tensor_arg(x) -> bool:
    return hasattr(x, "dtype") and (hasattr(x, "_value") or hasattr(x, "shape")) and \
        not isinstance(x, (np.generic, np.ndarray))


def _encode(x, tensors: list, top: bool = False) -> tuple:
    """A `tf.print` argument as a hashable template: tensors become indices into `tensors`;
    lists, tuples and dicts (sorted by key) nest as TF prints them; other Python values are
    their `str` at the top level (so a message is not quoted) and their `repr` inside."""
    if _is_tensor_arg(x):
        tensors.append(x)
        return ("tensor", len(tensors) - 1)
    if isinstance(x, dict):
        return ("dict", tuple((repr(k), _encode(x[k], tensors)) for k in sorted(x, key=repr)))
    if isinstance(x, (list, tuple)):
        return ("tuple" if isinstance(x, tuple) else "list",
                tuple(_encode(item, tensors) for item in x))
    if isinstance(x, TensorShape):
        return ("text", repr(x))
    return ("text", str(x) if top else repr(x))


def _stream_name(output_stream):
    """"stderr"/"stdout" (looked up when printing, so redirections apply), a "file://" path,
    or another object with a `write` method."""
    if output_stream is None or output_stream is sys.stderr or output_stream is sys.__stderr__:
        return "stderr"
    if output_stream is sys.stdout or output_stream is sys.__stdout__:
        return "stdout"
    if isinstance(output_stream, str) and output_stream.startswith("file://"):
        return output_stream
    if callable(getattr(output_stream, "write", None)):
        return output_stream
    raise ValueError(f"print: output_stream must be sys.stdout, sys.stderr, a 'file://' path or "
                     f"a writable stream, got {output_stream!r}")


def print(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):
    """Prints tensors (and Python values) every time it runs, also inside a `tf.function`.

    Args:
        *inputs: tensors, variables and Python values, printed separated by `sep`.
        output_stream: `sys.stderr` (the default), `sys.stdout`, a `"file://path"` to append
            to, or any object with a `write` method.
        summarize: elements shown at each end of a long axis (-1: all).
        sep, end: as in Python's `print`.
        name: ignored in eager mode.

    Example:
        >>> import sys, tensorlet as tf
        >>> tf.print("values:", tf.range(10), output_stream=sys.stdout)
        values: [0 1 2 ... 7 8 9]
    """
    tensors: list = []
    template = [_encode(x, tensors, top=True) for x in inputs]
    attrs = {"template": tuple(template), "sep": str(sep), "end": str(end),
             "stream": _stream_name(output_stream), "summarize": int(summarize)}
    execute(PRINT, tensors, attrs, name=name)


# --- tf.py_function / tf.numpy_function --------------------------------------------------------

def _as_outputs(result, tout: tuple, op: str) -> tuple:
    results = result if isinstance(result, (list, tuple)) else (result,)
    if len(results) != len(tout):
        raise InvalidArgumentError(f"{op}: the function returned {len(results)} values, but "
                                   f"Tout lists {len(tout)} dtypes")
    outputs = []
    for i, (r, dtype) in enumerate(zip(results, tout)):
        value = getattr(r, "_value", r)
        if isinstance(value, (np.ndarray, np.generic)):
            got = dtypes.from_numpy(np.asarray(value).dtype)
            if got is not dtype:
                raise InvalidArgumentError(
                    f"{i}-th value returned by {op} is {got.kernel_name}, but expects "
                    f"{dtype.kernel_name}")
            outputs.append(np.asarray(value))
        else:
            outputs.append(to_array(value, dtype))
    return tuple(outputs)


def _py_kernel(*values, func=None, tout=(), numpy=False):
    args = [np.asarray(v) if numpy else wrap(np.asarray(v)) for v in values]
    return _as_outputs(func(*args), tout, "numpy_function" if numpy else "py_function")


PY_FUNCTION = def_op(
    "py_function", tf_name="EagerPyFunc", kernel=_py_kernel,
    infer=lambda *specs, tout=(), **attrs: tuple(TensorSpec(TensorShape(None), d) for d in tout),
    grad=NONDIFF, traits=_STATEFUL, attrs={"func": None, "tout": (), "numpy": False},
    num_outputs=-1,
)


def _call_python(func, inp, Tout, numpy: bool, name):
    if not callable(func):
        raise TypeError(f"Expected func to be callable, got {func!r}")
    single = not isinstance(Tout, (list, tuple))
    tout = tuple(dtypes.as_dtype(d) for d in ([Tout] if single else Tout))
    attrs = {"func": func, "tout": tout, "numpy": numpy}
    outputs = execute(PY_FUNCTION, list(inp) if inp is not None else [], attrs, name=name)
    return outputs[0] if single else list(outputs)


def py_function(func, inp, Tout, name=None):
    """Runs the Python function `func` on eager tensors, on every call (also in graphs).

    Args:
        func: a Python callable taking tensors and returning tensors or Python/NumPy values.
        inp: the list of input tensors.
        Tout: the output dtype, or a list of dtypes (then a list is returned).

    Example:
        >>> import tensorlet as tf
        >>> tf.py_function(lambda x: x * 2, [tf.constant(3.0)], tf.float32).numpy()
        np.float32(6.0)
    """
    return _call_python(func, inp, Tout, False, name)


def numpy_function(func, inp, Tout, stateful=True, name=None):
    """Like `py_function`, but `func` receives and returns NumPy arrays.

    Example:
        >>> import numpy as np, tensorlet as tf
        >>> tf.numpy_function(np.sort, [tf.constant([3, 1, 2])], tf.int32).numpy()
        array([1, 2, 3], dtype=int32)
    """
    return _call_python(func, inp, Tout, True, name)
