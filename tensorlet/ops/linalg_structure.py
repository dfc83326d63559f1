"""Matrix structure: diagonals (`diag`, `diag_part`, `set_diag`, `trace`), `band_part` and
`matvec`.

The three diagonal ops share one index plan: for a matrix of `m` rows and `n` columns and the
diagonals `k0..k1`, the (diagonal, position, row, column) of every stored element, with TF's
`align` rule for the packed rows of several diagonals. Each op's gradient is another of them.
"""

from __future__ import annotations

import functools

import numpy as np

from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array as array_ops
from . import linalg_einsum
from . import reduce as reduce_ops
from ._rules import fail

__all__ = ["diag", "diag_part", "set_diag", "trace", "band_part", "matvec"]

_ALIGNS = ("RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT")
_STRUCTURE_TYPES = dtypes.NUMERIC | {dtypes.bool}


# --- the index plan --------------------------------------------------------------------------

def _diag_length(m: int, n: int, d: int) -> int:
    return max(0, min(m + min(0, d), n - max(0, d)))


@functools.lru_cache(maxsize=256)
def _diag_plan(m: int, n: int, k0: int, k1: int, align: str) -> tuple:
    """`(index arrays (diag, pos, row, col), width)` for diagonals k1 down to k0."""
    width = max(_diag_length(m, n, d) for d in range(k0, k1 + 1))
    upper_right, lower_right = align.startswith("RIGHT"), align.endswith("RIGHT")
    parts = []
    for j, d in enumerate(range(k1, k0 - 1, -1)):
        length = _diag_length(m, n, d)
        i = np.arange(length)
        right = upper_right if d >= 0 else lower_right
        shift = width - length if right else 0
        parts.append((np.full(length, j), i + shift, i - min(0, d), i + max(0, d)))
    index = tuple(np.concatenate(p).astype(np.intp) for p in zip(*parts))
    return index, width


def _packed(diagonal, k):
    """A diagonal input as `[..., num_diags, width]` (one diagonal gains an axis)."""
    return diagonal[..., None, :] if k[0] == k[1] else diagonal


def _check_k(op: str, k: tuple, m, n, spec: TensorSpec) -> None:
    if k[0] > k[1]:
        raise fail(op, f"lower_diag_index must not be larger than upper_diag_index: {k[0]} > "
                       f"{k[1]}", spec)
    if m is None or n is None or m == 0 or n == 0:
        return
    for which, d in (("lower", k[0]), ("upper", k[1])):
        if not -m < d < n:
            raise fail(op, f"{which}_diag_index is out of bound: {d}. It must be between "
                           f"{-m} and {n}", spec)


def _diag_part_shape(op: str, x: TensorSpec, k: tuple) -> list:
    dims = x.shape.as_list()
    if len(dims) < 2:
        raise fail(op, f"input must be at least 2-dim, received shape: {dims}", x)
    m, n = dims[-2:]
    _check_k(op, k, m, n, x)
    width = None if m is None or n is None else _diag_plan(m, n, k[0], k[1], "RIGHT_LEFT")[1]
    return dims[:-2] + ([] if k[0] == k[1] else [k[1] - k[0] + 1]) + [width]


# --- diag_part -------------------------------------------------------------------------------

def _diag_part_kernel(x, k=(0, 0), padding_value=0, align="RIGHT_LEFT"):
    _diag_part_shape("diag_part", TensorSpec(x.shape, dtypes.as_dtype(x.dtype)), k)
    m, n = x.shape[-2:]
    (dj, pos, rows, cols), width = _diag_plan(m, n, k[0], k[1], align)
    out = np.full(x.shape[:-2] + (k[1] - k[0] + 1, width), padding_value, dtype=x.dtype)
    out[..., dj, pos] = x[..., rows, cols]
    return out[..., 0, :] if k[0] == k[1] else out


def _diag_part_infer(x: TensorSpec, k=(0, 0), padding_value=0, align="RIGHT_LEFT"):
    return TensorSpec(_diag_part_shape("diag_part", x, k), x.dtype)


def _diag_part_grad(g, y, x, k=(0, 0), padding_value=0, align="RIGHT_LEFT"):
    m, n = x.shape.as_list()[-2:]
    attrs = {"k": k, "num_rows": m, "num_cols": n, "padding_value": 0, "align": align}
    return (execute(MATRIX_DIAG, (g,), attrs),)


MATRIX_DIAG_PART = def_op(
    "matrix_diag_part", tf_name="MatrixDiagPartV3", kernel=_diag_part_kernel,
    infer=_diag_part_infer, grad=_diag_part_grad, traits=OPAQUE,
    attrs={"k": (0, 0), "padding_value": 0, "align": "RIGHT_LEFT"}, dtype_group=(0,),
    allowed=_STRUCTURE_TYPES,
)


# --- matrix_diag -----------------------------------------------------------------------------

def _matrix_size(width: int, k: tuple, num_rows: int, num_cols: int) -> tuple:
    """TF's rule for the output matrix size of `diag` (-1: the smallest that fits)."""
    min_rows, min_cols = width - min(k[1], 0), width + max(k[0], 0)
    if num_rows == -1 and num_cols == -1:
        num_rows = num_cols = max(min_rows, min_cols)
    num_rows = min_rows if num_rows == -1 else num_rows
    num_cols = min_cols if num_cols == -1 else num_cols
    if num_rows < min_rows:
        raise InvalidArgumentError(f"diag: The number of rows is too small ({num_rows} < "
                                   f"{min_rows}) [Op:MatrixDiagV3]")
    if num_cols < min_cols:
        raise InvalidArgumentError(f"diag: The number of columns is too small ({num_cols} < "
                                   f"{min_cols}) [Op:MatrixDiagV3]")
    if num_rows != min_rows and num_cols != min_cols:
        raise InvalidArgumentError("diag: The number of rows or columns is not consistent with "
                                   "the specified d_lower, d_upper, and diagonal "
                                   "[Op:MatrixDiagV3]")
    return num_rows, num_cols


def _matrix_diag_infer(d: TensorSpec, k=(0, 0), num_rows=-1, num_cols=-1, padding_value=0,
                       align="RIGHT_LEFT"):
    dims = d.shape.as_list()
    need = 1 if k[0] == k[1] else 2
    if len(dims) < need:
        raise fail("diag", f"diagonal must be at least {need}-dim, received shape: {dims}", d)
    if k[0] > k[1]:
        raise fail("diag", f"lower_diag_index must not be larger than upper_diag_index: "
                           f"{k[0]} > {k[1]}", d)
    if need == 2 and dims[-2] not in (None, k[1] - k[0] + 1):
        raise fail("diag", f"The number of diagonals provided in the input ({dims[-2]}) does "
                           f"not match the lower_diag_index and upper_diag_index range "
                           f"{list(k)}", d)
    batch = dims[:-need]
    if dims[-1] is None:
        return TensorSpec(batch + [None, None], d.dtype)
    return TensorSpec(batch + list(_matrix_size(dims[-1], k, num_rows, num_cols)), d.dtype)


def _matrix_diag_kernel(d, k=(0, 0), num_rows=-1, num_cols=-1, padding_value=0,
                        align="RIGHT_LEFT"):
    spec = _matrix_diag_infer(TensorSpec(d.shape, dtypes.as_dtype(d.dtype)), k, num_rows,
                              num_cols)
    m, n = spec.shape.as_list()[-2:]
    packed = _packed(d, k)
    (dj, pos, rows, cols), _ = _diag_plan(m, n, k[0], k[1], align)
    out = np.full(packed.shape[:-2] + (m, n), padding_value, dtype=d.dtype)
    out[..., rows, cols] = packed[..., dj, pos]
    return out


def _matrix_diag_grad(g, y, d, k=(0, 0), num_rows=-1, num_cols=-1, padding_value=0,
                      align="RIGHT_LEFT"):
    attrs = {"k": k, "padding_value": 0, "align": align}
    return (execute(MATRIX_DIAG_PART, (g,), attrs),)


MATRIX_DIAG = def_op(
    "matrix_diag", tf_name="MatrixDiagV3", kernel=_matrix_diag_kernel,
    infer=_matrix_diag_infer, grad=_matrix_diag_grad, traits=OPAQUE,
    attrs={"k": (0, 0), "num_rows": -1, "num_cols": -1, "padding_value": 0,
           "align": "RIGHT_LEFT"},
    dtype_group=(0,), allowed=_STRUCTURE_TYPES,
)


# --- matrix_set_diag -------------------------------------------------------------------------

def _set_diag_infer(x: TensorSpec, d: TensorSpec, k=(0, 0), align="RIGHT_LEFT"):
    want = _diag_part_shape("set_diag", x, k)
    got = d.shape.as_list()
    if len(got) != len(want) or any(a is not None and b is not None and a != b
                                    for a, b in zip(got, want)):
        raise fail("set_diag", f"Either first dimensions of diagonal don't match "
                               f"input.shape[:-2], or diagonal.shape[:-1] is not equal to the "
                               f"longest diagonal in range {list(k)}: expected diagonal shape "
                               f"{want}, got {got}", x, d)
    return TensorSpec(x.shape, x.dtype)


def _set_diag_kernel(x, d, k=(0, 0), align="RIGHT_LEFT"):
    spec = TensorSpec(x.shape, dtypes.as_dtype(x.dtype))
    _set_diag_infer(spec, TensorSpec(d.shape, spec.dtype), k)
    (dj, pos, rows, cols), _ = _diag_plan(x.shape[-2], x.shape[-1], k[0], k[1], align)
    out = x.copy()
    out[..., rows, cols] = _packed(d, k)[..., dj, pos]
    return out


def _set_diag_grad(g, y, x, d, k=(0, 0), align="RIGHT_LEFT"):
    attrs = {"k": k, "align": align}
    gx = execute(MATRIX_SET_DIAG, (g, array_ops.zeros_like(d)), attrs)
    gd = execute(MATRIX_DIAG_PART, (g,), {"k": k, "padding_value": 0, "align": align})
    return gx, gd


MATRIX_SET_DIAG = def_op(
    "matrix_set_diag", tf_name="MatrixSetDiagV3", kernel=_set_diag_kernel,
    infer=_set_diag_infer, grad=_set_diag_grad, traits=OPAQUE,
    attrs={"k": (0, 0), "align": "RIGHT_LEFT"}, dtype_group=(0, 1), allowed=_STRUCTURE_TYPES,
)


# --- matrix_band_part ------------------------------------------------------------------------

def _band_infer(x: TensorSpec, num_lower=-1, num_upper=-1):
    dims = x.shape.as_list()
    if len(dims) < 2:
        raise fail("band_part", f"input must be at least 2-dim, received shape: {dims}", x)
    for what, value, size, axis in (("num_lower", num_lower, dims[-2], "rows"),
                                    ("num_upper", num_upper, dims[-1], "columns")):
        if size is not None and value > size:
            raise fail("band_part", f"{what} must be negative or less or equal to number of "
                                    f"{axis} ({size}) got: {value}", x)
    return TensorSpec(x.shape, x.dtype)


def _band_kernel(x, num_lower=-1, num_upper=-1):
    _band_infer(TensorSpec(x.shape, dtypes.as_dtype(x.dtype)), num_lower, num_upper)
    offset = np.arange(x.shape[-1])[None, :] - np.arange(x.shape[-2])[:, None]
    keep = np.ones(offset.shape, dtype=bool)
    if num_lower >= 0:
        keep &= -offset <= num_lower
    if num_upper >= 0:
        keep &= offset <= num_upper
    return np.where(keep, x, np.zeros((), dtype=x.dtype))


def _band_grad(g, y, x, num_lower=-1, num_upper=-1):
    return (execute(MATRIX_BAND_PART, (g,), {"num_lower": num_lower, "num_upper": num_upper}),)


MATRIX_BAND_PART = def_op(
    "matrix_band_part", tf_name="MatrixBandPart", kernel=_band_kernel, infer=_band_infer,
    grad=_band_grad, traits=OPAQUE, attrs={"num_lower": -1, "num_upper": -1},
    dtype_group=(0,), allowed=_STRUCTURE_TYPES,
)


# --- public functions ------------------------------------------------------------------------

def _int_attr(value, what: str) -> int:
    value = getattr(value, "_value", value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iu":
            raise TypeError(f"Cannot convert {value} to EagerTensor of dtype int64")
        value = value.tolist()
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"Cannot convert {value} to EagerTensor of dtype int64 ({what})")
    return int(value)


def _k_attr(k) -> tuple:
    value = getattr(k, "_value", k)
    values = np.asarray(value).reshape(-1).tolist() if not isinstance(value, int) else [value]
    if len(values) not in (1, 2) or not all(isinstance(v, int) for v in values):
        raise InvalidArgumentError(f"diag: k must be an int or a pair of ints, got {k!r}")
    return (values[0], values[-1])


def _align_attr(align: str) -> str:
    if align not in _ALIGNS:
        raise InvalidArgumentError(f"diag: align must be one of {list(_ALIGNS)}, got {align!r}")
    return align


def _padding_attr(padding_value, dtype) -> object:
    # NOTE: TF converts the padding to the input's dtype, which fails for 0 and bool/string.
    is_bool = dtype is dtypes.bool and isinstance(padding_value, bool)
    if dtype in (dtypes.bool, dtypes.string) and not is_bool:
        raise TypeError(f"Cannot convert {padding_value} to EagerTensor of dtype {dtype.name}")
    value = np.asarray(getattr(padding_value, "_value", padding_value)).astype(dtype._np)
    return value.item()


def diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0,
         align="RIGHT_LEFT"):
    """A (batch of) matrices with the given diagonal(s); the rest is `padding_value`.

    Args:
        diagonal: a tensor `[..., L]` (one diagonal) or `[..., k1 - k0 + 1, L]` for a range.
        name: ignored in eager mode.
        k: the diagonal offset (0 main, > 0 above, < 0 below) or a pair `(k0, k1)`.
        num_rows, num_cols: the output matrix size (-1: the smallest that fits).
        padding_value: the value off the diagonals.
        align: how the packed rows of a range of diagonals are aligned (`"RIGHT_LEFT"`,
            `"LEFT_RIGHT"`, `"LEFT_LEFT"` or `"RIGHT_RIGHT"`: super-, then subdiagonals).

    Returns:
        A tensor `[..., num_rows, num_cols]` of the diagonal's dtype.

    Raises:
        InvalidArgumentError: for a scalar input, or a matrix size that cannot hold it.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.diag([1, 2], k=1).numpy()
        array([[0, 1, 0],
               [0, 0, 2],
               [0, 0, 0]], dtype=int32)
    """
    d = linalg_einsum.as_tensor(diagonal)
    attrs = {"k": _k_attr(k), "num_rows": _int_attr(num_rows, "num_rows"),
             "num_cols": _int_attr(num_cols, "num_cols"),
             "padding_value": _padding_attr(padding_value, d.dtype), "align": _align_attr(align)}
    return execute(MATRIX_DIAG, (d,), attrs, name=name)


def diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT"):
    """The diagonal(s) of a (batch of) matrices.

    Args:
        input: a tensor `[..., M, N]`.
        name: ignored in eager mode.
        k: the diagonal offset, or a pair `(k0, k1)` for diagonals k1 down to k0.
        padding_value: fills the short diagonals of a range.
        align: how the diagonals of a range are aligned (see `diag`).

    Returns:
        `[..., L]` for one diagonal, `[..., k1 - k0 + 1, L]` for a range.

    Raises:
        InvalidArgumentError: for an input of rank < 2 or a `k` outside the matrix.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.diag_part(tf.constant([[1, 2, 3], [4, 5, 6]])).numpy()
        array([1, 5], dtype=int32)
    """
    x = linalg_einsum.as_tensor(input)
    attrs = {"k": _k_attr(k), "padding_value": _padding_attr(padding_value, x.dtype),
             "align": _align_attr(align)}
    return execute(MATRIX_DIAG_PART, (x,), attrs, name=name)


def set_diag(input, diagonal, name="set_diag", k=0, align="RIGHT_LEFT"):
    """`input` with its diagonal(s) replaced by `diagonal`.

    Args:
        input: a tensor `[..., M, N]`.
        diagonal: `[..., L]` (one diagonal) or `[..., k1 - k0 + 1, L]`, the shape `diag_part`
            gives for the same `k`.
        name: ignored in eager mode.
        k: the diagonal offset, or a pair `(k0, k1)`.
        align: how the diagonals of a range are aligned (see `diag`).

    Returns:
        A tensor of `input`'s shape and dtype.

    Raises:
        InvalidArgumentError: when `diagonal`'s shape is not the diagonal part's shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.set_diag(tf.zeros([2, 2]), [1., 2.]).numpy()
        array([[1., 0.],
               [0., 2.]], dtype=float32)
    """
    attrs = {"k": _k_attr(k), "align": _align_attr(align)}
    return execute(MATRIX_SET_DIAG, (input, diagonal), attrs, name=name)


def trace(x, name=None):
    """The sum of the main diagonal of each matrix in `x` (`[..., M, N]` -> `[...]`).

    Args:
        x: a numeric tensor of rank >= 2.
        name: ignored in eager mode.

    Returns:
        A tensor of shape `x.shape[:-2]` and `x`'s dtype.

    Raises:
        InvalidArgumentError: for an input of rank < 2.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.trace(tf.constant([[1, 2], [3, 4]])).numpy()
        np.int32(5)
    """
    return reduce_ops.reduce_sum(diag_part(x), axis=-1, name=name)


def band_part(input, num_lower, num_upper, name=None):
    """Keeps a band of each matrix: `num_lower` subdiagonals and `num_upper` superdiagonals.

    Args:
        input: a tensor `[..., M, N]`.
        num_lower, num_upper: ints (or integer scalars); negative keeps the whole triangle.
        name: ignored in eager mode.

    Returns:
        A tensor of `input`'s shape and dtype, zero outside the band.

    Raises:
        InvalidArgumentError: for rank < 2, or a band wider than the matrix.
        TypeError: for non-integer band widths.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.band_part(tf.ones([3, 3]), 0, -1).numpy()
        array([[1., 1., 1.],
               [0., 1., 1.],
               [0., 0., 1.]], dtype=float32)
    """
    attrs = {"num_lower": _int_attr(num_lower, "num_lower"),
             "num_upper": _int_attr(num_upper, "num_upper")}
    return execute(MATRIX_BAND_PART, (input,), attrs, name=name)


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False,
           name=None):
    """The matrix-vector product `a @ b` over the last axes (batch dimensions broadcast).

    Args:
        a: a tensor `[..., M, N]`.
        b: a tensor `[..., N]` of `a`'s dtype.
        transpose_a, adjoint_a: transpose (or conjugate-transpose) `a` first.
        a_is_sparse, b_is_sparse: performance hints; accepted and ignored.
        name: ignored in eager mode.

    Returns:
        A tensor `[..., M]`.

    Raises:
        InvalidArgumentError: as `tf.matmul` (rank < 2, sizes that differ).

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.matvec(tf.constant([[1., 2.], [3., 4.]]), tf.constant([1., 1.])).numpy()
        array([3., 7.], dtype=float32)
    """
    from . import linalg

    column = array_ops.expand_dims(b, -1)
    product = linalg.matmul(a, column, transpose_a=transpose_a, adjoint_a=adjoint_a)
    return array_ops.squeeze(product, axis=-1, name=name)
