"""`SymbolicTensor`: the tensors a traced function sees (TF's graph tensors).

A symbolic tensor is a `Tensor` (so every operator and public op accepts it) and an IR `Value`
(so the graph records it directly). It has a shape (dims may be unknown), a dtype, a name such as
`"add:0"`, and the `op` that produced it, but no value: `.numpy()`, `bool()`, `len()` and
iteration raise clear errors, as in TF.
"""

from __future__ import annotations

from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ..core.tensor import Tensor
from .ir import Value

__all__ = ["SymbolicTensor", "OperatorNotAllowedInGraphError"]


class OperatorNotAllowedInGraphError(TypeError):
    """A Python operation that needs a concrete value was used on a symbolic tensor."""


class SymbolicTensor(Tensor, Value):
    """A tensor inside a traced function: typed, named, without a value.

    Example:
        >>> import tensorlet as tf
        >>> @tf.function
        ... def f(x):
        ...     print(x)
        ...     return x + 1
        >>> _ = f(tf.constant([1., 2.]))
        Tensor("x:0", shape=(2,), dtype=float32)
    """

    # `_keras_logits`: see EagerTensor.
    __slots__ = ("_keras_logits",)

    @property
    def device(self) -> str:
        return ""

    def __getattr__(self, name):
        if name == "numpy":
            raise AttributeError(
                f"'SymbolicTensor' object has no attribute 'numpy': {self.name} is symbolic "
                f"(inside tf.function tensors have no value while the function is traced). "
                f"Return the tensor from the function, or print it with tf.print")
        return Tensor.__getattr__(self, name)

    def set_shape(self, shape) -> None:
        """Refines the static shape (TF's `Tensor.set_shape`)."""
        if not self.spec.shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self.spec.shape} is not compatible with "
                             f"supplied shape {TensorShape(shape)}.")
        self.spec = TensorSpec(self.spec.shape.merge_with(shape), self.spec.dtype)

    def __bool__(self) -> bool:
        raise OperatorNotAllowedInGraphError(
            f"Using a symbolic `tf.Tensor` as a Python `bool` is not allowed: {self.name} has "
            f"no value while the function is traced. Use tf.cond / tf.where, or compare "
            f"Python values instead.")

    def __len__(self) -> int:
        raise TypeError(f"len is not well defined for a symbolic Tensor ({self.name}). Please "
                        f"call `x.shape` rather than `len(x)` for shape information.")

    def __iter__(self):
        raise OperatorNotAllowedInGraphError(
            f"Iterating over a symbolic `tf.Tensor` ({self.name}) is not allowed; use "
            f"tf.unstack or index it with a Python int.")

    def _static_value(self):
        """The array this tensor always holds in its trace, or None (see static_value.py)."""
        from .static_value import static_value

        return static_value(self)

    def _python_number(self, kind):
        value = self._static_value()
        if value is None or value.ndim != 0 or (kind is int and value.dtype.kind not in "iub"):
            raise TypeError(f"Cannot convert the symbolic tensor {self.name} to a Python number "
                            f"while the function is traced: its value depends on the call's "
                            f"inputs (their data, or a dim unknown when traced).")
        return kind(value)

    def __index__(self) -> int:
        return self._python_number(int)

    def __int__(self) -> int:
        return self._python_number(int)

    def __float__(self) -> float:
        return self._python_number(float)

    def __complex__(self) -> complex:
        return self._python_number(complex)

    def __array__(self, dtype=None, copy=None):
        value = self._static_value()
        if value is None:
            raise NotImplementedError(
                f"Cannot convert a symbolic tf.Tensor ({self.name}) to a numpy array. This "
                f"error may indicate that you're trying to pass a Tensor to a NumPy call, which "
                f"is not supported.")
        return value if dtype is None else value.astype(dtype)

    def __format__(self, format_spec: str) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def __str__(self) -> str:
        return f'Tensor("{self.name}", shape={self.shape}, dtype={self.dtype.name})'
