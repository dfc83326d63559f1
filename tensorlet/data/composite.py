"""Composite leaves of dataset elements: `SparseTensor` values.

A SparseTensor leaf travels through a pipeline as one eager SparseTensor (its components are
NumPy arrays that nothing writes to); its spec is a `tf.SparseTensorSpec`. Batching stacks the
rows of sparse leaves into one SparseTensor with a leading batch dimension (the dense shape
of the batch is the largest of the rows' shapes, as in TF); unbatching splits them again.
"""

from __future__ import annotations

import numpy as np

from ..core.tensor import wrap
from ..sparse.sparse_tensor import SparseTensor, SparseTensorSpec

__all__ = ["SparseTensor", "SparseTensorSpec", "is_composite", "is_composite_spec", "spec_of",
           "eager", "batch", "rows", "length", "to_numpy", "symbolic"]


def is_composite(x) -> bool:
    return isinstance(x, SparseTensor)


def is_composite_spec(spec) -> bool:
    return isinstance(spec, SparseTensorSpec)


def spec_of(x) -> SparseTensorSpec:
    return SparseTensorSpec(x.shape, x.dtype)


def _parts(x) -> tuple:
    return tuple(getattr(t, "_value", None) for t in (x.indices, x.values, x.dense_shape))


def eager(x) -> SparseTensor:
    """`x` itself when all its components have values; a TypeError for a symbolic one."""
    if any(not isinstance(a, np.ndarray) for a in _parts(x)):
        raise TypeError(f"This dataset was built from a symbolic SparseTensor of a traced "
                        f"tf.function ({x!r}), which has no value to iterate over. Build the "
                        f"dataset outside the function, or from constants.")
    return x


def _make(indices, values, dense_shape) -> SparseTensor:
    return SparseTensor(wrap(np.ascontiguousarray(indices, np.int64)), wrap(values),
                        wrap(np.asarray(dense_shape, np.int64)))


def batch(column) -> SparseTensor:
    """The SparseTensors of `column` (one per row) as one SparseTensor of rank + 1.

    Raises:
        InvalidArgumentError: when the rows' ranks differ.
    """
    from ..core.errors import InvalidArgumentError

    parts = [_parts(x) for x in column]
    ranks = {len(p[2]) for p in parts}
    if len(ranks) != 1:
        raise InvalidArgumentError(None, None, "Cannot batch SparseTensors of different ranks "
                                   f"{sorted(ranks)}.")
    rank = ranks.pop()
    indices = [np.concatenate([np.full((len(p[0]), 1), i, np.int64),
                               p[0].reshape(len(p[0]), rank)], axis=1)
               for i, p in enumerate(parts)]
    shape = np.max(np.stack([p[2] for p in parts]), axis=0) if rank else np.zeros(0, np.int64)
    return _make(np.concatenate(indices), np.concatenate([p[1] for p in parts]),
                 np.concatenate([[len(parts)], shape]))


def length(x) -> int:
    """The size of the leading dimension of a leaf (an array or a SparseTensor)."""
    if is_composite(x):
        return int(_parts(x)[2][0])
    return x.shape[0]


def rows(x) -> list:
    """The rows of a leaf along its leading dimension."""
    if not is_composite(x):
        return [x[i, ...] for i in range(x.shape[0])]
    indices, values, dense_shape = _parts(x)
    out = []
    for i in range(int(dense_shape[0])):
        keep = indices[:, 0] == i
        out.append(_make(indices[keep, 1:], values[keep], dense_shape[1:]))
    return out


def to_numpy(x) -> np.ndarray:
    """A SparseTensor's dense value, as `as_numpy_iterator` gives it in TF."""
    from ..sparse import conversion

    dtype = x.dtype
    default = b"" if dtype.name == "string" else None
    return conversion.to_dense(x, default_value=default).numpy()


def symbolic(spec, placeholder, name: str) -> SparseTensor:
    """A SparseTensor of graph placeholders matching `spec` (for tracing functions)."""
    from ..core import dtypes
    from ..core.spec import TensorSpec

    rank = spec.shape.rank
    st = SparseTensor(placeholder(TensorSpec([None, rank], dtypes.int64), f"{name}_indices"),
                      placeholder(TensorSpec([None], spec.dtype), f"{name}_values"),
                      placeholder(TensorSpec([rank], dtypes.int64), f"{name}_dense_shape"))
    st.set_shape(spec.shape)
    return st
