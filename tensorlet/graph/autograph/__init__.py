"""AutoGraph: Python control flow on tensors becomes graph control flow (A13.10-A13.14).

Importing this package installs the converter into `tracing`, so every `tf.function` traces
the converted version of its Python function (`conversion.convert`): `if` / `while` / `for`
on tensors become `cond` / `while_loop` nodes, on Python values they stay Python.
`to_code(f)` shows the converted source. The converters load on the first conversion.
"""

from ..tracing import set_converter

__all__ = ["convert", "to_code"]


def convert(fn):
    """The function to trace for `fn` (see `conversion.convert`)."""
    from .conversion import convert as convert_now

    return convert_now(fn)


def to_code(fn) -> str:
    """The converted source of `fn` (see `conversion.to_code`)."""
    from .conversion import to_code as to_code_now

    return to_code_now(fn)


set_converter(convert)
