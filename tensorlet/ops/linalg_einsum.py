"""`einsum`: Einstein summation, the primitive behind `tensordot` and the others' gradients.

The registry op takes an explicit equation (`"ij,jk->ik"`): the public function resolves `...`
and implicit outputs first, and broadcasts the `...` dimensions of the inputs, so the kernel
and the gradient only ever see equal sizes for equal labels. The gradient of one input is
another einsum (of the output gradient with the other inputs), so it can be differentiated
again.
"""

from __future__ import annotations

import functools
import string

import numpy as np

from ..core import dtypes
from ..core.convert import constant, convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError, NotFoundError
from ..core.registry import OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from ._rules import fail

__all__ = ["einsum"]

LETTERS = string.ascii_letters
# NOTE: TF's Einsum takes any dtype but has CPU kernels only for these (else NotFoundError).
_KERNEL_TYPES = frozenset(d._np for d in dtypes.FLOATS | dtypes.COMPLEX | {dtypes.int32,
                                                                          dtypes.int64})
_SMALL = 4096  # below this many elements per operand, NumPy's direct loop beats a BLAS path


# --- parsing ---------------------------------------------------------------------------------

def _check_labels(equation: str, terms: list) -> None:
    for term in terms:
        if not all(c in LETTERS for c in term.replace("...", "")):
            raise ValueError(f"Invalid character in einsum equation {equation!r}; expected "
                             "letters, ',', '->' and '...'")


def _implicit_output(terms: list, batch: str) -> str:
    labels = "".join(t.replace("...", "") for t in terms)
    return batch + "".join(sorted(c for c in set(labels) if labels.count(c) == 1))


def _expand_ellipses(terms: list, ranks: tuple, fresh: list) -> tuple:
    """Replaces each `...` by labels for its dimensions (right-aligned across inputs)."""
    extra = []
    for i, (term, rank) in enumerate(zip(terms, ranks)):
        n = len(term.replace("...", ""))
        if "..." not in term and n != rank or "..." in term and rank < n:
            raise InvalidArgumentError(f"einsum: Expected input {i} to have rank {n} but got: "
                                       f"{rank} (equation term {term!r}) [Op:Einsum]")
        extra.append(rank - n if "..." in term else 0)
    width = max(extra, default=0)
    batch = "".join(fresh[:width])
    return [t.replace("...", batch[width - e:]) for t, e in zip(terms, extra)], batch


@functools.lru_cache(maxsize=512)
def explicit_equation(equation: str, ranks: tuple) -> str:
    """The equation with `...` and an implicit output resolved: `"ij,jk->ik"`.

    Raises:
        ValueError: for a wrong number of inputs or bad output labels (TF's messages).
        InvalidArgumentError: when an input's rank does not match its labels.
    """
    eq = equation.replace(" ", "")
    lhs, arrow, out = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) != len(ranks):
        raise ValueError(f'Got {len(ranks)} inputs for equation "{equation}", expecting '
                         f"{len(terms)}")
    _check_labels(equation, terms + [out])
    fresh = [c for c in LETTERS if c not in eq]
    subs, batch = _expand_ellipses(terms, ranks, fresh)
    if not arrow:
        return ",".join(subs) + "->" + _implicit_output(terms, batch)
    out = out.replace("...", batch)
    for c in out:
        if c not in lhs and c not in batch:
            raise ValueError(f"Output subscripts contain the label {c} not present in the input "
                             "subscripts.")
        if out.count(c) > 1:
            raise ValueError(f"Output subscripts contain a label appearing more than once: "
                             f"{equation}")
    return ",".join(subs) + "->" + out


# --- the primitive ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1024)
def _plan(equation: str, shapes: tuple):
    """Checks that equal labels have equal sizes; returns NumPy's `optimize` argument."""
    sizes: dict = {}
    for term, shape in zip(equation.split("->")[0].split(","), shapes):
        for c, d in zip(term, shape):
            if sizes.setdefault(c, d) != d:
                raise ValueError(f"label {c!r} has sizes {sizes[c]} and {d}")
    if len(shapes) < 2 or max(int(np.prod(s)) for s in shapes) < _SMALL:
        return False
    dummies = [np.broadcast_to(np.zeros((), np.float32), s) for s in shapes]
    return np.einsum_path(equation, *dummies, optimize="greedy")[0]


def _einsum_kernel(*xs, equation=""):
    dt = xs[0].dtype
    if dt not in _KERNEL_TYPES:
        raise NotFoundError(f"Could not find device for node: Einsum[T={dt.name}]: TF has no "
                            f"Einsum kernel for {dt.name} [Op:Einsum]")
    for x in xs:
        if x.dtype != dt:
            raise TypeError("einsum inputs differ in dtype")
    return np.einsum(equation, *xs, optimize=_plan(equation, tuple(x.shape for x in xs)))


def _mixed_dtypes(specs) -> InvalidArgumentError | None:
    first = specs[0].dtype
    for i, s in enumerate(specs):
        if s.dtype is not first:
            return InvalidArgumentError(
                f"cannot compute Einsum as input #{i}(zero-based) was expected to be a "
                f"{first.kernel_name} tensor but is a {s.dtype.kernel_name} tensor "
                f"[Op:Einsum]\neinsum: input #0 is {first.name} and input #{i} is "
                f"{s.dtype.name}; convert one of them, e.g. tf.cast(x, tf.{first.name})")
    return None


def _einsum_infer(*specs, equation="") -> TensorSpec:
    error = _mixed_dtypes(specs)
    if error is not None:
        raise error
    lhs, out = equation.split("->")
    sizes: dict = {}
    for i, (term, spec) in enumerate(zip(lhs.split(","), specs)):
        dims = spec.shape.as_list()
        if len(dims) != len(term):
            raise fail("einsum", f"Expected input {i} to have rank {len(term)} but got: "
                       f"{len(dims)} (equation {equation!r})", *specs)
        for axis, (c, d) in enumerate(zip(term, dims)):
            if d is not None and sizes.setdefault(c, d) != d:
                raise fail("einsum", f"Expected dimension {sizes[c]} at axis {axis} of input "
                           f"{i} shaped {dims} but got dimension {d} (label {c!r} of equation "
                           f"{equation!r})", *specs)
    return TensorSpec([sizes.get(c) for c in out], specs[0].dtype)


def _input_grad(g, xs: tuple, terms: list, out: str, i: int):
    """d/d(xs[i]) as one einsum of g with the other inputs (and constants for what is missing).

    A label only input i has (summed away in the forward pass) is brought back with a vector of
    ones; a label repeated in input i (a diagonal) gets a fresh label tied to it by an identity
    matrix, since an einsum output cannot repeat a label.
    """
    operands = [g] + [conj_if_complex(x) for j, x in enumerate(xs) if j != i]
    subs = [out] + [t for j, t in enumerate(terms) if j != i]
    available = set("".join(subs))
    fresh = iter(c for c in LETTERS if c not in "".join(terms) + out)
    dims = xs[i].shape.as_list()
    np_dtype = g.dtype.as_numpy_dtype
    result = []
    for c, d in zip(terms[i], dims):
        if c in result:
            tied = next(fresh)
            operands.append(constant(np.eye(d, dtype=np_dtype)))
            subs.append(c + tied)
            result.append(tied)
            continue
        if c not in available and terms[i].count(c) == 1:
            operands.append(constant(np.ones(d, dtype=np_dtype)))
            subs.append(c)
        result.append(c)
    return execute(EINSUM, operands, {"equation": ",".join(subs) + "->" + "".join(result)})


def _einsum_grad(g, y, *xs, equation=""):
    lhs, out = equation.split("->")
    terms = lhs.split(",")
    return tuple(_input_grad(g, xs, terms, out, i) for i in range(len(xs)))


EINSUM = def_op(
    "einsum", tf_name="Einsum", kernel=_einsum_kernel, infer=_einsum_infer, grad=_einsum_grad,
    traits=OPAQUE, attrs={"equation": ""},
)


# --- the public function ---------------------------------------------------------------------

def _broadcast_batch(equation: str, xs: list) -> list:
    """Broadcasts size-1 dimensions of `...` labels to the size the other inputs give them."""
    terms = equation.split("->")[0].split(",")
    sizes: dict = {}
    for term, x in zip(terms, xs):
        for c, d in zip(term, x.shape.as_list()):
            if d != 1:
                sizes.setdefault(c, d)
    out = []
    for term, x in zip(terms, xs):
        dims = x.shape.as_list()
        want = [sizes.get(c, 1) if d == 1 else d for c, d in zip(term, dims)]
        out.append(x if want == dims else array_ops.broadcast_to(x, want))
    return out


def conj_if_complex(x):
    """`conj(x)` for complex tensors (TF's gradients of products use it), else `x` itself."""
    if x.dtype.is_complex:
        from . import math as math_ops

        return math_ops.conj(x)
    return x


def as_tensor(x):
    """`x` itself when it is a tensor or variable (so tapes still see it), else converted."""
    return x if is_tensor_like(x) else convert_to_tensor(x)


def einsum(equation, *inputs, **kwargs):
    """Einstein summation: multiplies the inputs and sums over the labels not in the output.

    Supports explicit (`"ij,jk->ik"`) and implicit (`"ij,jk"`) outputs, traces and diagonals
    (`"ii"`, `"ii->i"`), transposes, outer products, any number of inputs, and `...` for
    broadcast batch dimensions.

    Args:
        equation: the subscripts, e.g. `"bij,bjk->bik"`.
        *inputs: tensors of one dtype, one per comma-separated term.
        **kwargs: `name` (ignored in eager mode) and `optimize` (accepted; the contraction
            order is chosen automatically).

    Returns:
        A tensor of the inputs' dtype.

    Raises:
        ValueError: for a wrong number of inputs or bad output labels.
        InvalidArgumentError: when ranks or dimensions do not match the equation, or dtypes
            differ.

    Example:
        >>> import tensorlet as tf
        >>> a = tf.constant([[1., 2.], [3., 4.]])
        >>> tf.einsum("ij,jk->ik", a, a).numpy()
        array([[ 7., 10.],
               [15., 22.]], dtype=float32)
        >>> tf.einsum("ii", a).numpy()
        np.float32(5.0)
    """
    unknown = set(kwargs) - {"name", "optimize"}
    if unknown:
        raise TypeError(f"Invalid keyword arguments for einsum: {', '.join(sorted(unknown))}. "
                        "Valid arguments: name, optimize.")
    xs = [as_tensor(x) for x in inputs]
    explicit = explicit_equation(equation, tuple(x.shape.rank for x in xs))
    if "..." in equation:
        xs = _broadcast_batch(explicit, xs)
    return execute(EINSUM, xs, {"equation": explicit}, name=kwargs.get("name"))
