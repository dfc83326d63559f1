"""`ConcreteFunction`: one trace of a `tf.function` (its graph, signature and compiled plan).

The traced graph (`.graph`, TF's FuncGraph view) is optimised (`.optimized_graph`) and compiled
into a flat plan on the first call. A call runs the plan on arrays; under an active gradient
tape it interprets the optimised graph through `execute` instead, so the tape records each op.
"""

from __future__ import annotations

import numpy as np

from ..core import nest
from ..core.context import state
from ..core.spec import TensorSpec
from ..core.tensor import EagerTensor, wrap
from ..core.variable import Variable
from . import signature
from .executor import compile_plan, interpret
from .passes.pipeline import optimize
from .traceback_utils import traceback_at

__all__ = ["ConcreteFunction"]


class ConcreteFunction:
    """A traced function specialised to one input signature.

    Attributes:
        graph: the traced graph (inspection API: `get_operations()`, `as_graph_def()`...).
        structured_input_signature: `(args, kwargs)` with a `TensorSpec` per tensor input.
        structured_outputs: the function's outputs as symbolic tensors (None stays None).
    """

    def __init__(self, graph, name: str, key: tuple, paths: list, structured_input_signature,
                 structured_outputs, out_index: list, guards: tuple = (),
                 created_variables: tuple = (), bind=None) -> None:
        self.graph = graph
        self.name = name
        self.key = key
        self.paths = paths
        self.structured_input_signature = structured_input_signature
        self.structured_outputs = structured_outputs
        self.guards = guards
        self.created_variables = created_variables
        self._out_index = out_index
        self._single = len(out_index) == 1 and out_index[0] == 0 and \
            not isinstance(structured_outputs, (list, tuple, dict))
        self._bind = bind
        self.arg_names: list = []  # the Python function's positional parameters, when known
        self._optimized = None
        self._plan = None

    # --- inspection -----------------------------------------------------------------------

    @property
    def optimized_graph(self):
        """The graph after the passes of `passes/pipeline.py` (what actually runs)."""
        if self._optimized is None:
            self._optimized = optimize(self.graph)
        return self._optimized

    @property
    def plan(self):
        if self._plan is None:
            self._plan = compile_plan(self.optimized_graph)
        return self._plan

    @property
    def inputs(self) -> list:
        return list(self.graph.inputs)

    @property
    def outputs(self) -> list:
        return list(self.graph.outputs)

    @property
    def variables(self) -> tuple:
        """The variables the function captures (read or written by reference)."""
        return tuple(n.value for n in self.graph.nodes if n.kind == "capture")

    @property
    def trainable_variables(self) -> tuple:
        return tuple(v for v in self.variables if v.trainable)

    def pretty_printed_graph(self, optimized: bool = True) -> str:
        return str(self.optimized_graph if optimized else self.graph)

    def __repr__(self) -> str:
        args, kwargs = self.structured_input_signature
        inputs = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
        return f"<ConcreteFunction {self.name}({inputs})>"

    # --- calls ----------------------------------------------------------------------------

    def __call__(self, *args, **kwargs):
        if self._bind is not None:
            try:
                args, kwargs = self._bind(args, kwargs)
            except TypeError:
                args, kwargs = self._bind(*self._with_traced_values(args, kwargs))
        key, leaves = signature.flatten(args, kwargs)
        if not signature.compatible(key, self.key):
            raise TypeError(
                f"ConcreteFunction {self.name} was traced for "
                f"{signature.differences(self.paths, self.key, self.paths, key) or key}; "
                f"call the tf.function itself to trace for new inputs")
        return self.call_inputs([x for x in leaves if signature.is_input_object(x)])

    def _with_traced_values(self, args: tuple, kwargs: dict) -> tuple:
        """TF's rule for a trace with Python arguments: the call may leave them out (they are
        fixed in the trace); the tensors fill the other positions, in order or by name."""
        traced = self.structured_input_signature[0]
        names = self.arg_names
        given, full = list(args), []
        for i, slot in enumerate(traced):
            name = names[i] if i < len(names) else None
            if name is not None and name in kwargs:
                full.append(kwargs.pop(name))
            elif any(isinstance(s, TensorSpec) for s in nest.flatten(slot)) and given:
                full.append(given.pop(0))
            else:
                full.append(slot)
        return tuple(full) + tuple(given), kwargs

    def call_inputs(self, inputs: list):
        """Runs on the input leaves (tensors, arrays, variables) in flattened order."""
        if state.tapes:
            return self._pack_tensors(interpret(self.optimized_graph, [_tensor(x) for x in inputs]))
        arrays = [x if isinstance(x, Variable) else _array(x) for x in inputs]
        return self.call_arrays(arrays)

    def call_arrays(self, arrays: list):
        """The fast path: arrays (and variables) in, tensors out; no tape is active."""
        plan = self._plan or self.plan
        try:
            outs = plan.run(*arrays)
        except Exception as exc:  # noqa: BLE001 - re-raised with the op and the user's line
            node, error = plan.explain(exc)
            tb = traceback_at(error, node.where if node is not None else None)
            if tb is None:
                raise
            raise error.with_traceback(tb) from None
        if self._single:
            return wrap(outs[0])
        if self.structured_outputs is None or self.structured_outputs.__class__ is tuple and \
                not self.structured_outputs:
            return self.structured_outputs
        return self._pack_tensors([wrap(o) for o in outs])

    def _pack_tensors(self, tensors: list):
        if self._single:
            return tensors[0]
        from ..core import nest

        leaves = [None if i is None else tensors[i] for i in self._out_index]
        return nest.pack_sequence_as(self.structured_outputs, leaves)


def _array(x):
    value = getattr(x, "_value", None)
    return value if value is not None else np.asarray(x)


def _tensor(x):
    if isinstance(x, (EagerTensor, Variable)):
        return x
    return wrap(np.asarray(x))
