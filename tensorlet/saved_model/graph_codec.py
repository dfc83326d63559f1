"""Graphs to JSON documents and back, with their constants in a side table of arrays.

A graph is saved as its nodes in program order. Each node names its kind, its outputs' specs
and, for an op, the registry op by NAME, its inputs as `[node index, output index]` (earlier
nodes only) and its attributes in the closed schema of `schema.py`. A constant refers to an
array (`"c3"`), a captured variable to the document's variable table, and a branch or loop body
to the document's subgraph table (saved children first, so a body refers only to earlier ones).

Decoding resolves ops only through the registry (an unknown name is an error naming it), checks
every reference, attribute name and spec, and re-runs each op's shape rule on its inputs: the
loaded graph is typed exactly as a trace would have typed it. Nothing is run.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.registry import REGISTRY
from ..core.spec import TensorSpec
from ..graph.ir import Graph
from ..graph.symbolic import SymbolicTensor
from ..ops._control_subgraph import Subgraph
from . import schema
from .schema import FormatError

__all__ = ["Encoder", "Decoder", "read_array"]

_KINDS = ("op", "input", "resource", "capture", "const")
_NODE_KEYS = {"op": {"name", "kind", "outputs", "op", "inputs", "attrs"},
              "const": {"name", "kind", "outputs", "array"},
              "capture": {"name", "kind", "outputs", "variable"},
              "input": {"name", "kind", "outputs"}, "resource": {"name", "kind", "outputs"}}


class Encoder:
    """Encodes graphs; collects their arrays, captured variables and subgraphs."""

    def __init__(self) -> None:
        self.arrays: dict = {}
        self.variables: list = []
        self.subgraphs: list = []
        self._var_index: dict = {}
        self._sub_index: dict = {}
        self._keep: list = []  # the objects whose ids index the tables stay alive

    def variable_index(self, variable) -> int:
        index = self._var_index.get(id(variable))
        if index is None:
            index = self._var_index[id(variable)] = len(self.variables)
            self.variables.append(variable)
        return index

    def array_key(self, array: np.ndarray, prefix: str) -> str:
        key = f"{prefix}{len(self.arrays)}"
        array = np.asarray(array)
        if array.dtype == object:
            items = [x if isinstance(x, bytes) else str(x).encode("utf-8")
                     for x in array.reshape(-1)]
            self.arrays[key + ".data"] = np.frombuffer(b"".join(items), np.uint8)
            self.arrays[key + ".lengths"] = np.array([len(x) for x in items], np.int64)
        else:
            self.arrays[key] = array
        return key

    def subgraph_index(self, sub: Subgraph) -> int:
        index = self._sub_index.get(id(sub))
        if index is not None:
            return index
        k = sub.num_resources
        positions = {id(v): i for i, v in enumerate(sub.graph.inputs)}
        doc = {"graph": self.graph(sub.graph, f"subgraph {sub.graph.name!r}", top=False),
               "args": [positions[id(a)] for a in sub.args],
               "variables": [self.variable_index(v) for v in sub.variables[:k]],
               "out_specs": [schema.encode_spec(s) for s in sub.out_specs]}
        self._keep.append(sub)
        index = self._sub_index[id(sub)] = len(self.subgraphs)
        self.subgraphs.append(doc)
        return index

    def graph(self, graph: Graph, where: str, top: bool = True) -> dict:
        """The JSON form of `graph`; `top` graphs take tensors only (no variable arguments)."""
        index: dict = {}
        nodes = [self._node(i, node, index, where, top) for i, node in enumerate(graph.nodes)]
        return {"name": graph.name, "nodes": nodes,
                "inputs": [index[id(v)] for v in graph.inputs],
                "outputs": [index[id(v)] for v in graph.outputs]}

    def _node(self, position: int, node, index: dict, where: str, top: bool) -> dict:
        entry = {"name": node.name, "kind": node.kind,
                 "outputs": [schema.encode_spec(v.spec) for v in node.outputs]}
        if node.kind == "op":
            entry["op"] = node.op.name
            entry["inputs"] = [index[id(v)] for v in node.inputs]
            entry["attrs"] = {
                k: schema.encode(v, self.subgraph_index,
                                 f"attribute {k!r} of op {node.op.name} (node {node.name!r} "
                                 f"of {where})")
                for k, v in node.attrs.items()}
        elif node.kind == "const":
            entry["array"] = self.array_key(node.value, "c")
        elif node.kind == "capture":
            entry["variable"] = self.variable_index(node.value)
        elif node.kind == "resource" and top:
            raise TypeError(f"cannot save {where}: it takes the tf.Variable {node.name!r} as an "
                            f"argument; read the variable inside the function (capture it) "
                            f"instead of passing it")
        for j, v in enumerate(node.outputs):
            index[id(v)] = [position, j]
        return entry


# --- decoding -------------------------------------------------------------------------------

def read_array(arrays: dict, key, spec: TensorSpec, where: str) -> np.ndarray:
    """The array saved under `key`, checked against `spec` (dtype and, where known, shape)."""
    if type(key) is not str or not key[1:].isdigit() or key[:1] not in ("c", "v"):
        raise FormatError(f"malformed saved model: {where}: bad array key {key!r}")
    if spec.dtype is dtypes.string:
        array = _strings(arrays, key, spec, where)
    else:
        array = _fetch(arrays, key, where)
        if array.dtype != spec.dtype._np:
            raise FormatError(f"malformed saved model: {where}: array {key!r} is {array.dtype}, "
                              f"its spec says {spec.dtype.name}")
    if not spec.shape.is_compatible_with(array.shape):
        raise FormatError(f"malformed saved model: {where}: array {key!r} has shape "
                          f"{array.shape}, its spec says {spec.shape}")
    return array


def _fetch(arrays: dict, key: str, where: str) -> np.ndarray:
    if key not in arrays:
        raise FormatError(f"malformed saved model: {where}: array {key!r} is missing from "
                          f"the arrays file")
    return arrays[key]


def _strings(arrays: dict, key: str, spec: TensorSpec, where: str) -> np.ndarray:
    data, lengths = _fetch(arrays, key + ".data", where), _fetch(arrays, key + ".lengths", where)
    ok = data.dtype == np.uint8 and data.ndim == 1 and lengths.dtype == np.int64 and \
        lengths.ndim == 1 and bool(np.all(lengths >= 0)) and int(lengths.sum()) == data.size
    if not ok or spec.shape.num_elements() not in (None, lengths.size) or \
            not spec.shape.is_fully_defined():
        raise FormatError(f"malformed saved model: {where}: string array {key!r} is "
                          f"inconsistent")
    raw, ends = data.tobytes(), np.cumsum(lengths)
    items = [raw[end - n:end] for n, end in zip(lengths.tolist(), ends.tolist())]
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out.reshape(spec.shape.as_list())


class Decoder:
    """Decodes graphs against the loaded variables and the arrays file."""

    def __init__(self, arrays: dict, variables: list, subgraph_docs) -> None:
        self.arrays = arrays
        self.variables = variables
        self.subgraphs: list = []
        if type(subgraph_docs) is not list:
            raise FormatError("malformed saved model: 'subgraphs' must be a list")
        for i, doc in enumerate(subgraph_docs):
            self.subgraphs.append(self._subgraph(doc, f"subgraph #{i}"))

    def _subgraph_ref(self, i: int) -> Subgraph:
        if i >= len(self.subgraphs):
            raise FormatError(f"malformed saved model: subgraph #{i} is referenced before it "
                              f"is defined")
        return self.subgraphs[i]

    def _subgraph(self, doc, where: str) -> Subgraph:
        _keys(doc, {"graph", "args", "variables", "out_specs"}, where)
        graph = self.graph(doc["graph"], where, top=False)
        variables = [self._variable(i, where) for i in _list(doc["variables"], where)]
        k = len(variables)
        if any(not v.is_resource for v in graph.inputs[:k]) or len(graph.inputs) < k:
            raise FormatError(f"malformed saved model: {where}: its first {k} inputs must be "
                              f"its variables")
        args = []
        for p in _list(doc["args"], where):
            if type(p) is not int or not k <= p < len(graph.inputs):
                raise FormatError(f"malformed saved model: {where}: bad argument position {p!r}")
            args.append(graph.inputs[p])
        sub = Subgraph(graph, None, args)
        sub.variables = variables
        sub.out_specs = [schema.decode_spec(s, where) for s in _list(doc["out_specs"], where)]
        if len(sub.out_specs) != len(graph.outputs) or any(
                s.dtype is not v.dtype for s, v in zip(sub.out_specs, graph.outputs)):
            raise FormatError(f"malformed saved model: {where}: its outputs do not match its "
                              f"output specs")
        return sub

    def _variable(self, i, where: str):
        if type(i) is not int or not 0 <= i < len(self.variables):
            raise FormatError(f"malformed saved model: {where}: bad variable index {i!r}")
        return self.variables[i]

    def graph(self, doc, where: str, top: bool = True) -> Graph:
        _keys(doc, {"name", "nodes", "inputs", "outputs"}, where)
        if type(doc["name"]) is not str:
            raise FormatError(f"malformed saved model: {where}: the graph name must be a string")
        graph = Graph(doc["name"])
        names: set = set()
        for i, entry in enumerate(_list(doc["nodes"], where)):
            self._node(graph, entry, names, f"node #{i} of {where}", top)
        graph.inputs = [_ref(graph, r, where) for r in _list(doc["inputs"], where)]
        graph.outputs = [_ref(graph, r, where) for r in _list(doc["outputs"], where)]
        leaves = [n.outputs[0] for n in graph.nodes if n.kind in ("input", "resource")]
        if sorted(map(id, leaves)) != sorted(map(id, graph.inputs)):
            raise FormatError(f"malformed saved model: {where}: the graph's inputs must be its "
                              f"input nodes, each once")
        return graph

    def _node(self, graph: Graph, entry, names: set, where: str, top: bool) -> None:
        kind = entry.get("kind") if type(entry) is dict else None
        if kind not in _KINDS or (top and kind == "resource"):
            raise FormatError(f"malformed saved model: {where}: bad node kind {kind!r}")
        _keys(entry, _NODE_KEYS[kind], where)
        name = entry["name"]
        if type(name) is not str or not name or name in names:
            raise FormatError(f"malformed saved model: {where}: missing or repeated node name "
                              f"{name!r}")
        names.add(name)
        where = f"node {name!r} ({where})"
        specs = [schema.decode_spec(s, where) for s in _list(entry["outputs"], where)]
        if kind == "op":
            op, inputs, attrs = self._op(graph, entry, where)
            specs = _checked_specs(op, inputs, attrs, specs, where)
            graph.add_node("op", op, name, inputs, attrs, specs, value_class=SymbolicTensor)
            return
        if len(specs) != 1:
            raise FormatError(f"malformed saved model: {where}: a {kind} node has one output")
        value = None
        if kind == "const":
            value = read_array(self.arrays, entry["array"], specs[0], where)
        elif kind == "capture":
            value = self._variable(entry["variable"], where)
            if value.dtype is not specs[0].dtype:
                raise FormatError(f"malformed saved model: {where}: the variable is "
                                  f"{value.dtype.name}, the node says {specs[0].dtype.name}")
        graph.add_node(kind, None, name, [], {}, specs, value=value, value_class=SymbolicTensor)

    def _op(self, graph: Graph, entry, where: str) -> tuple:
        op_name = entry["op"]
        op = REGISTRY.get(op_name) if type(op_name) is str else None
        if op is None:
            raise FormatError(f"malformed saved model: {where}: unknown op {op_name!r}: no op "
                              f"of that name in tensorlet's op registry (a saved graph can "
                              f"only name registry ops)")
        inputs = [_ref(graph, r, where) for r in _list(entry["inputs"], where)]
        attrs_doc = entry["attrs"]
        if type(attrs_doc) is not dict:
            raise FormatError(f"malformed saved model: {where}: 'attrs' must be an object")
        attrs = {}
        for key, value in attrs_doc.items():
            if key not in op.attrs:
                raise FormatError(f"malformed saved model: {where}: op {op.name} has no "
                                  f"attribute {key!r} (it has: {', '.join(op.attrs) or 'none'})")
            attrs[key] = schema.decode(value, schema.ATTR_TAGS, f"{where}, attribute {key!r}",
                                       self._subgraph_ref)
        return op, inputs, attrs


def _checked_specs(op, inputs: list, attrs: dict, specs: list, where: str) -> list:
    """The specs the op's shape rule gives (they must agree with the saved ones)."""
    try:
        inferred = op.infer(*[v.spec for v in inputs], **attrs)
    except Exception as exc:  # noqa: BLE001 - any failure of the rule means a malformed node
        raise FormatError(f"malformed saved model: {where}: op {op.name} rejects its saved "
                          f"inputs and attributes: {exc}") from None
    if not specs:
        return specs
    inferred = [inferred] if op.num_outputs == 1 else list(inferred)
    same = len(inferred) == len(specs) and all(
        a.dtype is b.dtype and a.shape.as_list() == b.shape.as_list()
        if a.shape.rank is not None and b.shape.rank is not None else a.dtype is b.dtype
        for a, b in zip(inferred, specs))
    if not same:
        raise FormatError(f"malformed saved model: {where}: saved outputs "
                          f"{[s.short() for s in specs]} but op {op.name} gives "
                          f"{[s.short() for s in inferred]}")
    return inferred


def _ref(graph: Graph, ref, where: str):
    ok = type(ref) is list and len(ref) == 2 and all(type(x) is int for x in ref)
    if not ok or not 0 <= ref[0] < len(graph.nodes):
        raise FormatError(f"malformed saved model: {where}: bad value reference {ref!r} "
                          f"(values must be defined by earlier nodes)")
    outputs = graph.nodes[ref[0]].outputs
    if not 0 <= ref[1] < len(outputs):
        raise FormatError(f"malformed saved model: {where}: node #{ref[0]} has no output "
                          f"{ref[1]}")
    return outputs[ref[1]]


def _keys(doc, keys: set, where: str) -> None:
    if type(doc) is not dict or set(doc) != keys:
        got = sorted(doc) if type(doc) is dict else type(doc).__name__
        raise FormatError(f"malformed saved model: {where}: expected the keys {sorted(keys)}, "
                          f"got {got}")


def _list(x, where: str) -> list:
    if type(x) is not list:
        raise FormatError(f"malformed saved model: {where}: expected a list, got "
                          f"{type(x).__name__}")
    return x
