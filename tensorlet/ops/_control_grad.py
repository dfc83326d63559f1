"""Gradients of `cond` and `while_loop`, written in tensorlet ops (so they nest and repeat).

A branch's gradient replays the branch's graph under a tape and differentiates the replay
(`vjp`). `cond`'s gradient is a `cond` choosing between the two branches' gradients. A loop's
gradient runs the loop again with `while_loop_history`, which stacks the loop variables entering
each iteration (zero-padded, with a table of true shapes, for variables whose shape may change),
then walks the iterations backwards in a `while_loop` whose body is the loop body's vjp. The
history op's own gradient is the same backward loop, fed per-iteration cotangents, so second and
higher derivatives follow.

Replays skip assignments (their effect already happened) and refuse random draws, whose values
a replay would not reproduce.
"""

from __future__ import annotations

from ..core.context import state
from ..core.dispatch import execute
from ..core.tensor import Tensor, wrap
from ..core.variable import Variable

__all__ = ["cond_grad", "while_grad", "history_grad", "vjp", "replay", "replayable",
           "autograph_converter"]


def autograph_converter():
    """The installed AutoGraph converter (identity when none is installed)."""
    from ..graph import tracing

    convert = tracing._converter["convert"]
    return convert if convert is not None else _same


def _same(fn):
    return fn


def _is_float(x) -> bool:
    if isinstance(x, Variable) or not isinstance(x, Tensor):
        return False
    return x.dtype.is_floating or x.dtype.is_complex


def _stateful_outputs_error(node) -> NotImplementedError:
    return NotImplementedError(
        f"the gradient through a tf.cond / tf.while_loop whose body draws random numbers or "
        f"has other side effects with results ({node.op.name}, node '{node.name}') is not "
        f"supported: a replay would not reproduce those values. Compute them outside the "
        f"cond / loop and pass them in")


def replayable(sub):
    """`sub` without its assignments (for recomputation); raises for random draws."""
    if sub._replayable is None:
        from ._control_subgraph import Subgraph

        for node in sub.graph.nodes:
            if node.kind == "op" and node.op.traits.stateful and node.outputs:
                raise _stateful_outputs_error(node)
        graph = sub.graph.copy()
        graph.nodes = [n for n in graph.nodes
                       if not (n.kind == "op" and n.op.traits.stateful and not n.outputs)]
        for node in graph.nodes:
            if node.kind == "op" and node.op.num_outputs == -1:
                node.op, node.attrs = _stateless(node.op, node.attrs)
        clone = Subgraph(graph, None, [])
        clone.variables, clone.out_specs = sub.variables, sub.out_specs
        sub._replayable = clone
    return sub._replayable


def _stateless(op, attrs: dict) -> tuple:
    """A control-flow op and attributes that replay without side effects."""
    from ..core.registry import REGISTRY
    from ._control_subgraph import Subgraph

    attrs = {k: replayable(v) if isinstance(v, Subgraph) else v for k, v in attrs.items()}
    return REGISTRY[_STATELESS.get(op.name, op.name)], attrs


_STATELESS = {"stateful_cond": "cond", "stateful_while_loop": "while_loop"}


def _read(variable):
    if state.builder is not None:
        return state.builder.read_variable(variable)
    return wrap(variable._value)


def replay(sub, inputs: list) -> list:
    """Runs `sub`'s graph op by op on `inputs` (eagerly or into the current trace)."""
    from ..ops import state_ops
    from .control import run_control

    env: dict = {}
    k = sub.num_resources
    for i, (v, x) in enumerate(zip(sub.graph.inputs, inputs)):
        env[id(v)] = x if i >= k or isinstance(x, Variable) else sub.variables[i]
    for node in sub.graph.nodes:
        if node.kind == "const":
            env[id(node.outputs[0])] = wrap(node.value)
        elif node.kind == "capture":
            env[id(node.outputs[0])] = node.value
        elif node.kind != "op":
            continue
        elif node.op is state_ops.READ_VARIABLE:
            env[id(node.outputs[0])] = _read(env[id(node.inputs[0])])
        elif node.op.traits.stateful and not node.outputs:
            continue
        elif node.op.traits.stateful and node.op.num_outputs != -1:
            raise _stateful_outputs_error(node)
        else:
            args = [env[id(v)] for v in node.inputs]
            n_vars = sum(1 for v in node.inputs if v.is_resource)
            if n_vars or node.op.num_outputs == -1:
                op, attrs = _stateless(node.op, node.attrs)
                out = run_control(op, args[:n_vars], args[n_vars:], attrs,
                                  [v.spec for v in node.outputs])
            else:
                out = execute(node.op, args, node.attrs)
                out = [out] if node.op.num_outputs == 1 else list(out)
            for v, r in zip(node.outputs, out):
                env[id(v)] = r
    return [env[id(v)] for v in sub.graph.outputs]


def vjp(sub, inputs: list, cotangents: list) -> list:
    """The gradient of `sum(outputs * cotangents)` with respect to each input (None where
    the input is not a float tensor; zeros where it is unconnected)."""
    from ..autodiff.tape import GradientTape, UnconnectedGradients
    from . import array_shape

    positions = [i for i, x in enumerate(inputs) if i >= sub.num_resources and _is_float(x)]
    grads: list = [None] * len(inputs)
    if not positions:
        return grads
    with GradientTape(watch_accessed_variables=False) as tape:
        watched = list(inputs)
        for i in positions:
            watched[i] = array_shape.identity(inputs[i])
            tape.watch(watched[i])
        outs = replay(sub, watched)
    pairs = [(y, g) for y, g in zip(outs, cotangents) if g is not None and _is_float(y)]
    sources = [watched[i] for i in positions]
    if pairs:
        found = tape.gradient([y for y, _ in pairs], sources,
                              output_gradients=[g for _, g in pairs],
                              unconnected_gradients=UnconnectedGradients.ZERO)
    else:
        from . import array as array_ops

        found = [array_ops.zeros_like(s) for s in sources]
    for i, g in zip(positions, found):
        grads[i] = g
    return grads


def _as_list(x) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


def cond_grad(gs, ys, *inputs, then_branch, else_branch):
    from .control import cond

    gs = _as_list(gs)
    k = then_branch.num_resources
    pred = inputs[k]
    xs = list(inputs[:k]) + list(inputs[k + 1:])
    positions = [i for i, x in enumerate(xs) if i >= k and _is_float(x)]
    result: list = [None] * len(inputs)
    if not positions:
        return tuple(result)

    def branch(sub):
        return lambda: [vjp(sub, xs, gs)[i] for i in positions]

    grads = cond(pred, branch(then_branch), branch(else_branch))
    for i, g in zip(positions, _as_list(grads)):
        result[i + 1 if i >= k else i] = g
    return tuple(result)


def while_grad(gs, ys, *inputs, cond_graph, body_graph, maximum_iterations=-1):
    from .control_while import HISTORY

    attrs = {"cond_graph": cond_graph, "body_graph": body_graph,
             "maximum_iterations": maximum_iterations}
    k, n = body_graph.num_resources, len(body_graph.args)
    history = _run_history(HISTORY, inputs, k, attrs)
    return _backward(body_graph, inputs, history[0], history[1:1 + n], history[1 + n:],
                     _as_list(gs), None)


def _run_history(op, inputs, k: int, attrs: dict) -> list:
    from .control import run_control

    variables = [x if isinstance(x, Variable) else v
                 for x, v in zip(inputs[:k], attrs["body_graph"].variables)]
    return run_control(op, variables, list(inputs[k:]), attrs)


def history_grad(gs, ys, *inputs, cond_graph, body_graph, maximum_iterations=-1):
    gs, ys = _as_list(gs), _as_list(ys)
    n = len(body_graph.args)
    return _backward(body_graph, inputs, ys[0], ys[1:1 + n], ys[1 + n:], None, gs[1:1 + n])


def _backward(body, inputs, count, stacks: list, tables: list, g_final, g_stacks) -> tuple:
    """Gradients of a loop's inputs: walks the iterations backwards from the last one.

    `tables[m]` holds the per-iteration shapes of the m-th loop variable whose shape may
    change (its stack is padded), then its final shape; rows of its stack are cut back to
    those shapes.
    """
    from . import array as array_ops
    from . import math as math_ops
    from .control_while import history_row, ragged_positions, while_loop

    k, n = body.num_resources, len(body.args)
    vs, caps = list(inputs[k:k + n]), list(inputs[k + n:])
    fv = [j for j in range(n) if _is_float(vs[j])]
    fc = [j for j in range(len(caps)) if _is_float(caps[j])]
    result: list = [None] * len(inputs)
    if not fv and not fc:
        return tuple(result)
    table_of = dict(zip(ragged_positions(body), tables))
    a0 = [g_final[j] if g_final is not None else _zero_final(vs[j], table_of.get(j), count)
          for j in fv]
    acc0 = [array_ops.zeros_like(caps[j]) for j in fc]
    resources = list(inputs[:k])

    def body_fn(i, *rest):
        a, acc = rest[:len(fv)], rest[len(fv):]
        entering = [history_row(stacks[j], i, table_of.get(j)) for j in range(n)]
        cot: list = [None] * n
        for j, g in zip(fv, a):
            cot[j] = g
        grads = vjp(body, resources + entering + caps, cot)
        new_a = [grads[k + j] for j in fv]
        if g_stacks is not None:
            new_a = [math_ops.add(g, history_row(g_stacks[j], i, table_of.get(j)))
                     for g, j in zip(new_a, fv)]
        new_acc = [math_ops.add(s, grads[k + n + j]) for s, j in zip(acc, fc)]
        return [math_ops.subtract(i, 1), *new_a, *new_acc]

    invariants = [[]] + [body.out_specs[j].shape for j in fv] + [caps[j].shape for j in fc]
    out = while_loop(lambda i, *rest: math_ops.greater_equal(i, 0), body_fn,
                     [math_ops.subtract(count, 1), *a0, *acc0], shape_invariants=invariants)
    for j, g in zip(fv, out[1:1 + len(fv)]):
        result[k + j] = g
    for j, g in zip(fc, out[1 + len(fv):]):
        result[k + n + j] = g
    return tuple(result)


def _zero_final(first, table, count):
    """Zeros shaped like a loop variable's final value (its last row of `table` if any)."""
    from . import array as array_ops
    from .control_while import history_row

    if table is None:
        return array_ops.zeros_like(first)
    return array_ops.zeros(history_row(table, count), first.dtype)
