"""A small typed SSA IR: a `Graph` of `Node`s whose `Value`s are typed by `TensorSpec`.

Every value is defined once, by one node, and nodes are kept in program order, so any prefix of
`graph.nodes` is a valid program and stateful nodes keep the order the user wrote them in. A node
is a registry op (`kind == "op"`) or one of the leaves: a function input (`"input"`), a variable
passed as an argument (`"resource"`), a captured variable (`"capture"`) or a constant
(`"const"`). Passes and the executor key values by `id(value)`: symbolic tensors overload `==`.

The inspection API follows TF's graphs: `get_operations()`, `op.name`, `op.type`, `op.inputs`,
`op.outputs`, `get_operation_by_name`, `get_tensor_by_name("add:0")`; `str(graph)` prints one
line per op, like a jaxpr.
"""

from __future__ import annotations

from ..core.spec import TensorSpec

__all__ = ["Value", "Node", "Graph", "RESOURCE_KINDS"]

RESOURCE_KINDS = frozenset({"resource", "capture"})


class Value:
    """One SSA value: output `index` of `node`, typed by `spec` (dims may be unknown)."""

    __slots__ = ("spec", "node", "index")

    def __init__(self, spec: TensorSpec, node: Node, index: int) -> None:
        self.spec = spec
        self.node = node
        self.index = index

    @property
    def shape(self):
        return self.spec.shape

    @property
    def dtype(self):
        return self.spec.dtype

    @property
    def name(self) -> str:
        """TF's tensor name, `"<op name>:<output index>"`."""
        return f"{self.node.name}:{self.index}"

    @property
    def op(self) -> Node:
        return self.node

    @property
    def graph(self) -> Graph:
        return self.node.graph

    @property
    def is_resource(self) -> bool:
        return self.node.kind in RESOURCE_KINDS

    def consumers(self) -> list:
        """The nodes that read this value."""
        return [n for n in self.node.graph.nodes if any(x is self for x in n.inputs)]

    def ref_text(self) -> str:
        """How the printer refers to this value."""
        return self.node.name if len(self.node.outputs) == 1 else self.name

    def type_text(self) -> str:
        text = self.spec.short()
        for name, short in _SHORT_DTYPES.items():
            if text.startswith(name + "["):
                text = short + text[len(name):]
                break
        return f"ref {text}" if self.is_resource else text

    def __repr__(self) -> str:
        return f"<Value {self.name} {self.type_text()}>"


_SHORT_DTYPES = {"float16": "f16", "float32": "f32", "float64": "f64", "int8": "i8",
                 "int16": "i16", "int32": "i32", "int64": "i64", "uint8": "u8", "uint16": "u16",
                 "uint32": "u32", "uint64": "u64", "bool": "bool", "complex64": "c64",
                 "complex128": "c128", "string": "str"}


class Node:
    """One operation of a graph (TF's `tf.Operation`).

    Attributes:
        kind: "op", "input", "resource", "capture" or "const".
        op: the registry `OpDef` (None for leaves).
        inputs: the `Value`s read, in order.
        attrs: the op's attributes.
        outputs: the `Value`s defined.
        value: the array of a constant, or the variable of a capture.
        where: `(filename, lineno, function)` of the user code that created it, or None.
    """

    __slots__ = ("graph", "kind", "op", "name", "inputs", "attrs", "outputs", "value", "where")

    def __init__(self, graph: Graph, kind: str, op, name: str, inputs: list, attrs: dict,
                 value=None, where=None) -> None:
        self.graph = graph
        self.kind = kind
        self.op = op
        self.name = name
        self.inputs = inputs
        self.attrs = attrs
        self.outputs: list = []
        self.value = value
        self.where = where

    @property
    def type(self) -> str:
        """TF's op type: `Placeholder`, `Const` or the op's kernel name (`AddV2`, `MatMul`)."""
        if self.kind == "op":
            return self.op.tf_name
        return "Const" if self.kind == "const" else "Placeholder"

    @property
    def node_def(self):
        from .graph_def import node_def

        return node_def(self)

    def get_attr(self, name: str):
        if name not in self.attrs:
            raise ValueError(f"Operation '{self.name}' has no attr named '{name}'.")
        return self.attrs[name]

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}' type={self.type}>"


class Graph:
    """A traced function: nodes in program order, its inputs and its outputs.

    Example:
        >>> import tensorlet as tf
        >>> f = tf.function(lambda x: x * 2.0)
        >>> g = f.get_concrete_function(tf.TensorSpec([3])).graph
        >>> [op.type for op in g.get_operations()]
        ['Placeholder', 'Const', 'Mul']
    """

    def __init__(self, name: str = "graph") -> None:
        self.name = name
        self.nodes: list[Node] = []
        self.inputs: list[Value] = []
        self.outputs: list[Value] = []
        self._name_counts: dict[str, int] = {}

    def unique_name(self, base: str) -> str:
        """`base`, or `base_1`, `base_2`... if taken (TF's naming)."""
        count = self._name_counts.get(base)
        if count is None:
            self._name_counts[base] = 0
            return base
        while True:
            count += 1
            name = f"{base}_{count}"
            if name not in self._name_counts:
                self._name_counts[base] = count
                self._name_counts[name] = 0
                return name

    def make_node(self, kind: str, op, name: str, inputs: list, attrs: dict, specs,
                  value=None, where=None, value_class=Value) -> Node:
        """Creates a node (not yet placed in `nodes`) with one output per spec."""
        node = Node(self, kind, op, self.unique_name(name), inputs, attrs, value, where)
        node.outputs = [value_class(spec, node, i) for i, spec in enumerate(specs)]
        return node

    def add_node(self, *args, **kwargs) -> Node:
        """`make_node`, appended at the end of the program."""
        node = self.make_node(*args, **kwargs)
        self.nodes.append(node)
        return node

    # --- TF's inspection API ------------------------------------------------------------

    def get_operations(self) -> list:
        return list(self.nodes)

    def get_operation_by_name(self, name: str) -> Node:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(f"The name '{name}' refers to an Operation not in the graph.")

    def get_tensor_by_name(self, name: str) -> Value:
        op_name, sep, index = name.rpartition(":")
        if not sep or not index.isdigit():
            raise ValueError(f"The name '{name}' looks like an (invalid) Operation name, not a "
                             f"Tensor name. Tensor names must be of the form "
                             f"\"<op_name>:<output_index>\".")
        node = self.get_operation_by_name(op_name)
        if int(index) >= len(node.outputs):
            raise KeyError(f"The name '{name}' refers to a Tensor which does not exist. The "
                           f"operation, '{op_name}', exists but only has "
                           f"{len(node.outputs)} outputs.")
        return node.outputs[int(index)]

    def as_graph_def(self):
        """A GraphDef-like record whose `str()` is TF's protobuf text format."""
        from .graph_def import graph_def

        return graph_def(self)

    def copy(self) -> Graph:
        """A structurally equal graph with fresh nodes and plain `Value`s (for the passes)."""
        new = Graph(self.name)
        new._name_counts = dict(self._name_counts)
        mapping: dict[int, Value] = {}
        for node in self.nodes:
            clone = Node(new, node.kind, node.op, node.name,
                         [mapping[id(v)] for v in node.inputs], node.attrs, node.value,
                         node.where)
            clone.outputs = [Value(v.spec, clone, v.index) for v in node.outputs]
            for old, fresh in zip(node.outputs, clone.outputs):
                mapping[id(old)] = fresh
            new.nodes.append(clone)
        new.inputs = [mapping[id(v)] for v in self.inputs]
        new.outputs = [mapping[id(v)] for v in self.outputs]
        return new

    def __str__(self) -> str:
        from .printer import pretty

        return pretty(self)

    def __repr__(self) -> str:
        return f"<Graph {self.name!r}: {len(self.nodes)} nodes>"
