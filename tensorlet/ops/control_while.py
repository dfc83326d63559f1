"""`tf.while_loop`: a Python loop eagerly, one `while_loop` node inside a traced function.

The loop condition and body are traced once each into subgraphs taking the loop variables
(typed by their shape invariants) and the values they capture; the node's kernel runs their
compiled plans until the condition is false. A loop variable must keep its dtype, and its shape
must fit its invariant (the entry shape unless `shape_invariants` relaxes it). A body with side
effects gives a `stateful_while_loop` node (TF's `While`). `while_loop_history` re-runs a loop
for its gradient (`_control_grad.py`).
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes, nest
from ..core.context import state
from ..core.convert import convert_to_tensor
from ..core.dispatch import execute
from ..core.registry import OPAQUE, STATEFUL, def_op
from ..core.shape import TensorShape, as_shape
from ..core.spec import TensorSpec
from ..core.tensor import Tensor
from ..graph.symbolic import SymbolicTensor
from . import _control_grad
from ._control_subgraph import align, emit_node, set_outputs, trace_subgraph
from .control import check_pred

__all__ = ["while_loop"]


def _split(args, body_graph) -> tuple:
    k, n = body_graph.num_resources, len(body_graph.args)
    return args[:k], args[k:k + n], args[k + n:]


def _while_kernel(*args, cond_graph, body_graph, maximum_iterations=-1):
    resources, values, captured = _split(args, body_graph)
    test, body = cond_graph.run, body_graph.run
    i = 0
    while i != maximum_iterations and test(*resources, *values, *captured)[0]:
        values = body(*resources, *values, *captured)
        i += 1
    return tuple(values)


def _history_kernel(*args, cond_graph, body_graph, maximum_iterations=-1):
    resources, values, captured = _split(args, body_graph)
    test, body = cond_graph.run, _control_grad.replayable(body_graph).run
    entering = []
    while len(entering) != maximum_iterations and test(*resources, *values, *captured)[0]:
        entering.append(values)
        values = body(*resources, *values, *captured)
    stacks, tables = [], []
    ragged = ragged_positions(body_graph)
    for j, first in enumerate(args[len(resources):len(resources) + len(values)]):
        rows = [np.asarray(step[j]) for step in entering]
        if j in ragged:
            stack, table = _padded(rows, np.asarray(first), np.asarray(values[j]), j)
            stacks.append(stack)
            tables.append(table)
            continue
        if any(r.shape != np.shape(first) for r in rows):
            raise _shape_error(j)
        stacks.append(np.stack(rows) if rows else np.zeros((0,) + np.shape(first),
                                                           np.asarray(first).dtype))
    return (np.array(len(entering), np.int32), *stacks, *tables)


def _shape_error(j: int) -> NotImplementedError:
    return NotImplementedError(
        f"the gradient of a tf.while_loop whose loop variable {j} changes rank between "
        f"iterations is not supported")


def _padded(rows: list, first: np.ndarray, final: np.ndarray, j: int) -> tuple:
    """Rows of varying shapes (one rank) zero-padded into one stack, and a table of each row's
    shape followed by the shape of the loop variable's final value."""
    if any(r.ndim != first.ndim for r in [*rows, final]):
        raise _shape_error(j)
    table = np.array([*(r.shape for r in rows), final.shape], np.int32)
    table = table.reshape(len(rows) + 1, first.ndim)
    if all(r.shape == first.shape for r in rows):
        stack = np.stack(rows) if rows else np.zeros((0,) + first.shape, first.dtype)
        return stack, table
    stack = np.zeros((len(rows), *table[:-1].max(axis=0)), first.dtype)
    for i, r in enumerate(rows):
        stack[(i, *(slice(0, d) for d in r.shape))] = r
    return stack, table


def ragged_positions(body_graph) -> tuple:
    """The loop variables whose invariant allows their shape to change between iterations:
    `while_loop_history` pads their rows and adds a table of each row's true shape."""
    return tuple(j for j, s in enumerate(body_graph.out_specs) if not s.shape.is_fully_defined())


def _while_infer(*specs, cond_graph, body_graph, maximum_iterations=-1):
    return list(body_graph.out_specs)


def _stacked(shape: TensorShape) -> TensorShape:
    return TensorShape(None) if shape.rank is None else TensorShape([None, *shape.as_list()])


def _history_infer(*specs, cond_graph, body_graph, maximum_iterations=-1):
    specs = body_graph.out_specs
    tables = [TensorSpec([None, specs[j].shape.rank], dtypes.int32)
              for j in ragged_positions(body_graph)]
    return [TensorSpec([], dtypes.int32), *(TensorSpec(_stacked(s.shape), s.dtype)
                                            for s in specs), *tables]


_ATTRS = {"cond_graph": None, "body_graph": None, "maximum_iterations": -1}
WHILE = def_op("while_loop", tf_name="StatelessWhile", kernel=_while_kernel, infer=_while_infer,
               grad=_control_grad.while_grad, traits=OPAQUE, attrs=_ATTRS, num_outputs=-1)
STATEFUL_WHILE = def_op("stateful_while_loop", tf_name="While", kernel=_while_kernel,
                        infer=_while_infer, grad=_control_grad.while_grad, traits=STATEFUL,
                        attrs=_ATTRS, num_outputs=-1)
HISTORY = def_op("while_loop_history", tf_name="WhileLoopHistory", kernel=_history_kernel,
                 infer=_history_infer, grad=_control_grad.history_grad, traits=OPAQUE,
                 attrs=_ATTRS, num_outputs=-1)


# --- reading the history: a row of a stack, differentiable for any stack length --------------

def _row_infer(stack: TensorSpec, i: TensorSpec) -> TensorSpec:
    shape = stack.shape
    return TensorSpec(TensorShape(None) if shape.rank is None else shape[1:], stack.dtype)


def _row_grad(g, y, stack, i):
    return execute(HISTORY_ROW_GRAD, (g, i, stack)), None


def _scatter_row(g, i, like):
    out = np.zeros_like(like)
    out[i] = g
    return out


HISTORY_ROW = def_op("while_loop_history_row", tf_name="TensorListGetItem",
                     kernel=lambda stack, i: stack[i], infer=_row_infer, grad=_row_grad)
HISTORY_ROW_GRAD = def_op(
    "while_loop_history_row_grad", tf_name="TensorListSetItem", kernel=_scatter_row,
    infer=lambda g, i, like: TensorSpec(like.shape, like.dtype),
    grad=lambda gout, y, g, i, like: (execute(HISTORY_ROW, (gout, i)), None, None))


def _cut_infer(stack: TensorSpec, table: TensorSpec, i: TensorSpec) -> TensorSpec:
    rank = stack.shape.rank
    return TensorSpec(TensorShape(None if rank is None else [None] * (rank - 1)), stack.dtype)


def _cut(i, table) -> tuple:
    return (int(i), *(slice(0, int(d)) for d in table[i]))


def _uncut_row(g, table, i, like):
    out = np.zeros_like(like)
    out[_cut(i, table)] = g
    return out


HISTORY_CUT_ROW = def_op(
    "while_loop_history_cut_row", tf_name="TensorListGetItem",
    kernel=lambda stack, table, i: stack[_cut(i, table)], infer=_cut_infer,
    grad=lambda g, y, stack, table, i: (execute(HISTORY_UNCUT_ROW, (g, table, i, stack)),
                                        None, None))
HISTORY_UNCUT_ROW = def_op(
    "while_loop_history_uncut_row", tf_name="TensorListSetItem", kernel=_uncut_row,
    infer=lambda g, table, i, like: TensorSpec(like.shape, like.dtype),
    grad=lambda gout, y, g, table, i, like: (execute(HISTORY_CUT_ROW, (gout, table, i)),
                                             None, None, None))


def history_row(stack, i, table=None):
    """Row `i` of a stack made by `while_loop_history` (cut to its true shape, `table[i]`,
    for a padded stack)."""
    if table is None:
        return execute(HISTORY_ROW, (stack, i))
    return execute(HISTORY_CUT_ROW, (stack, table, i))


def fits(invariant: TensorShape, shape: TensorShape) -> bool:
    """Whether `shape` is at least as specific as `invariant` and agrees with it."""
    if invariant.rank is None:
        return True
    if shape.rank != invariant.rank:
        return False
    return all(a is None or a == b for a, b in zip(invariant, shape))


def _condition(sub, result) -> None:
    (value,) = set_outputs(sub, [result])
    check_pred("while_loop", value.spec)


def build_while(cond_fn, body_fn, init: list, shapes: list, maximum_iterations,
                check_output) -> list:
    """Records a loop over `init` (values of the current trace); returns the final values.

    `cond_fn(*vars)` and `body_fn(*vars)` take and return flat lists of loop values;
    `check_output(i, spec_before, spec_after)` raises for a variable that changed.
    """
    if isinstance(maximum_iterations, SymbolicTensor):
        return _counted(cond_fn, body_fn, init, shapes, maximum_iterations, check_output)
    limit = -1 if maximum_iterations is None else int(maximum_iterations)
    values = [state.builder.to_value(x) for x in init]
    specs = [TensorSpec(s, v.dtype) for v, s in zip(values, shapes)]
    cond_sub, result = trace_subgraph(cond_fn, specs, "while_cond")
    _condition(cond_sub, result)
    body_sub, outs = trace_subgraph(body_fn, specs, "while_body")
    outs = set_outputs(body_sub, list(outs), [s.dtype for s in specs])
    for i, (spec, out) in enumerate(zip(specs, outs)):
        if out.dtype is not spec.dtype or not fits(spec.shape, out.shape):
            check_output(i, spec, out.spec)
    written = {**cond_sub.builder.written, **body_sub.builder.written}
    for sub in (cond_sub, body_sub):
        sub.builder.internalize_reads(written)
    variables, captured = align([cond_sub, body_sub])
    cond_sub.out_specs = [TensorSpec([], dtypes.bool)]
    body_sub.out_specs = specs
    stateful = cond_sub.is_stateful() or body_sub.is_stateful()
    cond_sub.builder = body_sub.builder = None  # traced: let the builders (and tapes) go
    attrs = {"cond_graph": cond_sub, "body_graph": body_sub, "maximum_iterations": limit}
    return emit_node(STATEFUL_WHILE if stateful else WHILE, "while", variables,
                     values + captured, attrs, specs)


def _counted(cond_fn, body_fn, init, shapes, limit, check_output) -> list:
    """A loop whose `maximum_iterations` is a tensor: an extra counter in the condition."""
    from . import math as math_ops
    from . import math_cast, math_compare

    limit = math_cast.cast(limit, dtypes.int32)

    def counted_cond(n, *xs):
        return math_compare.logical_and(math_compare.less(n, limit), cond_fn(*xs))

    def counted_body(n, *xs):
        return [math_ops.add(n, 1), *body_fn(*xs)]

    outs = build_while(counted_cond, counted_body, [np.int32(0), *init], [[], *shapes], None,
                       lambda i, before, after: check_output(i - 1, before, after))
    return outs[1:]


def _flat_invariants(loop_vars, shape_invariants) -> list:
    """One shape per loop-variable leaf (lists of dims count as shapes, not as nesting)."""
    if shape_invariants is None:
        return [None] * len(nest.flatten(loop_vars, True))
    if not nest.is_nested(loop_vars):
        n = len(nest.flatten(loop_vars, True))
        return [shape_invariants] if n == 1 else [None] * n
    if isinstance(loop_vars, dict):
        return [x for k in sorted(loop_vars)
                for x in _flat_invariants(loop_vars[k], shape_invariants[k])]
    if len(loop_vars) != len(shape_invariants):
        raise ValueError(f"shape_invariants must have the structure of loop_vars: "
                         f"{len(shape_invariants)} entries for {len(loop_vars)} loop variables")
    return [x for v, s in zip(loop_vars, shape_invariants) for x in _flat_invariants(v, s)]


def _loop_name(x, i: int) -> str:
    return x.name if isinstance(x, SymbolicTensor) else f"loop_vars[{i}]"


def _graph_loop(cond, body, loop_vars, call, normalize, shape_invariants, maximum_iterations):
    flat = [state.builder.to_value(x) for x in nest.flatten(loop_vars, True)]
    names = [_loop_name(x, i) for i, x in enumerate(nest.flatten(loop_vars, True))]
    shapes = []
    for x, shape, name in zip(flat, _flat_invariants(loop_vars, shape_invariants), names):
        shape = x.shape if shape is None else as_shape(shape)
        if not shape.is_compatible_with(x.shape):
            raise ValueError(
                f"The shape invariant specified for {name} is not compatible with the initial "
                f"shape of the loop variable. It enters the loop with shape {x.shape}, but "
                f"the specified shape invariant is {shape}.")
        shapes.append(shape)
    convert = _control_grad.autograph_converter()
    cond, body = convert(cond), convert(body)

    def cond_fn(*xs):
        return call(cond, nest.pack_sequence_as(loop_vars, list(xs), True))

    def body_fn(*xs):
        out = normalize(call(body, nest.pack_sequence_as(loop_vars, list(xs), True)))
        return nest.flatten(out, True)

    def check_output(i, before, after):
        if after.dtype is not before.dtype:
            raise TypeError(
                f"Loop var {names[i]} enters the loop with type {before.dtype.name} but has "
                f"type {after.dtype.name} after 1 iteration. {names[i]} type should remain "
                f"constant.")
        raise ValueError(
            f"Input tensor `{names[i]}` enters the loop with shape {before.shape}, but has "
            f"shape {after.shape} after one iteration. To allow the shape to vary across "
            f"iterations, use the `shape_invariants` argument of tf.while_loop to specify a "
            f"less-specific shape.")

    outs = build_while(cond_fn, body_fn, flat, shapes, maximum_iterations, check_output)
    return nest.pack_sequence_as(loop_vars, outs, True)


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, maximum_iterations=None, name=None):
    """Repeats `body` while `cond` is true: `while cond(*vars): vars = body(*vars)`.

    Eagerly this is a Python loop. Inside `tf.function` it is one `while_loop` node: `cond` and
    `body` are traced once, and each loop variable must keep its dtype and a shape that fits its
    invariant (`shape_invariants` relaxes a shape, e.g. `tf.TensorShape([None])`).

    Args:
        cond: a callable returning a bool scalar, called with the loop variables.
        body: a callable returning new loop variables (the same structure).
        loop_vars: a (nested) list or tuple of tensors or Python numbers.
        shape_invariants: the shape each loop variable keeps (default: its entry shape).
        parallel_iterations: accepted for compatibility; iterations run in order.
        back_prop: accepted for compatibility; the loop is always differentiable.
        swap_memory: accepted for compatibility.
        maximum_iterations: stop after this many iterations (an int or an int tensor).
        name: unused.

    Returns:
        The final loop variables (tensors), in the structure of `loop_vars`.

    Raises:
        TypeError: when `cond` or `body` is not callable, or a loop variable changes dtype.
        ValueError: when a loop variable's shape does not fit its invariant, or the body's
            result has another structure.

    Example:
        >>> import tensorlet as tf
        >>> tf.while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s + i), (0, 0))[1].numpy()
        np.int32(6)
    """
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if loop_vars is None or (nest.is_nested(loop_vars) and not nest.flatten(loop_vars)):
        raise ValueError("'loop_vars' must be provided.")
    as_args = isinstance(loop_vars, (list, tuple))

    def call(fn, values):
        return fn(*values) if as_args else fn(values)

    def normalize(out):
        if as_args and len(loop_vars) == 1 and not isinstance(out, (list, tuple)):
            out = [out]
        nest.assert_same_structure(loop_vars, out, check_types=False)
        return nest.pack_sequence_as(loop_vars, nest.flatten(out))

    if state.builder is not None:
        return _graph_loop(cond, body, loop_vars, call, normalize, shape_invariants,
                           maximum_iterations)
    limit = None if maximum_iterations is None else int(maximum_iterations)
    values, i = loop_vars, 0
    while (limit is None or i < limit) and call(cond, values):
        values, i = normalize(call(body, values)), i + 1
    return nest.map_structure(_as_tensor, values)


def _as_tensor(x):
    if isinstance(x, Tensor) or hasattr(type(x), "_type_spec"):  # a composite stays itself
        return x
    return convert_to_tensor(x)
