"""The graph builder: while a function is traced, every op is recorded as a node.

`core.dispatch.execute` hands each op to `state.builder.add_op` while a builder is installed.
The builder turns the op's inputs into graph values (symbolic tensors stay; outside eager tensors
and Python/NumPy values become `Const` nodes; variables are read through `read_variable` from a
captured resource), checks dtypes and runs the op's shape rule, appends the node, and tells the
gradient tapes opened inside the function, so a tape's backward pass is traced too.
"""

from __future__ import annotations

import contextlib
import sys

from ..core import dtypes
from ..core.context import state
from ..core.convert import holds_traced, to_array
from ..core.dispatch import check_dtypes, promotion_target
from ..core.errors import InvalidArgumentError, TracedDtypeError, TracedShapeError, as_traced
from ..core.frames import first_outside
from ..core.registry import REGISTRY
from ..core.spec import TensorSpec
from ..core.tensor import EagerTensor, wrap
from ..core.variable import Variable
from ..ops import state_ops
from .ir import Graph, Value
from .symbolic import SymbolicTensor

__all__ = ["GraphBuilder", "building", "suspended", "user_frame", "SINGLETON_VARIABLES"]

_NO_ATTRS: dict = {}
SINGLETON_VARIABLES = (
    "tf.function only supports singleton tf.Variables created on the first call. Make sure the "
    "tf.Variable is only created once or created outside tf.function. See "
    "https://www.tensorflow.org/guide/function#creating_tfvariables for more information.")


def user_frame(depth: int = 2):
    """`(filename, lineno, function)` of the innermost caller outside the tensorlet package."""
    frame = first_outside(sys._getframe(depth))
    if frame is None:
        return None
    return frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name


@contextlib.contextmanager
def building(builder: GraphBuilder):
    """Installs `builder`; tapes opened outside the function do not see its symbolic ops."""
    saved = state.builder, state.tapes
    state.builder, state.tapes = builder, []
    try:
        yield builder
    finally:
        state.builder, state.tapes = saved


@contextlib.contextmanager
def suspended():
    """Runs the block eagerly inside a trace (TF's `init_scope`)."""
    saved = state.builder, state.tapes
    state.builder, state.tapes = None, []
    try:
        yield
    finally:
        state.builder, state.tapes = saved


def _first_tensor_dtype(x):
    """The dtype of the first tensor in a nested list, or None."""
    if isinstance(x, (list, tuple)):
        for item in x:
            dtype = _first_tensor_dtype(item)
            if dtype is not None:
                return dtype
        return None
    return x.dtype if isinstance(x, (SymbolicTensor, EagerTensor, Variable)) else None


class GraphBuilder:
    """Records the ops of one trace into `graph`.

    Args:
        graph: the graph to fill.
        allow_variable_creation: whether `tf.Variable(...)` may be called (first trace only).
    """

    def __init__(self, graph: Graph, allow_variable_creation: bool = False) -> None:
        self.graph = graph
        self.allow_variable_creation = allow_variable_creation
        self.created_variables: list = []
        self._captures: dict = {}  # id(eager tensor) -> (tensor, Const value)
        self._handles: dict = {}  # id(variable) -> resource Value
        self._reads: dict = {}  # id(variable) -> latest read, until the next assignment

    # --- leaves ---------------------------------------------------------------------------

    def placeholder(self, spec: TensorSpec, name: str) -> SymbolicTensor:
        node = self.graph.add_node("input", None, name, [], {}, [spec],
                                   value_class=SymbolicTensor)
        self.graph.inputs.append(node.outputs[0])
        return node.outputs[0]

    def variable_input(self, variable, name: str) -> Value:
        """A variable passed as an argument: a resource input bound on every call."""
        node = self.graph.add_node("resource", None, name, [], {}, [_variable_spec(variable)])
        self.graph.inputs.append(node.outputs[0])
        self._handles[id(variable)] = node.outputs[0]
        return node.outputs[0]

    def constant(self, array, name: str = "Const") -> SymbolicTensor:
        spec = TensorSpec(array.shape, dtypes.from_numpy(array.dtype))
        node = self.graph.add_node("const", None, name, [], {}, [spec], value=array,
                                   where=user_frame(3), value_class=SymbolicTensor)
        return node.outputs[0]

    def to_value(self, x, dtype_hint=None) -> Value:
        """The graph value for an op input: a tensor, variable, array or Python value."""
        if isinstance(x, SymbolicTensor):
            if x.node.graph is not self.graph:
                raise TypeError(
                    f"{x.name} belongs to another traced function or to the body of a loop or "
                    f"branch (graph '{x.node.graph.name}') and is out of scope here; pass it "
                    f"as an argument, or return it from that function, loop or branch (collect "
                    f"values across loop iterations in a tf.TensorArray)")
            return x
        if isinstance(x, EagerTensor):
            return self._capture(x)
        if isinstance(x, Variable):
            return self.read_variable(x)
        if isinstance(x, (list, tuple)) and holds_traced(x):
            return self.pack(x, dtype_hint)
        return self.constant(to_array(x, dtype_hint=dtype_hint))

    def pack(self, x, dtype_hint=None) -> Value:
        """A (nested) list holding traced tensors as one tensor, stacked as TF packs it: every
        element takes the dtype of the first tensor in it (Python numbers are converted to it,
        never silently changed)."""
        dtype = _first_tensor_dtype(x) or dtype_hint

        def build(item):
            if isinstance(item, (list, tuple)):
                return self.add_op(REGISTRY["stack"], [build(e) for e in item], {"axis": 0},
                                   None)
            if isinstance(item, (SymbolicTensor, EagerTensor, Variable)):
                value = self.to_value(item)
                if dtype is not None and value.dtype is not dtype:
                    raise TypeError(
                        f"Cannot pack a list of tensors of different dtypes: {value.dtype.name} "
                        f"and {dtype.name} (got {item!r}); cast them to one dtype first")
                return value
            return self.constant(to_array(item, dtype))

        return build(x)

    def _capture(self, x: EagerTensor) -> Value:
        entry = self._captures.get(id(x))
        if entry is None or entry[0] is not x:
            entry = (x, self.constant(x._value))
            self._captures[id(x)] = entry
        return entry[1]

    # --- ops ------------------------------------------------------------------------------

    def add_op(self, op, inputs, attrs, name):
        """Records `op(*inputs, **attrs)`; returns its symbolic output(s)."""
        values = self._convert(op, inputs)
        if op.dtype_group:
            target = promotion_target(op, [v.dtype for v in values])
            if target is not None:
                values = [self.add_op(REGISTRY["cast"], [v], {"dtype": target}, None)
                          if i in op.dtype_group and v.dtype is not target else v
                          for i, v in enumerate(values)]
            try:
                check_dtypes(op, [v.dtype for v in values])
            except InvalidArgumentError as error:
                raise as_traced(error, TracedDtypeError) from None
        try:
            specs = op.infer(*[v.spec for v in values], **attrs)
        except InvalidArgumentError as error:
            raise as_traced(error, TracedShapeError) from None
        single = op.num_outputs == 1
        node = self.graph.add_node("op", op, name or op.name, values, dict(attrs),
                                   [specs] if single else list(specs), where=user_frame(),
                                   value_class=SymbolicTensor)
        result = node.outputs[0] if single else tuple(node.outputs)
        if state.tapes:
            for tape in tuple(state.tapes):
                tape._record(op, values, attrs, result)
        return result

    def _convert(self, op, inputs) -> list:
        group = op.dtype_group
        hint = None
        for i in group:
            if isinstance(inputs[i], (EagerTensor, SymbolicTensor, Variable)):
                hint = inputs[i].dtype
                break
        values = []
        for i, x in enumerate(inputs):
            value = self.to_value(x, hint if i in group else None)
            if hint is None and i in group:
                hint = value.dtype
            values.append(value)
        return values

    # --- variables ------------------------------------------------------------------------

    def _handle(self, variable) -> Value:
        handle = self._handles.get(id(variable))
        if handle is None:
            name = variable.name.split(":")[0]
            node = self.graph.add_node("capture", None, name, [], {},
                                       [_variable_spec(variable)], value=variable)
            handle = self._handles[id(variable)] = node.outputs[0]
        return handle

    def read_variable(self, variable) -> SymbolicTensor:
        """The variable's value at this point of the program (`ReadVariableOp`)."""
        tapes = state.tapes
        if not tapes:
            cached = self._reads.get(id(variable))
            if cached is not None:
                return cached
        handle = self._handle(variable)
        op = state_ops.READ_VARIABLE
        node = self.graph.add_node("op", op, op.tf_name, [handle], {}, [op.infer(handle.spec)],
                                   where=user_frame(), value_class=SymbolicTensor)
        value = self._reads[id(variable)] = node.outputs[0]
        # NOTE: a tape sees the read as an op on the variable itself, so a tape opened inside
        # the function differentiates with respect to the variable (read_variable's grad: g).
        for tape in tuple(tapes):
            tape._record(op, [variable], _NO_ATTRS, value)
        return value

    def assign_variable(self, variable, value, how: str = "assign"):
        """Records `variable.assign(value)` (or assign_add / assign_sub) in program order."""
        op = state_ops.UPDATES[how]
        handle = self._handle(variable)
        x = self.to_value(value, dtype_hint=variable.dtype)
        op.infer(handle.spec, x.spec)
        self.graph.add_node("op", op, op.tf_name, [handle, x], {}, [], where=user_frame())
        self._reads.pop(id(variable), None)
        return variable

    def lift_variable(self, variable, initial_value):
        """Called by `tf.Variable(...)` inside a trace: returns a concrete initial value.

        Raises:
            ValueError: when variables may not be created (TF's singleton rule, A13.18).
        """
        if not self.allow_variable_creation:
            raise ValueError(SINGLETON_VARIABLES)
        self.created_variables.append(variable)
        if callable(initial_value):
            with suspended():
                initial_value = initial_value()
        if isinstance(initial_value, SymbolicTensor):
            initial_value = self.evaluate(initial_value)
        return initial_value

    def evaluate(self, value: SymbolicTensor) -> EagerTensor:
        """Computes a value that depends only on constants and variables, now."""
        from .executor import evaluate

        needed = _ancestors(value)
        for node in self.graph.nodes:
            if id(node) in needed and node.kind in ("input", "resource"):
                raise ValueError(
                    f"tf.Variable's initial value depends on the function input "
                    f"'{node.name}'; create the variable from a constant or a callable, or "
                    f"outside tf.function")
        nodes = [n for n in self.graph.nodes if id(n) in needed]
        with suspended():
            return wrap(evaluate(nodes, value))


def _ancestors(value: Value) -> set:
    seen: set = set()
    stack = [value.node]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(v.node for v in node.inputs)
    return seen


def _variable_spec(variable) -> TensorSpec:
    return TensorSpec(variable.shape, variable.dtype)

