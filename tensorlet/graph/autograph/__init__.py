"""AutoGraph: Python control flow on tensors becomes graph control flow (A13.10-A13.14).

Importing this package installs the converter into `tracing`, so every `tf.function` traces
the converted version of its Python function (`conversion.convert`): `if` / `while` / `for`
on tensors become `cond` / `while_loop` nodes, on Python values they stay Python.
`to_code(f)` shows the converted source.
"""

from ..tracing import set_converter
from .conversion import convert, to_code

__all__ = ["convert", "to_code"]

set_converter(convert)
