"""Subgraphs: the functions that `cond` and `while_loop` nodes carry as attributes.

A branch or loop body is traced into its own `Graph` by a `SubgraphBuilder`, a graph builder
whose parent is the builder of the enclosing trace. A symbolic tensor of an enclosing graph used
inside becomes a *capture*: an input of the subgraph, fed by the enclosing value. Variables are
read in the enclosing graph just before the control-flow node (so a tape sees the read and the
gradient reaches the variable), unless the subgraph writes them: a written variable becomes a
*resource* input, read and written inside. A loop that writes a variable reads it inside on every
iteration (`internalize_reads`).

A `Subgraph` holds the traced graph with its inputs in the order `[*resources, *args,
*captures]` and compiles the optimised graph into a plan on first use.
"""

from __future__ import annotations

import contextlib

from ..core.context import state
from ..core.spec import TensorSpec
from ..graph.builder import GraphBuilder, user_frame
from ..graph.ir import Graph
from ..graph.symbolic import SymbolicTensor
from . import state_ops

__all__ = ["Subgraph", "SubgraphBuilder", "trace_subgraph", "align", "emit_node", "located"]

_NO_ATTRS: dict = {}


class Subgraph:
    """A traced function attached to a control-flow node (TF's `FuncGraph`).

    Attributes:
        graph: the traced graph; inputs are `[*resources, *args, *captures]`.
        args: the placeholders of the function's own arguments.
        variables: the variable of each resource input (as traced).
        out_specs: the specs of the node's outputs (merged over branches, or loop invariants).
    """

    def __init__(self, graph: Graph, builder: SubgraphBuilder, args: list) -> None:
        self.graph = graph
        self.builder = builder
        self.args = args
        self.variables: list = []
        self.out_specs: list = []
        self._plan = None
        self._replayable = None

    @property
    def num_resources(self) -> int:
        return len(self.variables)

    @property
    def plan(self):
        if self._plan is None:
            from ..graph.executor import compile_plan
            from ..graph.passes.pipeline import optimize

            self._plan = compile_plan(optimize(self.graph))
        return self._plan

    def run(self, *args) -> tuple:
        """Runs the compiled graph on arrays (variables for resource inputs)."""
        plan = self._plan or self.plan
        try:
            return plan.run(*args)
        except Exception as exc:  # noqa: BLE001 - re-raised located at the failing user line
            raise located(plan, exc) from None

    def is_stateful(self) -> bool:
        return any(n.kind == "op" and n.op.traits.stateful for n in self.graph.nodes)

    def __repr__(self) -> str:
        return self.graph.name

    def __str__(self) -> str:
        return str(self.graph)


def located(plan, exc: BaseException) -> BaseException:
    """`exc` explained by `plan` (the failing node and the op's error), marked with its node.

    `Plan.explain` of an enclosing plan keeps the innermost node (`_located_node`), so the
    traceback ends at the user's line inside the branch or loop body.
    """
    if getattr(exc, "_located_node", None) is not None:
        return exc
    node, error = plan.explain(exc)
    if node is not None:
        error._located_node = node
    return error


class SubgraphBuilder(GraphBuilder):
    """Records the ops of a branch or loop body; captures what it uses from enclosing graphs."""

    def __init__(self, graph: Graph, parent: GraphBuilder) -> None:
        super().__init__(graph, parent.allow_variable_creation)
        self.parent = parent
        self.parent_tapes = state.tapes
        self.captures: list = []  # (enclosing value, inner placeholder)
        self._captured: dict = {}  # id(enclosing value) -> inner placeholder
        self.resources: list = []  # (variable, inner resource input)
        self.written: dict = {}  # id(variable) -> variable, written here or in a nested subgraph
        self.outer_reads: dict = {}  # id(variable) -> (variable, inner placeholder)

    # --- captures ---------------------------------------------------------------------------

    def to_value(self, x, dtype_hint=None):
        if isinstance(x, SymbolicTensor) and x.node.graph is not self.graph:
            return self.capture(x)
        return super().to_value(x, dtype_hint)

    def capture(self, outer: SymbolicTensor) -> SymbolicTensor:
        """The placeholder standing for `outer`, a value of an enclosing graph."""
        inner = self._captured.get(id(outer))
        if inner is not None:
            return inner
        if not self._encloses(outer.node.graph):
            raise ValueError(
                f"{outer.name} was created inside another branch or loop body (a tf.cond or "
                f"tf.while_loop) and cannot be used outside it; return it from that function "
                f"instead of storing it")
        parent_value = self.parent.to_value(outer)
        node = self.graph.add_node("input", None, outer.node.name, [], {}, [outer.spec],
                                   value_class=SymbolicTensor)
        inner = node.outputs[0]
        self._captured[id(outer)] = inner
        self.captures.append((parent_value, inner))
        return inner

    def _encloses(self, graph) -> bool:
        builder = self.parent
        while builder is not None:
            if builder.graph is graph:
                return True
            builder = getattr(builder, "parent", None)
        return False

    @contextlib.contextmanager
    def _in_parent(self):
        saved = state.builder, state.tapes
        state.builder, state.tapes = self.parent, self.parent_tapes
        try:
            yield
        finally:
            state.builder, state.tapes = saved

    # --- variables --------------------------------------------------------------------------

    def _handle(self, variable):
        handle = self._handles.get(id(variable))
        if handle is None:
            outer = self.parent._handle(variable)
            node = self.graph.make_node("resource", None, outer.node.name, [], {}, [outer.spec])
            self.graph.nodes.insert(0, node)
            handle = self._handles[id(variable)] = node.outputs[0]
            self.resources.append((variable, handle))
        return handle

    def read_variable(self, variable):
        if id(variable) in self.written:
            return super().read_variable(variable)
        entry = self.outer_reads.get(id(variable))
        if entry is None or state.tapes:
            with self._in_parent():
                outer = self.parent.read_variable(variable)
            inner = self.capture(outer)
            entry = self.outer_reads[id(variable)] = (variable, inner)
        for tape in tuple(state.tapes):
            tape._record(state_ops.READ_VARIABLE, [variable], _NO_ATTRS, entry[1])
        return entry[1]

    def assign_variable(self, variable, value, how: str = "assign"):
        result = super().assign_variable(variable, value, how)
        self.mark_written(variable)
        return result

    def mark_written(self, variable) -> None:
        """Later reads happen inside, here and in every enclosing graph (after this node)."""
        self.written[id(variable)] = variable
        self._reads.pop(id(variable), None)
        self.parent._reads.pop(id(variable), None)
        if isinstance(self.parent, SubgraphBuilder):
            self.parent.mark_written(variable)

    def internalize_reads(self, written: dict) -> None:
        """Turns captured reads of `written` variables into reads inside this graph."""
        for key, (variable, inner) in list(self.outer_reads.items()):
            if key not in written:
                continue
            handle = self._handle(variable)
            node = inner.node
            node.kind, node.op, node.inputs, node.attrs = \
                "op", state_ops.READ_VARIABLE, [handle], {}
            self.captures = [(o, i) for o, i in self.captures if i is not inner]
            del self.outer_reads[key]

    def lift_variable(self, variable, initial_value):
        return self.parent.lift_variable(variable, initial_value)

    @property
    def root(self) -> GraphBuilder:
        builder = self.parent
        while isinstance(builder, SubgraphBuilder):
            builder = builder.parent
        return builder


@contextlib.contextmanager
def _building(builder: SubgraphBuilder):
    saved = state.builder, state.tapes
    state.builder, state.tapes = builder, []
    try:
        yield
    finally:
        state.builder, state.tapes = saved


def trace_subgraph(fn, arg_specs: list, name: str, arg_names=None) -> tuple:
    """Traces `fn(*placeholders)` into a new subgraph of the current trace.

    Returns `(subgraph, result)`: `result` is what `fn` returned, in the subgraph's terms; the
    caller converts it into outputs with `set_outputs`.
    """
    parent = state.builder
    graph = Graph(parent.graph.unique_name(name))
    builder = SubgraphBuilder(graph, parent)
    args = []
    for i, spec in enumerate(arg_specs):
        label = arg_names[i] if arg_names else f"arg{i}"
        args.append(builder.placeholder(TensorSpec(spec.shape, spec.dtype), label))
    with _building(builder):
        result = fn(*args)
    return Subgraph(graph, builder, args), result


def set_outputs(sub: Subgraph, leaves: list, hints=None) -> list:
    """Makes `leaves` (tensors or Python values) the subgraph's outputs; returns the values."""
    builder = sub.builder
    values = []
    with _building(builder):
        for i, leaf in enumerate(leaves):
            hint = hints[i] if hints is not None else None
            values.append(builder.to_value(leaf, hint))
    sub.graph.outputs = values
    return values


def align(subs: list) -> tuple:
    """Gives every subgraph the same resource and capture inputs, in one order.

    Returns `(variables, captured)`: the variables of the resource inputs and the enclosing
    values that feed the capture inputs, in input order.
    """
    variables, seen_vars = [], set()
    captured, seen_values = [], set()
    for sub in subs:
        for variable, _ in sub.builder.resources:
            if id(variable) not in seen_vars:
                seen_vars.add(id(variable))
                variables.append(variable)
        for outer, _ in sub.builder.captures:
            if id(outer) not in seen_values:
                seen_values.add(id(outer))
                captured.append(outer)
    for sub in subs:
        b = sub.builder
        resources = [b._handle(v) for v in variables]
        inner = {id(o): i for o, i in b.captures}
        caps = [inner[id(o)] if id(o) in inner else _unused_input(sub.graph, o)
                for o in captured]
        sub.variables = list(variables)
        sub.graph.inputs = resources + list(sub.args) + caps
    return variables, captured


def _unused_input(graph: Graph, outer) -> SymbolicTensor:
    node = graph.add_node("input", None, outer.node.name, [], {}, [outer.spec],
                          value_class=SymbolicTensor)
    return node.outputs[0]


def emit_node(op, name: str, variables: list, inputs: list, attrs: dict, specs: list) -> list:
    """Adds a control-flow node to the current trace; returns its outputs.

    Inputs are `[*resource handles of variables, *inputs]` (values of the current graph).
    """
    builder = state.builder
    values = [builder._handle(v) for v in variables] + [builder.to_value(x) for x in inputs]
    node = builder.graph.add_node("op", op, name, values, dict(attrs), list(specs),
                                  where=user_frame(), value_class=SymbolicTensor)
    result = tuple(node.outputs)
    for tape in tuple(state.tapes):
        tape._record(op, values, attrs, result)
    return list(result)
