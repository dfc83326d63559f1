"""What TF's dense ops do when given a SparseTensor, registered with `core.overrides`.

`tf.constant(2.) * s` is sparse (TF's Tensor.__mul__ multiplies the entries); `tf.shape`,
`tf.size` and `tf.rank` read the dense shape; `tf.identity` keeps the SparseTensor.
"""

from __future__ import annotations

from ..core import dtypes, overrides
from ..core.convert import is_tensor_like
from ..ops import array_shape, math_cast, reduce
from .arithmetic import cwise
from .sparse_tensor import SparseTensor


def _multiply(x, y, name=None):
    """`tensor * sparse` (Tensor.__mul__ with a SparseTensor on the right) is sparse, as TF's
    Tensor.__mul__ makes it; `tf.multiply` of a SparseTensor and a Python value fails as in
    TF (`s * y` is SparseTensor.__mul__ and never gets here)."""
    if isinstance(x, SparseTensor) or not is_tensor_like(x):
        sp = x if isinstance(x, SparseTensor) else y
        raise ValueError(f"Attempt to convert a value ({sp!r}) with an unsupported type "
                         f"({type(sp)}) to a Tensor.")
    return cwise(y, x, divide=False)


def _shape(input, out_type=dtypes.int32, name=None):
    return math_cast.cast(input.dense_shape, out_type)


def _size(input, out_type=dtypes.int32, name=None):
    return math_cast.cast(reduce.reduce_prod(input.dense_shape), out_type)


def _rank(input, name=None):
    return array_shape.size(input.dense_shape)


def _identity(input, name=None):
    return SparseTensor(input.indices, array_shape.identity(input.values), input.dense_shape)


def install() -> None:
    """Registers the SparseTensor implementations of `multiply`, `shape`, `size`, `rank` and
    `identity`."""
    for name, impl in (("multiply", _multiply), ("shape", _shape), ("size", _size),
                       ("rank", _rank), ("identity", _identity)):
        overrides.register(name, SparseTensor, impl)
