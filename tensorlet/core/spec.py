"""`TensorSpec`: the abstract value of a tensor (shape and dtype), used by shape rules."""

from __future__ import annotations

from . import dtypes
from .shape import TensorShape, as_shape

__all__ = ["TensorSpec"]


class TensorSpec:
    """Describes a tensor by its shape and dtype; dims may be unknown.

    Example:
        >>> import tensorlet as tf
        >>> tf.TensorSpec([None, 3], tf.float32)
        TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)
    """

    __slots__ = ("_shape", "_dtype", "_name")

    def __init__(self, shape, dtype=dtypes.float32, name: str | None = None) -> None:
        self._shape = as_shape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._name = name

    @property
    def shape(self) -> TensorShape:
        return self._shape

    @property
    def dtype(self) -> dtypes.DType:
        return self._dtype

    @property
    def name(self) -> str | None:
        return self._name

    @classmethod
    def from_tensor(cls, tensor, name: str | None = None) -> TensorSpec:
        return cls(tensor.shape, tensor.dtype, name)

    def is_compatible_with(self, other) -> bool:
        """True when `other` (a spec or a tensor) has this dtype and a compatible shape.

        Python values (lists, arrays) are never compatible, as in TF.
        """
        dtype = getattr(other, "dtype", None)
        if not isinstance(dtype, dtypes.DType) or not hasattr(other, "shape"):
            return False
        return self._dtype is dtype and self._shape.is_compatible_with(other.shape)

    def __eq__(self, other) -> bool:
        if not isinstance(other, TensorSpec):
            return NotImplemented
        return (self._shape, self._dtype, self._name) == (other._shape, other._dtype, other._name)

    def __hash__(self) -> int:
        return hash((self._shape, self._dtype, self._name))

    def __repr__(self) -> str:
        name = repr(self._name) if self._name is not None else "None"
        return f"TensorSpec(shape={self._shape}, dtype={self._dtype!r}, name={name})"

    def short(self) -> str:
        """Compact text such as `float32[2,3]` for error messages."""
        if self._shape.rank is None:
            return f"{self._dtype.name}[?]"
        dims = ",".join("?" if d is None else str(d) for d in self._shape)
        return f"{self._dtype.name}[{dims}]"
