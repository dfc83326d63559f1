"""Ops that shape gradients: `tf.stop_gradient` and the `tf.custom_gradient` decorator."""

from __future__ import annotations

import functools
import inspect

from ..core import nest
from ..core.context import state
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.tensor import EagerTensor, Tensor, wrap
from ..core.variable import Variable
from . import array_shape
from ._rules import same_as_input

__all__ = ["stop_gradient", "custom_gradient"]

STOP_GRADIENT = def_op(
    "stop_gradient", tf_name="StopGradient", kernel=lambda x: x, infer=same_as_input,
    grad=NONDIFF, traits=OPAQUE,
)


def stop_gradient(input, name=None):
    """Returns `input` unchanged, but no gradient flows back through it.

    Example:
        >>> import tensorlet as tf
        >>> w = tf.Variable(3.)
        >>> with tf.GradientTape() as tape:
        ...     y = w * tf.stop_gradient(w)
        >>> tape.gradient(y, w).numpy()
        np.float32(3.0)
    """
    return execute(STOP_GRADIENT, (input,), name=name)


class _VariableWatcher:
    """Sits in the tape stack while a custom-gradient function runs; notes the trainable
    variables its ops read (they become extra inputs of the custom gradient)."""

    __slots__ = ("variables",)

    def __init__(self) -> None:
        self.variables: dict = {}

    def _record(self, op, inputs, attrs, result) -> None:
        for x in inputs:
            if isinstance(x, Variable) and x.trainable:
                self.variables.setdefault(id(x), x)


class _CustomGradientOp:
    """Stands for a registry op in the tape entry of one call of a custom-gradient function."""

    __slots__ = ("name", "grad")

    def __init__(self, name: str, grad) -> None:
        self.name = name
        self.grad = grad


def _run_watched(f, args, kwargs) -> tuple:
    watcher = _VariableWatcher()
    state.tapes.append(watcher)
    try:
        result, grad_fn = f(*args, **kwargs)
    finally:
        state.tapes[:] = [t for t in state.tapes if t is not watcher]
    return result, grad_fn, watcher.variables


def _accepts_variables(grad_fn) -> bool:
    try:
        params = inspect.signature(grad_fn).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == "variables" or p.kind is p.VAR_KEYWORD for p in params)


def _make_grad(name: str, grad_fn, n_args: int, variables: list):
    """The tape's gradient rule: calls the user's `grad_fn` and checks what it returns."""

    def grad(gs, ys, *inputs):
        upstream = gs if isinstance(gs, list) else [gs]
        if variables:
            input_grads, variable_grads = grad_fn(*upstream, variables=variables)
            variable_grads = list(nest.flatten(variable_grads))
            if len(variable_grads) != len(variables):
                raise ValueError(f"Must return gradient for each variable from "
                                 f"@custom_gradient grad_fn. {name}: got "
                                 f"{len(variable_grads)} gradients for {len(variables)} "
                                 f"variables.")
        else:
            input_grads, variable_grads = grad_fn(*upstream), []
        input_grads = nest.flatten(input_grads)
        if len(input_grads) != n_args:
            raise ValueError(f"custom_gradient function expected to return {n_args} gradients, "
                             f"but returned {len(input_grads)} instead.")
        grads = list(input_grads) + variable_grads
        return tuple(g if g is None or is_tensor_like(g) else
                     convert_to_tensor(g, dtype_hint=x.dtype) for g, x in zip(grads, inputs))

    return grad


def _fresh(outputs: list) -> list:
    """New tensor objects holding the outputs' values, so that the tape sees them as produced by
    the custom gradient (an identity with the tapes paused when tracing a graph)."""
    if all(isinstance(y, EagerTensor) for y in outputs):
        return [wrap(y._value) for y in outputs]
    saved = state.tapes[:]
    state.tapes.clear()
    try:
        return [wrap(y._value) if isinstance(y, EagerTensor) else array_shape.identity(y)
                for y in outputs]
    finally:
        state.tapes[:] = saved


def _call(f, args, kwargs):
    result, grad_fn, variables = _run_watched(f, args, kwargs)
    inputs = [a if is_tensor_like(a) else convert_to_tensor(a) for a in args]
    variables = [v for v in variables.values() if all(v is not a for a in inputs)]
    if variables and not _accepts_variables(grad_fn):
        raise TypeError(f"@tf.custom_gradient grad_fn must accept keyword argument "
                        f"'variables', since function uses variables: {variables}")
    if not state.tapes:
        # NOTE: a tape outside a traced function differentiates the function's graph; keeping
        # the custom rule in the graph itself is the graph issue's part.
        return result
    flat = nest.flatten(result)
    if not all(isinstance(y, Tensor) for y in flat):
        raise TypeError(f"@tf.custom_gradient {f.__name__}: the function must return tensors "
                        f"(and its gradient function), got {result!r}")
    outputs = _fresh(flat)
    op = _CustomGradientOp(f.__name__, _make_grad(f.__name__, grad_fn, len(args), variables))
    for tape in tuple(state.tapes):
        tape._record(op, tuple(inputs) + tuple(variables), {}, tuple(outputs))
    return nest.pack_sequence_as(result, outputs)


def custom_gradient(f=None):
    """Decorator: `f(*x)` returns `(y, grad_fn)`; the tape then uses `grad_fn` as d y / d x.

    `grad_fn(*upstream)` receives the gradient of each output (the chain rule's upstream) and
    returns one gradient per positional input. When `f` reads trainable variables, `grad_fn`
    must accept `variables=None` and return `(input_grads, variable_grads)`.

    Example:
        >>> import tensorlet as tf
        >>> @tf.custom_gradient
        ... def double(x):
        ...     return 2. * x, lambda g: 100. * g
        >>> x = tf.constant(3.)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = double(x)
        >>> y.numpy(), tape.gradient(y, x).numpy()
        (np.float32(6.0), np.float32(100.0))
    """
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        return _call(f, args, kwargs)

    return decorated
