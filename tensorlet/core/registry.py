"""The op registry: every primitive op is declared here once, through `def_op`.

Eager execution, the gradient tape, graph tracing, the graph passes, the executor and export all
read these records; none of them keeps its own list of ops.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import dtypes

__all__ = ["NONDIFF", "Traits", "OpDef", "REGISTRY", "def_op", "get_op", "ELEMENTWISE",
           "REDUCE", "OPAQUE", "STATEFUL"]


class _NonDiff:
    """Marks an op that has no gradient at all (comparisons, argmax, ...)."""

    def __repr__(self) -> str:
        return "NONDIFF"


NONDIFF = _NonDiff()


@dataclass(frozen=True)
class Traits:
    """Facts about an op that the graph passes and the JIT read as data."""

    fusion: str = "opaque"  # "elementwise", "reduce" or "opaque"
    pure: bool = True
    commutative: bool = False
    idempotent: bool = False
    stateful: bool = False

    def __post_init__(self) -> None:
        if self.fusion not in ("elementwise", "reduce", "opaque"):
            raise ValueError(f"Traits.fusion must be elementwise, reduce or opaque: {self.fusion}")
        if self.stateful and self.pure:
            raise ValueError("a stateful op cannot be pure")


ELEMENTWISE = Traits(fusion="elementwise")
REDUCE = Traits(fusion="reduce")
OPAQUE = Traits()
STATEFUL = Traits(pure=False, stateful=True)


@dataclass(eq=False)
class OpDef:
    """One primitive op.

    Attributes:
        name: snake_case name, TF's name where one exists.
        kernel: `kernel(*arrays, **attrs)` on NumPy arrays; returns an array (or a tuple of
            arrays when `num_outputs != 1`). For `quiet` ops it silences NumPy's warnings.
        raw_kernel: the kernel as declared; callers that silence NumPy themselves (eager
            dispatch, compiled plans) call it directly when `quiet` is set.
        infer: `infer(*specs, **attrs)` on `TensorSpec`s; returns the output spec(s) and raises
            the error TF raises for bad input.
        grad: `grad(g, y, *xs, **attrs)` written in tensorlet ops, returning one gradient (or
            None) per input; `NONDIFF` for ops with no gradient.
        traits: `Traits` of the op.
        tf_name: the kernel name TF shows in messages (`AddV2` for add).
        attrs: the attribute names with their defaults.
        dtype_group: indices of inputs that must share one dtype; Python values among them are
            converted to the dtype of the tensors among them.
        allowed: the dtypes the group accepts (None: any).
        num_outputs: number of outputs (1 for most ops; -1 when it depends on attrs).
        expr: how the JIT writes this op in a fused body (elementwise ops).
        onnx: the ONNX op name or an emit rule (filled in by the export issue).
        out_kernel: `out_kernel(*arrays, out=array, **attrs)` writes the result into `out` (an
            array of the output's shape and dtype, which may be one of the inputs when the
            op is elementwise); compiled plans use it to reuse memory. NumPy ufunc kernels
            are their own out kernel.
        fresh: the kernel returns new arrays (never a view of an input) and keeps no reference
            to its inputs, so a plan may recycle an input's memory after the call.
    """

    name: str
    kernel: Callable
    infer: Callable
    grad: object
    traits: Traits
    tf_name: str
    attrs: dict = field(default_factory=dict)
    dtype_group: tuple = ()
    allowed: frozenset | None = None
    num_outputs: int = 1
    expr: str | None = None
    onnx: object = None
    allowed_np: frozenset | None = None
    raw_kernel: Callable | None = None
    quiet: bool = False
    out_kernel: Callable | None = None
    fresh: bool = False

    def __post_init__(self) -> None:
        if self.allowed is not None:
            self.allowed_np = frozenset(d._np for d in self.allowed)

    def __repr__(self) -> str:
        return f"OpDef({self.name})"


REGISTRY: dict[str, OpDef] = {}


def _errstate_switch():
    """Returns `(enter, leave)` that silence NumPy floating-point warnings cheaply.

    NumPy 2 keeps its error state in a context variable; swapping in a prebuilt "ignore" state
    costs ~0.3 µs, against ~2 µs for entering `np.errstate`. Older NumPy (or a NumPy without that
    private variable) falls back to `np.errstate`.
    """
    try:
        from numpy._core import _ufunc_config

        var = _ufunc_config._extobj_contextvar
        with np.errstate(all="ignore"):
            ignore = var.get()
    except (ImportError, AttributeError):
        return None
    return var, ignore


_SWITCH = _errstate_switch()


def errstate_switch():
    """`(context_variable, ignore_state)` to silence NumPy warnings around many kernel calls
    (`var.set(ignore)` ... `var.reset(token)`), or None when only `np.errstate` works."""
    return _SWITCH


def _quiet(kernel: Callable) -> Callable:
    """Wraps a kernel so NumPy floating-point warnings never reach the user (TF gives inf/nan)."""
    if _SWITCH is None:

        @functools.wraps(kernel)
        def quiet_kernel(*args, **kwargs):
            with np.errstate(all="ignore"):
                return kernel(*args, **kwargs)

        return quiet_kernel
    var, ignore = _SWITCH

    @functools.wraps(kernel)
    def fast_quiet_kernel(*args, **kwargs):
        token = var.set(ignore)
        try:
            return kernel(*args, **kwargs)
        finally:
            var.reset(token)

    return fast_quiet_kernel


def def_op(name: str, *, kernel: Callable, infer: Callable, grad, traits: Traits = OPAQUE,
           tf_name: str | None = None, attrs: dict | None = None, dtype_group: tuple = (),
           allowed=None, num_outputs: int = 1, expr: str | None = None, onnx=None,
           quiet: bool = False, out_kernel: Callable | None = None,
           fresh: bool = False) -> OpDef:
    """Declares a primitive op and adds it to the registry.

    `quiet=True` wraps the kernel so NumPy's floating-point warnings are silenced (for ops such as
    log or divide whose inf/nan results are the TF behaviour). A NumPy ufunc kernel is its own
    `out_kernel`; an op with an `out_kernel` is `fresh` (see `OpDef`).
    """
    if name in REGISTRY:
        raise ValueError(f"op {name!r} is declared twice")
    if grad is None:
        raise ValueError(f"op {name!r}: give a gradient rule or NONDIFF, never None")
    op = OpDef(
        name=name,
        kernel=_quiet(kernel) if quiet else kernel,
        raw_kernel=kernel,
        quiet=quiet,
        infer=infer,
        grad=grad,
        traits=traits,
        tf_name=tf_name or "".join(p.capitalize() for p in name.split("_")),
        attrs=dict(attrs or {}),
        dtype_group=tuple(dtype_group),
        allowed=None if allowed is None else frozenset(dtypes.as_dtype(d) for d in allowed),
        num_outputs=num_outputs,
        expr=expr,
        onnx=onnx,
    )
    if out_kernel is None and isinstance(kernel, np.ufunc) and kernel.nout == 1:
        out_kernel = kernel
    op.out_kernel = out_kernel
    op.fresh = fresh or out_kernel is not None
    REGISTRY[name] = op
    return op


def get_op(name: str) -> OpDef:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no op named {name!r} in the registry") from None
