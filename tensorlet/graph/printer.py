"""The readable text form of a graph: one line per op, in program order, like a jaxpr.

    { lambda x:f32[2] ; w:ref f32[2] . let
        ReadVariableOp:f32[2] = read_variable w
        mul:f32[2] = multiply x ReadVariableOp
        _ = assign_add_variable w mul
      in (mul) }

Inputs come before `;`, captured variables after it. Constants print inline when small.
"""

from __future__ import annotations

import numpy as np

__all__ = ["pretty", "const_text", "attrs_text"]

_MAX_INLINE = 8


def const_text(array: np.ndarray) -> str:
    """A constant's value when it is small, else its shape and dtype only."""
    if array.size > _MAX_INLINE:
        return f"<{array.dtype}{list(array.shape)}>"
    text = np.array2string(np.asarray(array), separator=", ")
    return text.replace("\n", "")


def attrs_text(attrs: dict) -> str:
    if not attrs:
        return ""
    return "[" + ", ".join(f"{k}={_attr(v)}" for k, v in attrs.items()) + "]"


def _attr(value) -> str:
    name = getattr(value, "name", None)
    if isinstance(name, str) and hasattr(value, "as_numpy_dtype"):
        return name
    return repr(value)


def _binding(value) -> str:
    return f"{value.ref_text()}:{value.type_text()}"


def _line(node) -> str:
    outs = " ".join(_binding(v) for v in node.outputs) or "_"
    if node.kind == "const":
        return f"{outs} = Const {const_text(node.value)}"
    args = " ".join(v.ref_text() for v in node.inputs)
    return f"{outs} = {node.op.name}{attrs_text(node.attrs)} {args}".rstrip()


def pretty(graph) -> str:
    """The graph as text, one line per op."""
    inputs = " ".join(_binding(v) for v in graph.inputs)
    captures = " ".join(_binding(n.outputs[0]) for n in graph.nodes if n.kind == "capture")
    lines = [f"{{ lambda {inputs} ; {captures} . let".replace("  ", " ")]
    lines += ["    " + _line(n) for n in graph.nodes if n.kind in ("op", "const")]
    outs = ", ".join(v.ref_text() for v in graph.outputs)
    lines.append(f"  in ({outs}) }}")
    return "\n".join(lines)
