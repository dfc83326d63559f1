"""Graph control flow: `tf.cond` (this module) and `tf.while_loop` (`control_while.py`).

Eagerly, both are plain Python (`true_fn() if pred else false_fn()`). While a function is
traced with a symbolic predicate, both branches are traced into subgraphs
(`_control_subgraph.py`) and one `cond` node is recorded, whose kernel runs the compiled plan of
the branch the predicate selects. A branch that has side effects (assignments, random draws,
prints) gives a `stateful_cond` node instead (TF's `If` next to `StatelessIf`), so the graph
passes keep it and never fold it. Gradients replay the taken branch under a tape
(`_control_grad.py`), so they are written in tensorlet ops and can be differentiated again.
"""

from __future__ import annotations

from ..core import dtypes, nest
from ..core.context import state
from ..core.convert import convert_to_tensor
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, STATEFUL, def_op
from ..core.spec import TensorSpec
from ..core.tensor import Tensor, wrap
from ..core.variable import Variable
from ..graph.symbolic import SymbolicTensor
from . import _control_grad
from ._control_subgraph import align, emit_node, set_outputs, trace_subgraph

__all__ = ["cond"]


def _cond_kernel(*args, then_branch, else_branch):
    k = then_branch.num_resources
    branch = then_branch if args[k] else else_branch
    return branch.run(*args[:k], *args[k + 1:])


def check_pred(op: str, spec: TensorSpec) -> None:
    """A branch predicate must be a bool tensor with one element (TF's `pred`)."""
    if spec.dtype is not dtypes.bool:
        raise InvalidArgumentError(
            None, None,
            f"{op}: Input 'pred' passed {spec.dtype.name} expected bool: the condition must be "
            f"a bool tensor, got {spec.short()}; compare explicitly, e.g. `x > 0`")
    n = spec.shape.num_elements()
    if n is not None and n != 1:
        raise InvalidArgumentError(
            None, None,
            f"{op}: the condition must be a scalar, got {spec.short()}; reduce it first, e.g. "
            f"tf.reduce_all(...)")


def _cond_infer(*specs, then_branch, else_branch):
    check_pred("cond", specs[then_branch.num_resources])
    return list(then_branch.out_specs)


_ATTRS = {"then_branch": None, "else_branch": None}
COND = def_op("cond", tf_name="StatelessIf", kernel=_cond_kernel, infer=_cond_infer,
              grad=_control_grad.cond_grad, traits=OPAQUE, attrs=_ATTRS, num_outputs=-1)
STATEFUL_COND = def_op("stateful_cond", tf_name="If", kernel=_cond_kernel, infer=_cond_infer,
                       grad=_control_grad.cond_grad, traits=STATEFUL, attrs=_ATTRS,
                       num_outputs=-1)


def is_symbolic(x) -> bool:
    """Whether `x` is a tensor of the graph being traced (control flow must be staged)."""
    return isinstance(x, SymbolicTensor)


def merged_spec(a: TensorSpec, b: TensorSpec) -> TensorSpec:
    return TensorSpec(a.shape.most_specific_compatible_shape(b.shape), a.dtype)


def build_cond(pred, then_sub, else_sub) -> list:
    """Records the node choosing between two traced branches whose outputs are set."""
    check_pred("cond", pred.spec)
    specs = [merged_spec(a.spec, b.spec)
             for a, b in zip(then_sub.graph.outputs, else_sub.graph.outputs)]
    variables, captured = align([then_sub, else_sub])
    then_sub.out_specs = else_sub.out_specs = specs
    stateful = then_sub.is_stateful() or else_sub.is_stateful()
    then_sub.builder = else_sub.builder = None  # traced: let the builders (and tapes) go
    attrs = {"then_branch": then_sub, "else_branch": else_sub}
    return emit_node(STATEFUL_COND if stateful else COND, "cond", variables,
                     [pred, *captured], attrs, specs)


def run_control(op, variables: list, inputs: list, attrs: dict, specs=None):
    """Runs a control-flow op on variables and tensors, eagerly or into the current trace."""
    if state.builder is not None:
        if specs is None:
            specs = op.infer(*[TensorSpec(v.shape, v.dtype) for v in variables],
                             *[state.builder.to_value(x).spec for x in inputs], **attrs)
        return emit_node(op, op.name, variables, inputs, attrs, specs)
    tensors = [x if isinstance(x, Tensor) else convert_to_tensor(x) for x in inputs]
    out = op.kernel(*variables, *[t._value for t in tensors], **attrs)
    result = tuple(wrap(o) for o in out)
    for tape in tuple(state.tapes):
        tape._record(op, (*variables, *tensors), attrs, result)
    return list(result)


def _structure_error(t_out, e_out, detail: str = "") -> TypeError:
    return TypeError(
        f"true_fn and false_fn arguments to tf.cond must have the same number, type, and "
        f"overall structure of return values.\n\ntrue_fn output: {t_out}\nfalse_fn output: "
        f"{e_out}{detail}")


def _branch_leaves(t_out, e_out) -> tuple:
    """The output leaves of each branch, and which positions hold a value (None stays None)."""
    try:
        nest.assert_same_structure(t_out, e_out, check_types=False)
    except (TypeError, ValueError) as exc:
        raise _structure_error(t_out, e_out, f"\n\n{exc}") from None
    t_flat, e_flat = nest.flatten(t_out), nest.flatten(e_out)
    kept = []
    for i, (a, b) in enumerate(zip(t_flat, e_flat)):
        if a is None and b is None:
            continue
        if a is None or b is None:
            raise _structure_error(t_out, e_out)
        kept.append(i)
    return t_flat, e_flat, kept


def _hint(x):
    return x.dtype if isinstance(x, (Tensor, Variable)) else None


def cond(pred, true_fn=None, false_fn=None, name=None):
    """Returns `true_fn()` if `pred` is true, else `false_fn()`.

    Eagerly (or with a Python `pred`) only the chosen function runs. Inside `tf.function`
    with a tensor `pred`, both are traced and one `cond` node runs the chosen branch at each
    call; their results must have the same structure and dtypes (shapes may differ: the output
    shape is the most specific shape compatible with both).

    Args:
        pred: a bool scalar tensor or a Python bool.
        true_fn: a callable returning tensors (or nested structures of them).
        false_fn: a callable returning the same structure as `true_fn`.
        name: unused.

    Returns:
        The result of the chosen function.

    Raises:
        TypeError: when a function is not callable, or the results differ in structure or
            dtype.
        InvalidArgumentError: when `pred` is not a bool scalar.

    Example:
        >>> import tensorlet as tf
        >>> x = tf.constant(-2.0)
        >>> tf.cond(x > 0, lambda: x, lambda: -x).numpy()
        np.float32(2.0)
    """
    if not callable(true_fn):
        raise TypeError("true_fn must be callable.")
    if not callable(false_fn):
        raise TypeError("false_fn must be callable.")
    if not is_symbolic(pred):
        return true_fn() if pred else false_fn()
    convert = _control_grad.autograph_converter()
    then_sub, t_out = trace_subgraph(convert(true_fn), [], "cond_true")
    else_sub, e_out = trace_subgraph(convert(false_fn), [], "cond_false")
    t_flat, e_flat, kept = _branch_leaves(t_out, e_out)
    t_vals = set_outputs(then_sub, [t_flat[i] for i in kept],
                         [_hint(e_flat[i]) for i in kept])
    e_vals = set_outputs(else_sub, [e_flat[i] for i in kept],
                         [_hint(t_flat[i]) for i in kept])
    for a, b in zip(t_vals, e_vals):
        if a.dtype is not b.dtype:
            raise _structure_error(t_out, e_out, f"\n\ndtypes differ: {a.dtype.name} and "
                                                 f"{b.dtype.name}")
    outs = build_cond(pred, then_sub, else_sub)
    flat = [None] * len(t_flat)
    for i, out in zip(kept, outs):
        flat[i] = out
    return nest.pack_sequence_as(t_out, flat)
