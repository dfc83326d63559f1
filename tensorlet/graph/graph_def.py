"""`graph.as_graph_def()`: the graph as GraphDef/NodeDef records printed in TF's text format.

Field names follow TF's protobufs (`node`, `name`, `op`, `input`, `attr`, `versions`), so
code that walks `graph_def.node` or prints it reads the same as with TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..core import dtypes
from ..core.shape import TensorShape

__all__ = ["GraphDef", "NodeDef", "graph_def", "node_def", "dt_name"]

_PRODUCER = 2474
_DT = {"float16": "DT_HALF", "float32": "DT_FLOAT", "float64": "DT_DOUBLE", "int8": "DT_INT8",
       "int16": "DT_INT16", "int32": "DT_INT32", "int64": "DT_INT64", "uint8": "DT_UINT8",
       "uint16": "DT_UINT16", "uint32": "DT_UINT32", "uint64": "DT_UINT64", "bool": "DT_BOOL",
       "string": "DT_STRING", "complex64": "DT_COMPLEX64", "complex128": "DT_COMPLEX128"}
_VAL_FIELD = {"float16": "half_val", "float32": "float_val", "float64": "double_val",
              "int64": "int64_val", "uint32": "uint32_val", "uint64": "uint64_val",
              "bool": "bool_val", "string": "string_val", "complex64": "scomplex_val",
              "complex128": "dcomplex_val"}
_MAX_VALUES = 16


def dt_name(dtype) -> str:
    return _DT[dtype.name]


@dataclass
class NodeDef:
    name: str
    op: str
    input: list = field(default_factory=list)
    attr: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return "\n".join(_node_lines(self, "")) + "\n"


@dataclass
class GraphDef:
    node: list = field(default_factory=list)

    def __str__(self) -> str:
        lines = []
        for n in self.node:
            lines.append("node {")
            lines += _node_lines(n, "  ")
            lines.append("}")
        lines += ["versions {", f"  producer: {_PRODUCER}", "}"]
        return "\n".join(lines) + "\n"


def _input_name(value) -> str:
    return value.node.name if value.index == 0 else value.name


def node_def(node) -> NodeDef:
    """The NodeDef of one node: TF's attribute names for Placeholder, Const and ops."""
    attr: dict = {}
    if node.kind == "const":
        attr["value"] = ("tensor", node.value)
        attr["dtype"] = node.outputs[0].dtype
    elif node.kind == "op":
        if node.inputs and not node.inputs[0].is_resource:
            attr["T"] = node.inputs[0].dtype
        elif node.inputs:
            attr["dtype"] = node.inputs[0].dtype
        attr.update({k: v for k, v in node.attrs.items() if v is not None})
    else:  # TF's order: shape, dtype, then the argument's name
        attr["shape"] = ("shape", node.outputs[0].shape)
        attr["dtype"] = "resource" if node.outputs[0].is_resource else node.outputs[0].dtype
        attr["_user_specified_name"] = ("name", node.name)
    return NodeDef(node.name, node.type, [_input_name(v) for v in node.inputs], attr)


def graph_def(graph) -> GraphDef:
    return GraphDef([node_def(n) for n in graph.nodes])


def _node_lines(n: NodeDef, pad: str) -> list:
    lines = [f'{pad}name: "{n.name}"', f'{pad}op: "{n.op}"']
    lines += [f'{pad}input: "{i}"' for i in n.input]
    for key, value in n.attr.items():
        lines += [f"{pad}attr {{", f'{pad}  key: "{key}"', f"{pad}  value {{"]
        lines += [f"{pad}    {line}" for line in _attr_lines(value)]
        lines += [f"{pad}  }}", f"{pad}}}"]
    return lines


def _attr_lines(value) -> list:
    if value == "resource":
        return ["type: DT_RESOURCE"]
    if isinstance(value, dtypes.DType):
        return [f"type: {dt_name(value)}"]
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "tensor":
        return ["tensor {"] + ["  " + line for line in _tensor_lines(value[1])] + ["}"]
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "shape":
        return ["shape {"] + ["  " + line for line in _shape_lines(value[1])] + ["}"]
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "name":
        return [f's: "{value[1]}"']
    if isinstance(value, bool):
        return [f"b: {str(value).lower()}"]
    if isinstance(value, int):
        return [f"i: {value}"]
    if isinstance(value, float):
        return [f"f: {value!r}"]
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
        return ["list {"] + [f"  i: {v}" for v in value] + ["}"]
    return [f's: "{value!r}"']


def _shape_lines(shape) -> list:
    if shape.rank is None:
        return ["unknown_rank: true"]
    lines = []
    for d in shape:
        lines += ["dim {", f"  size: {-1 if d is None else d}", "}"]
    return lines


def _tensor_lines(array: np.ndarray) -> list:
    dtype = dtypes.from_numpy(array.dtype)
    lines = [f"dtype: {dt_name(dtype)}", "tensor_shape {"]
    lines += ["  " + line for line in _shape_lines(TensorShape(array.shape))] + ["}"]
    if array.size > _MAX_VALUES:
        lines.append(f'tensor_content: "<{array.nbytes} bytes>"')
        return lines
    name = _VAL_FIELD.get(dtype.name, "int_val")
    for x in array.reshape(-1).tolist():
        if isinstance(x, bool):
            x = str(x).lower()
        elif isinstance(x, bytes):
            x = '"' + x.decode("utf-8", "replace") + '"'
        lines.append(f"{name}: {x}")
    return lines

