"""Running graphs: a compiled flat plan for calls, and an op-by-op interpreter for tapes.

`compile_plan` turns an (optimised) graph into the source of one Python function, compiled
once: one line per op, calling the op's kernel directly on arrays held in local variables, with
constants, captured variables, kernels and attributes bound as globals, and a `del` after each
value's last use. No dispatch, registry lookup or shape check happens at run time.

When a kernel fails, `Plan.explain` maps the failing line back to its node and builds TF's kind
of error naming the op, its inputs and the user's line that created it.

`interpret` runs a graph through `execute`, one op at a time, on eager tensors: gradient tapes
observe every op, so a function called under a tape is differentiable (A11.11).
"""

from __future__ import annotations

import functools
import inspect
import threading

import numpy as np

from ..core import dtypes, registry
from ..core.context import state
from ..core.dispatch import execute, specs_text
from ..core.errors import InvalidArgumentError, OpError
from ..core.spec import TensorSpec
from ..core.tensor import wrap
from ..core.variable import Variable
from .memory import plan_memory

__all__ = ["Plan", "compile_plan", "interpret", "evaluate"]

_INLINE_TYPES = (bool, int, type(None))
# NOTE: kernels declared with `quiet=True` are wrapped to silence NumPy's floating-point
# warnings on each call; a plan calls the bare kernels and silences NumPy once for the whole call
# (with the registry's fast switch of NumPy's error state when it has one, else `np.errstate`).
_SWITCH = registry.errstate_switch()


class Plan:
    """A graph compiled to one Python function `run(*inputs) -> tuple of arrays`.

    Inputs are arrays for tensor inputs and `Variable` objects for resource inputs.
    """

    def __init__(self, graph, run, line_nodes: dict, names: dict, source: str) -> None:
        self.graph = graph
        self.run = run
        self.code = run.__code__
        self.line_nodes = line_nodes
        self.names = names
        self.source = source

    def explain(self, exc: BaseException):
        """`(node, error)` for an exception raised by the op on some line of the plan."""
        inner = getattr(exc, "_located_node", None)
        if inner is not None:  # already explained by the plan of a branch or loop body
            return inner, exc
        tb = exc.__traceback__
        node = frame_locals = None
        while tb is not None:
            if tb.tb_frame.f_code is self.code:
                node = self.line_nodes.get(tb.tb_lineno)
                frame_locals = tb.tb_frame.f_locals
            tb = tb.tb_next
        if node is None:
            return None, exc
        if isinstance(exc, OpError):
            return node, exc
        return node, _op_error(node, exc, frame_locals, self.names)


def _op_error(node, exc, frame_locals, names) -> Exception:
    arrays = [frame_locals.get(names.get(id(v), ""), None) for v in node.inputs]
    if all(a is not None and hasattr(a, "dtype") for a in arrays):
        try:
            node.op.infer(*[TensorSpec(a.shape, dtypes.from_numpy(a.dtype)) for a in arrays],
                          **node.attrs)
        except (OpError, ValueError, TypeError) as rule_error:
            return rule_error
        got = specs_text(arrays)
    else:
        got = ", ".join(v.spec.short() for v in node.inputs)
    return InvalidArgumentError(
        None, node, f"{node.op.name}: {exc} (node '{node.name}', inputs: {got}) "
                    f"[Op:{node.op.tf_name}]")


class _Namer:
    """Gives each value a Python name: locals for op results, globals for leaves."""

    def __init__(self) -> None:
        self.names: dict = {}
        self.globals: dict = {}
        self.quiet = False

    def local(self, value) -> str:
        name = f"v{len(self.names)}"
        self.names[id(value)] = name
        return name

    def bind(self, prefix: str, obj) -> str:
        name = f"{prefix}{len(self.globals)}"
        self.globals[name] = obj
        return name

    def attr(self, value) -> str:
        if type(value) in _INLINE_TYPES:
            return repr(value)
        return self.bind("a", value)


def _last_uses(graph) -> dict:
    last: dict = {}
    for i, node in enumerate(graph.nodes):
        for v in node.inputs:
            last[id(v)] = i
    for v in graph.outputs:
        last[id(v)] = len(graph.nodes)
    return last


@functools.lru_cache(maxsize=4096)
def _defaults(kernel) -> dict:
    """The kernel's keyword defaults: attributes equal to them are left out of the call."""
    try:
        params = inspect.signature(kernel).parameters.values()
    except (TypeError, ValueError):
        return {}
    return {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}


def _is_default(defaults: dict, name: str, value) -> bool:
    if name not in defaults:
        return False
    default = defaults[name]
    return default is value or (type(default) is type(value) and type(value) in _INLINE_TYPES
                                and default == value)


def _kernel_name(node, namer: _Namer, kernels: dict, out: bool) -> str:
    bare = node.op.out_kernel if out else node.op.raw_kernel
    kernel = kernels.get(id(bare))
    if kernel is None:
        namer.quiet = namer.quiet or node.op.quiet
        kernel = kernels[id(bare)] = namer.bind("k", bare)
    return kernel


def _op_line(node, namer: _Namer, kernels: dict, live: set, target=None) -> str:
    kernel = _kernel_name(node, namer, kernels, target is not None)
    defaults = _defaults(namer.globals[kernel])
    args = [namer.names[id(v)] for v in node.inputs]
    args += [f"{k}={namer.attr(v)}" for k, v in node.attrs.items()
             if not _is_default(defaults, k, v)]
    if target is not None:
        kind, where = target
        args.append(f"out={args[where] if kind == 'input' else f'_arena[{where}]'}")
    call = f"{kernel}({', '.join(args)})"
    outs = [namer.names[id(v)] if id(v) in live else "_" for v in node.outputs]
    if not node.outputs:
        return call
    if node.op.num_outputs == 1:
        return f"{outs[0]} = {call}"
    return f"{', '.join(outs)}, = {call}" if len(outs) == 1 else f"{', '.join(outs)} = {call}"


def _body(graph, namer: _Namer, memory) -> tuple:
    """The plan's statements, and which node each statement runs (by statement index)."""
    last = _last_uses(graph)
    kernels: dict = {}
    body: list = []
    body_nodes: dict = {}
    for i, node in enumerate(graph.nodes):
        if node.kind in ("const", "capture"):
            prefix = "c" if node.kind == "const" else "r"
            namer.names[id(node.outputs[0])] = namer.bind(prefix, node.value)
            continue
        if node.kind != "op":
            continue
        for v in node.outputs:
            namer.local(v)
        live = {id(v) for v in node.outputs if id(v) in last}
        target = memory.out_target(node) if memory is not None else None
        body.append(_op_line(node, namer, kernels, live, target))
        body_nodes[len(body) - 1] = node
        dead = [namer.names[id(v)] for v in node.inputs
                if last.get(id(v)) == i and namer.names[id(v)].startswith("v")]
        if dead:
            body.append(f"del {', '.join(dict.fromkeys(dead))}")
    outs = "".join(namer.names[id(v)] + ", " for v in graph.outputs)
    body.append(f"return ({outs})")
    return body, body_nodes


def _quiet_frame(namer: _Namer) -> tuple:
    """Lines that silence NumPy's floating-point warnings around the whole plan."""
    if _SWITCH is None:
        namer.globals["_errstate"] = np.errstate
        return ["    with _errstate(all='ignore'):"], [], "        "
    var, ignore = _SWITCH
    namer.globals.update(_set=var.set, _reset=var.reset, _ignore=ignore)
    return (["    _token = _set(_ignore)", "    try:"],
            ["    finally:", "        _reset(_token)"], "        ")


def _arena_frame(namer: _Namer, memory, params: list, fallback) -> tuple:
    """Lines that hold the plan's arena for the whole call: a call that finds it held (a
    recursive or concurrent call of the same plan) runs the plan without arena instead."""
    lock = threading.Lock()
    namer.globals.update(_arena=memory.allocate(), _acquire=lock.acquire,
                         _release=lock.release, _fallback=fallback)
    args = ", ".join(params)
    return (["    if not _acquire(False):", f"        return _fallback({args})", "    try:"],
            ["    finally:", "        _release()"])


def compile_plan(graph, reuse_memory: bool = True) -> Plan:
    """Compiles `graph` (already optimised) into a `Plan`; with `reuse_memory`, results write
    into memory planned by `memory.plan_memory` where that is safe."""
    namer = _Namer()
    params = []
    for i, v in enumerate(graph.inputs):
        namer.names[id(v)] = f"i{i}"
        params.append(f"i{i}")
    memory = plan_memory(graph) if reuse_memory else None
    body, body_nodes = _body(graph, namer, memory)
    head, tail, indent = _quiet_frame(namer) if namer.quiet else ([], [], "    ")
    if memory is not None and memory.slots:
        outer_head, outer_tail = _arena_frame(namer, memory, params, _lazy_plain(graph))
        head = outer_head + ["    " + line for line in head]
        tail = ["    " + line for line in tail] + outer_tail
        indent += "    "
    head.insert(0, f"def run({', '.join(params)}):")
    lines = head + [indent + line for line in body] + tail
    source = "".join(line + "\n" for line in lines)
    line_nodes = {i + len(head) + 1: node for i, node in body_nodes.items()}
    scope = dict(namer.globals)
    # NOTE: one file name per function name, not per plan: CPython keeps every distinct file
    # name given to compile() alive, so a name per plan leaked ~80 bytes per trace (C2).
    exec(compile(source, f"<tensorlet plan: {graph.name}>", "exec"), scope)
    return Plan(graph, scope["run"], line_nodes, namer.names, source)


def _lazy_plain(graph):
    """`run(*inputs)` of `graph` compiled without arena, compiled on its first call."""
    plain: list = []

    def run(*inputs):
        if not plain:
            plain.append(compile_plan(graph, reuse_memory=False).run)
        return plain[0](*inputs)

    return run


def interpret(graph, inputs: list) -> list:
    """Runs `graph` op by op through `execute` on eager tensors (variables for resources)."""
    env: dict = {}
    for v, x in zip(graph.inputs, inputs):
        env[id(v)] = x
    _run_nodes(graph.nodes, env)
    return [env[id(v)] for v in graph.outputs]


def evaluate(nodes: list, value):
    """The eager value of `value`, computed from `nodes` (which must include its ancestors)."""
    env: dict = {}
    _run_nodes(nodes, env)
    return env[id(value)]


def _run_nodes(nodes: list, env: dict) -> None:
    for node in nodes:
        kind = node.kind
        if kind == "const":
            env[id(node.outputs[0])] = wrap(node.value)
        elif kind == "capture":
            env[id(node.outputs[0])] = node.value
        elif kind == "op":
            inputs = [env[id(v)] for v in node.inputs]
            if node.inputs and node.inputs[0].is_resource:
                result = _resource_op(node, inputs)
            else:
                result = execute(node.op, inputs, node.attrs)
            outs = (result,) if node.op.num_outputs == 1 else result
            for v, r in zip(node.outputs, outs):
                env[id(v)] = r


def _resource_op(node, inputs):
    """Variable ops take the variable itself; tapes are told as `execute` would tell them."""
    args = [x if isinstance(x, Variable) else x._value for x in inputs]
    out = node.op.kernel(*args, **node.attrs)
    result = wrap(out) if node.op.num_outputs == 1 else tuple(wrap(o) for o in out or ())
    for tape in tuple(state.tapes):
        tape._record(node.op, inputs, node.attrs, result)
    return result
