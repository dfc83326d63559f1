"""`tf.Variable`: a mutable, named holder of a tensor value.

A variable never writes into its array: every assignment builds a new array and swaps it in, so
tensors read from the variable earlier keep their values.
"""

from __future__ import annotations

import itertools

import numpy as np

from . import dtypes
from .convert import to_array
from .errors import InvalidArgumentError
from .indexing import normalize_key
from .shape import TensorShape, as_shape
from .tensor import _CPU, Reference, numpy_text, wrap

__all__ = ["Variable", "ResourceVariable", "IndexedSlices", "VariableSynchronization",
           "VariableAggregation"]

_uids = itertools.count(1)


class VariableSynchronization:
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation:
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


class IndexedSlices:
    """A sparse slice representation: rows `indices` of a dense tensor hold `values`.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.IndexedSlices(tf.constant([[1., 2.]]), tf.constant([1]), [3, 2])
        >>> s.indices.numpy()
        array([1], dtype=int32)
    """

    def __init__(self, values, indices, dense_shape=None) -> None:
        self.values = wrap(to_array(values))
        self.indices = wrap(to_array(indices))
        self.dense_shape = None if dense_shape is None else wrap(to_array(dense_shape))

    @property
    def dtype(self):
        return self.values.dtype

    @property
    def shape(self) -> TensorShape:
        if self.dense_shape is None:
            return TensorShape([None] + self.values.shape.as_list()[1:])
        return TensorShape(self.dense_shape._value.tolist())

    def __repr__(self) -> str:
        return (f"IndexedSlices(indices={self.indices!r}, values={self.values!r}, "
                f"dense_shape={self.dense_shape!r})")


class Variable:
    """A variable: `tf.Variable(initial_value)` gives a `ResourceVariable`.

    Args:
        initial_value: a tensor, array, Python value or a callable returning one.
        trainable: watched by gradient tapes and collected by Keras (default True).
        name: the variable's name; `:0` is appended as in TF.
        dtype: converts the initial value to this dtype.
        constraint: a function applied by optimizers after each update (Keras).
        shape: the variable's shape; `TensorShape(None)` lets assignments change it.

    Example:
        >>> import tensorlet as tf
        >>> v = tf.Variable([[1., 2.], [3., 4.]])
        >>> v.assign(2 * v).numpy()[0]
        array([2., 4.], dtype=float32)
    """

    __array_priority__ = 100

    def __new__(cls, *args, **kwargs):
        if cls is Variable:
            cls = ResourceVariable
        return object.__new__(cls)

    def __init__(self, initial_value=None, trainable=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None,
                 import_scope=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO,
                 aggregation=VariableAggregation.NONE, shape=None, **kwargs) -> None:
        if initial_value is None:
            raise ValueError("The initial_value must be specified.")
        if callable(initial_value):
            initial_value = initial_value()
        if constraint is not None and not callable(constraint):
            raise ValueError(f"The `constraint` argument must be a callable. Received: "
                             f"{constraint!r}")
        value = to_array(initial_value, dtype)
        self._value = value
        self._shape = as_shape(shape) if shape is not None else TensorShape(value.shape)
        if not self._shape.is_compatible_with(value.shape):
            raise ValueError(f"The initial value's shape ({TensorShape(value.shape)}) is not "
                             f"compatible with the explicitly supplied `shape` argument "
                             f"({self._shape}).")
        self._trainable = True if trainable is None else bool(trainable)
        self._name = (name or "Variable") if ":" in (name or "") else f"{name or 'Variable'}:0"
        self._constraint = constraint
        self._synchronization = synchronization
        self._aggregation = aggregation
        self._unique_id = next(_uids)

    name = property(lambda self: self._name)
    trainable = property(lambda self: self._trainable)
    constraint = property(lambda self: self._constraint)
    synchronization = property(lambda self: self._synchronization)
    aggregation = property(lambda self: self._aggregation)
    device = property(lambda self: _CPU)

    @property
    def dtype(self) -> dtypes.DType:
        return dtypes._BY_NP[self._value.dtype]

    @property
    def shape(self) -> TensorShape:
        return self._shape if self._shape.is_fully_defined() else TensorShape(self._value.shape)

    @property
    def ndim(self) -> int:
        return self._value.ndim

    def get_shape(self) -> TensorShape:
        return self.shape

    def numpy(self):
        v = self._value
        return v[()] if v.ndim == 0 else v.copy()

    def value(self):
        """The current value as a Tensor."""
        return wrap(self._value)

    def read_value(self):
        return self.value()

    def ref(self) -> Reference:
        return Reference(self)

    experimental_ref = ref

    def _new_value(self, value, op: str) -> np.ndarray:
        new = to_array(value, self.dtype)
        if not self._shape.is_compatible_with(new.shape):
            raise ValueError(
                f"Cannot {op} value to variable '{self._name}': Shape mismatch. The variable "
                f"shape {self._shape}, and the assigned value shape {TensorShape(new.shape)} "
                f"are incompatible."
            )
        return new

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Replaces the value; returns the variable (so `.numpy()` can be chained)."""
        self._value = self._new_value(value, "assign")
        return self

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        self._value = self._combine(delta, np.add, "assign_add")
        return self

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        self._value = self._combine(delta, np.subtract, "assign_sub")
        return self

    def _combine(self, delta, ufunc, op: str) -> np.ndarray:
        delta = to_array(delta, dtype_hint=self.dtype)
        if delta.dtype != self._value.dtype:
            raise InvalidArgumentError(
                f"{op}: cannot {op} a {dtypes._BY_NP[delta.dtype].name} value to the "
                f"{self.dtype.name} variable '{self._name}'; use tf.cast")
        if delta.shape != self._value.shape:
            raise InvalidArgumentError(
                f"{op}: the value shape {TensorShape(delta.shape)} differs from the shape "
                f"{self.shape} of variable '{self._name}'")
        return ufunc(self._value, delta)

    def _assign_slice(self, key, value):
        key = normalize_key(key)
        try:
            target_shape = self._value[key].shape
        except IndexError as e:
            raise InvalidArgumentError(f"assign: slice {key} of variable '{self._name}' with "
                                       f"shape {self.shape} is out of range: {e}") from None
        new_part = to_array(value, self.dtype)
        if new_part.shape != target_shape:
            raise ValueError(f"assign: sliced l-value shape {list(target_shape)} does not match "
                             f"r-value shape {list(new_part.shape)}")
        new = self._value.copy()
        new[key] = new_part
        self._value = new
        return self

    def _scatter_nd(self, indices, updates, how: str):
        idx = to_array(indices)
        upd = to_array(updates, self.dtype)
        if idx.dtype.kind not in "iu" or idx.ndim < 1 or idx.shape[-1] > self._value.ndim:
            raise InvalidArgumentError(
                f"scatter_nd_{how}: indices must be an integer tensor whose last dimension is "
                f"at most the variable's rank {self._value.ndim}, got {idx.dtype} "
                f"{list(idx.shape)}")
        where = tuple(np.moveaxis(idx, -1, 0))
        new = self._value.copy()
        try:
            if how == "update":
                new[where] = upd
            else:
                np.add.at(new, where, upd if how == "add" else -upd)
        except (IndexError, ValueError) as e:
            raise InvalidArgumentError(f"scatter_nd_{how}: {e} (variable shape {self.shape}, "
                                       f"indices {list(idx.shape)}, updates "
                                       f"{list(upd.shape)})") from None
        self._value = new
        return self

    def scatter_nd_update(self, indices, updates, name=None):
        """Writes `updates` at the N-d `indices`: `v.scatter_nd_update([[0, 0]], [100.])`."""
        return self._scatter_nd(indices, updates, "update")

    def scatter_nd_add(self, indices, updates, name=None):
        return self._scatter_nd(indices, updates, "add")

    def scatter_nd_sub(self, indices, updates, name=None):
        return self._scatter_nd(indices, updates, "sub")

    def _scatter_rows(self, sparse_delta, how: str):
        if not isinstance(sparse_delta, IndexedSlices):
            raise TypeError(f"sparse_delta is not IndexedSlices: {sparse_delta!r}")
        idx = sparse_delta.indices._value.reshape(-1, 1)
        return self._scatter_nd(idx, sparse_delta.values, how)

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        return self._scatter_rows(sparse_delta, "update")

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        return self._scatter_rows(sparse_delta, "add")

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        return self._scatter_rows(sparse_delta, "sub")

    def __setitem__(self, key, value):
        raise TypeError(
            f"'{type(self).__name__}' object does not support item assignment. "
            f"Use the slice's assign method instead: v[{_key_text(key)}].assign(value)"
        )

    def __hash__(self):
        raise TypeError("Variable is unhashable. Instead, use variable.ref() as the key.")

    def __array__(self, dtype=None, copy=None):
        v = self._value
        if dtype is not None and np.dtype(dtype) != v.dtype:
            return v.astype(dtype)
        return v.copy() if copy else v

    def __bool__(self) -> bool:
        return bool(wrap(self._value))

    def __float__(self) -> float:
        return float(self._value)

    def __int__(self) -> int:
        return int(self._value)

    def __index__(self) -> int:
        return wrap(self._value).__index__()

    def __len__(self) -> int:
        return len(wrap(self._value))

    def __iter__(self):
        return iter(wrap(self._value))

    def __format__(self, format_spec: str) -> str:
        return format(wrap(self._value), format_spec)

    def __deepcopy__(self, memo):
        copy = Variable(self._value.copy(), trainable=self._trainable,
                        name=self._name.split(":")[0], constraint=self._constraint)
        memo[id(self)] = copy
        return copy

    def __repr__(self) -> str:
        return (f"<tf.Variable '{self._name}' shape={self.shape} dtype={self.dtype.name}, "
                f"numpy={numpy_text(self._value, True)}>")

    def __str__(self) -> str:
        return repr(self)


class ResourceVariable(Variable):
    """The concrete class of `tf.Variable(...)` objects, as in TF 2."""


def _key_text(key) -> str:
    key = key if isinstance(key, tuple) else (key,)
    parts = []
    for k in key:
        if isinstance(k, slice):
            parts.append(":" if k.start is None and k.stop is None else
                         f"{'' if k.start is None else k.start}:{'' if k.stop is None else k.stop}")
        else:
            parts.append("..." if k is Ellipsis else repr(k))
    return ", ".join(parts)
