"""`Tensor` and `EagerTensor`: immutable n-dimensional arrays.

An `EagerTensor` owns a NumPy array (`_value`) that nothing ever writes to: ops make new arrays
and variables replace theirs on assignment, so sharing an array between tensors is safe.
Arithmetic operators are installed by `tensorlet.ops.operators`, which keeps `core` free of
imports from the op families.
"""

from __future__ import annotations

import numpy as np

from . import dtypes
from .context import note_numpy_read, state
from .shape import TensorShape, known_shape

__all__ = ["Tensor", "EagerTensor", "Reference", "wrap", "as_result_array"]

_NP_TO_DTYPE = dtypes._BY_NP
_CPU = "/job:localhost/replica:0/task:0/device:CPU:0"
# NOTE: TF 2.21 gives this hint for exactly these ndarray attributes, in this exact text.
_NUMPY_HINT = (
    "{cls} object has no attribute '{name}'. \n"
    "        If you are looking for numpy-related methods, please run the following:\n"
    "        tf.experimental.numpy.experimental_enable_numpy_behavior()\n"
    "      "
)
_EAGER_UNDEFINED = frozenset({"name", "op", "graph"})
_NUMPY_NAMES = frozenset({"T", "astype", "clip", "data", "ravel", "reshape", "size", "tolist",
                          "transpose"})


class Reference:
    """A hashable reference to a tensor or variable (`t.ref()`), usable as a dict key."""

    __slots__ = ("_obj",)

    def __init__(self, obj) -> None:
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self) -> int:
        return id(self._obj)

    def __eq__(self, other) -> bool:
        return isinstance(other, Reference) and other._obj is self._obj

    def __repr__(self) -> str:
        return f"<Reference wrapping {self._obj!r}>"


class Tensor:
    """A multidimensional array of one dtype; the base class of eager and symbolic tensors.

    Example:
        >>> import tensorlet as tf
        >>> t = tf.constant([[1., 2.], [3., 4.]])
        >>> isinstance(t, tf.Tensor), t.shape, t.dtype
        (True, TensorShape([2, 2]), tf.float32)
    """

    __slots__ = ()
    # NOTE: higher than ndarray's, so `ndarray + tensor` defers to Tensor.__radd__ (as in TF).
    __array_priority__ = 100
    _tensor_like = True

    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def ref(self) -> Reference:
        return Reference(self)

    experimental_ref = ref

    def get_shape(self) -> TensorShape:
        return self.shape

    @property
    def ndim(self) -> int:
        return self.shape.rank

    def __getattr__(self, name):
        # NOTE: a property that raises AttributeError lands here too (Python's protocol).
        if name in _EAGER_UNDEFINED and isinstance(self, EagerTensor):
            raise AttributeError(f"Tensor.{name} is undefined when eager execution is enabled.")
        if name in _NUMPY_NAMES:
            raise AttributeError(_NUMPY_HINT.format(cls=type(self).__name__, name=name))
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setitem__(self, key, value):
        raise TypeError(
            f"'{type(self).__name__}' object does not support item assignment. Tensors are "
            "immutable: build a new tensor (tf.tensor_scatter_nd_update) or use a tf.Variable "
            "and `v[...].assign(value)`."
        )


class EagerTensor(Tensor):
    """A tensor with a concrete value, produced by eager op execution."""

    # `_origin` is set only on slices of variables (`v[0, 1]`), which can `.assign()` back;
    # `_keras_logits` only on the outputs of Keras's softmax and sigmoid activations, whose
    # crossentropy losses then start from the logits (as Keras does).
    __slots__ = ("_value", "_origin", "_keras_logits", "__weakref__")

    def __init__(self, value: np.ndarray) -> None:
        self._value = value

    @property
    def shape(self) -> TensorShape:
        return known_shape(self._value.shape)

    @property
    def dtype(self) -> dtypes.DType:
        return _NP_TO_DTYPE[self._value.dtype]

    @property
    def ndim(self) -> int:
        return self._value.ndim

    @property
    def device(self) -> str:
        return _CPU

    def numpy(self):
        """The value as a NumPy array (a copy), or a NumPy scalar for a 0-d tensor.

        Example:
            >>> import tensorlet as tf
            >>> tf.constant([1., 2.]).numpy()
            array([1., 2.], dtype=float32)
        """
        if state.tapes:
            note_numpy_read(self)
        v = self._value
        return v[()] if v.ndim == 0 else v.copy()

    def set_shape(self, shape) -> None:
        if not self.shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self.shape} is not compatible with supplied "
                             f"shape {TensorShape(shape)}.")

    def __array__(self, dtype=None, copy=None):
        if state.tapes:
            note_numpy_read(self)
        return array_view(self._value, dtype, copy)

    def __len__(self) -> int:
        if self._value.ndim == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return self._value.shape[0]

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (self[i] for i in range(self._value.shape[0]))

    def __bool__(self) -> bool:
        v = self._value
        if v.size > 1:
            raise ValueError(
                "The truth value of an array with more than one element is ambiguous. "
                "Use a.any() or a.all()"
            )
        return v.size == 1 and bool(v.reshape(()))

    def __float__(self) -> float:
        return float(_scalar(self._value))

    def __int__(self) -> int:
        return int(_scalar(self._value))

    def __complex__(self) -> complex:
        return complex(_scalar(self._value))

    def __index__(self) -> int:
        if self._value.dtype.kind not in "iu":
            raise TypeError(f"only integer scalar tensors can be used as an index, got "
                            f"{self.dtype.name}")
        return int(self._value)

    def __format__(self, format_spec: str) -> str:
        v = self._value
        if v.ndim == 0:
            return format(v[()], format_spec)
        if format_spec:
            raise TypeError("unsupported format string passed to numpy.ndarray.__format__")
        return str(v)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (wrap, (self._value,))

    def __repr__(self) -> str:
        return (f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, "
                f"numpy={numpy_text(self._value, True)}>")

    def __str__(self) -> str:
        return f"tf.Tensor({numpy_text(self._value, False)}, shape={self.shape}, " \
               f"dtype={self.dtype.name})"


def _scalar(value: np.ndarray) -> np.ndarray:
    if value.ndim:
        raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
    return value


def array_view(value: np.ndarray, dtype=None, copy=None) -> np.ndarray:
    """`__array__` of tensors and variables: a copy, or a read-only view (as TF gives)."""
    value = np.asarray(value)
    if dtype is not None and np.dtype(dtype) != value.dtype:
        return value.astype(dtype)
    if copy:
        return value.copy()
    view = value.view()
    view.flags.writeable = False
    return view


def numpy_text(value: np.ndarray, is_repr: bool) -> str:
    """The value as TF prints it inside a tensor's repr or str."""
    text = repr(value) if is_repr and value.ndim else str(value)
    if "\n" in text:
        text = "\n" + text
    return text


def as_result_array(value) -> np.ndarray:
    """A kernel result that is not an ndarray (a NumPy or Python scalar) as a 0-d array.

    An element of a string tensor is a Python `bytes`, which NumPy would make a fixed-width `S`
    array; tensorlet keeps strings in object arrays, so it becomes one.
    """
    value = np.asarray(value)
    if value.dtype.kind in "SU":
        if value.dtype.kind == "U":
            value = np.char.encode(value, "utf-8")
        value = value.astype(object)
    return value


def wrap(value) -> EagerTensor:
    """Wraps a kernel result (an ndarray or a NumPy scalar) as an EagerTensor."""
    if type(value) is not np.ndarray:
        value = as_result_array(value)
    t = EagerTensor.__new__(EagerTensor)
    t._value = value
    return t
