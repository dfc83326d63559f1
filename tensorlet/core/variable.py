"""`tf.Variable`: a mutable, named holder of a tensor value.

A variable never writes into its array: every assignment builds a new array and swaps it in, so
tensors read from the variable earlier keep their values. While a function is traced, reads and
assignments are recorded by the graph builder instead (`state.builder`).
"""

from __future__ import annotations

import itertools

import numpy as np

from . import dtypes
from .context import note_numpy_read, state
from .convert import to_array
from .errors import InvalidArgumentError, UnimplementedError
from .indexing import check_bounds, normalize_key
from .shape import TensorShape, as_shape, known_shape
from .tensor import _CPU, Reference, array_view, numpy_text, wrap

__all__ = ["Variable", "ResourceVariable", "IndexedSlices", "VariableSynchronization",
           "VariableAggregation", "enable_variable_setitem"]

_uids = itertools.count(1)
_settings = {"setitem": False}


def enable_variable_setitem(enabled: bool = True) -> None:
    """Opt-in (C11): lets `v[key] = value` mean `v[key].assign(value)`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.core.variable import enable_variable_setitem
        >>> enable_variable_setitem()
        >>> v = tf.Variable([1., 2.])
        >>> v[0] = 5.
        >>> v.numpy()
        array([5., 2.], dtype=float32)
        >>> enable_variable_setitem(False)
    """
    _settings["setitem"] = bool(enabled)


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
        """The dense shape (unknown when no `dense_shape` was given, as in TF)."""
        if self.dense_shape is None:
            return TensorShape(None)
        return TensorShape(self.dense_shape._value.tolist())

    def __repr__(self) -> str:
        return (f"IndexedSlices(indices={self.indices!r}, values={self.values!r}, "
                f"dense_shape={self.dense_shape!r})")


class Variable:
    """A variable: `tf.Variable(initial_value)` gives a `ResourceVariable`.

    Args:
        initial_value: a tensor, array, Python value or a callable returning one.
        trainable: watched by gradient tapes and collected by Keras (default True, False for
            `synchronization=ON_READ`).
        name: the variable's name; `:0` is appended as in TF.
        dtype: converts the initial value to this dtype (as `tf.convert_to_tensor` does).
        constraint: a function applied by optimizers after each update (Keras).
        shape: the variable's shape; `TensorShape(None)` lets assignments change it.

    A Python float becomes a float32 value, so a value below float32's range underflows, as in
    TF: `tf.Variable(1e-50)` holds 0.0, and the gradient of `tf.sqrt` there is inf (D12).

    Example:
        >>> import tensorlet as tf
        >>> v = tf.Variable([[1., 2.], [3., 4.]])
        >>> v.assign(2 * v).numpy()[0]
        array([2., 4.], dtype=float32)
        >>> tf.Variable(1e-50).numpy()
        np.float32(0.0)
    """

    __array_priority__ = 100
    _tensor_like = True

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
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except "
                             "when you are not providing a `variable_def`. You provided neither.")
        if constraint is not None and not callable(constraint):
            raise ValueError(f"Argument `constraint` must be None or a callable. Got a "
                             f"{type(constraint)}: {constraint!r}")
        if state.builder is not None:
            initial_value = state.builder.lift_variable(self, initial_value)
        elif callable(initial_value):
            initial_value = initial_value()
        self._value = _initial_array(initial_value, dtype)
        self._shape = as_shape(shape) if shape is not None else known_shape(self._value.shape)
        if not self._shape.is_compatible_with(self._value.shape):
            raise ValueError(f"In this `tf.Variable` creation, the initial value's shape "
                             f"({known_shape(self._value.shape)}) is not compatible with the "
                             f"explicitly supplied `shape` argument ({shape}).")
        if trainable is None:
            trainable = synchronization != VariableSynchronization.ON_READ
        self._trainable = bool(trainable)
        self._name = f"{'Variable' if name is None else name}:0"
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
        """The declared shape (it may hold unknown dims: `shape=[None]` at creation)."""
        return self._shape

    @property
    def ndim(self) -> int:
        return self._value.ndim

    def get_shape(self) -> TensorShape:
        return self._shape

    def numpy(self):
        if state.builder is not None:
            raise NotImplementedError("numpy() is only available when eager execution is enabled.")
        if state.tapes:
            note_numpy_read(self)
        v = self._value
        return v[()] if v.ndim == 0 else v.copy()

    def value(self):
        """The current value as a Tensor (inside a traced function: a read on every call)."""
        if state.builder is not None:
            return state.builder.read_variable(self)
        return wrap(self._value)

    def read_value(self):
        return self.value()

    def ref(self) -> Reference:
        return Reference(self)

    experimental_ref = ref

    # --- whole-variable updates ----------------------------------------------------------------

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Replaces the value; returns the variable (None with `read_value=False`).

        Raises:
            TypeError / ValueError: when the value cannot be the variable's dtype.
            ValueError: when its shape does not fit the variable's shape.
        """
        if state.builder is not None:
            return state.builder.assign_variable(self, value, "assign")
        new = to_array(value, self.dtype)
        if not self._shape.is_compatible_with(new.shape):
            raise ValueError(
                f"Cannot assign value to variable '{self._name}': Shape mismatch.The variable "
                f"shape {self._shape}, and the assigned value shape {known_shape(new.shape)} are "
                f"incompatible.")
        self._value = new
        return self if read_value else None

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        """Adds `delta` (same shape: there is no broadcasting); returns the variable."""
        return self._update(delta, np.add, "assign_add", read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        """Subtracts `delta` (same shape: there is no broadcasting); returns the variable."""
        return self._update(delta, np.subtract, "assign_sub", read_value)

    def _update(self, delta, ufunc, how: str, read_value: bool):
        if state.builder is not None:
            return state.builder.assign_variable(self, delta, how)
        delta = to_array(delta, self.dtype)
        if delta.shape != self._value.shape:
            op = "AssignAddVariableOp" if how == "assign_add" else "AssignSubVariableOp"
            raise InvalidArgumentError(
                None, None, f"Cannot update variable with shape {_dims(self._value.shape)} using "
                f"a Tensor with shape {_dims(delta.shape)}, shapes must be equal. [Op:{op}]\n"
                f"{how}: variable '{self._name}' has shape {known_shape(self._value.shape)}; "
                f"give a value of that shape, e.g. tf.broadcast_to(delta, v.shape)")
        # NOTE: np.asarray because a ufunc on 0-d arrays returns a NumPy scalar, not an array.
        self._value = np.asarray(ufunc(self._value, delta))
        return self if read_value else None

    # --- partial updates -----------------------------------------------------------------------

    def _assign_slice(self, key, value):
        """`v[key].assign(value)`: the value broadcasts to the slice's shape."""
        _eager_only("v[...].assign(value)")
        key = normalize_key(key)
        check_bounds(self._value.shape, key)
        target = self._value[key].shape
        part = to_array(value, self.dtype)
        try:
            part = np.broadcast_to(part, target)
        except ValueError:
            raise InvalidArgumentError(
                None, None, f"Cannot broadcast input shape {list(part.shape)} into final shape "
                f"{list(target)} [Op:ResourceStridedSliceAssign]") from None
        new = self._value.copy()
        new[key] = part
        self._value = new
        return self

    def _scatter_nd(self, indices, updates, how: str):
        _eager_only(f"scatter_nd_{how}")
        idx = to_array(indices)
        upd = to_array(updates, self.dtype)
        shape = self._value.shape
        op = f"ResourceScatterNd{how.capitalize()}"
        if idx.dtype.kind not in "iu" or idx.ndim < 1 or idx.shape[-1] > len(shape):
            raise InvalidArgumentError(
                None, None, f"scatter_nd_{how}: indices must be an int32/int64 tensor whose last "
                f"dimension is at most the variable's rank {len(shape)}, got {idx.dtype} "
                f"{list(idx.shape)} [Op:{op}]")
        k = idx.shape[-1]
        flat = idx.reshape(-1, k)
        bad = np.flatnonzero(((flat < 0) | (flat >= np.array(shape[:k], dtype=np.int64))).any(1))
        if bad.size:
            i = int(bad[0])
            raise InvalidArgumentError(
                None, None, f"indices[{i}] = {flat[i].tolist()} does not index into shape "
                f"{_dims(shape)} [Op:{op}]")
        want = idx.shape[:-1] + shape[k:]
        if upd.shape != want:
            raise InvalidArgumentError(
                None, None, f"scatter_nd_{how}: updates must have shape {list(want)} (indices "
                f"{list(idx.shape)}, variable {list(shape)}), got {list(upd.shape)} [Op:{op}]")
        new = self._value.copy()
        where = tuple(np.moveaxis(idx, -1, 0))
        if how == "update":
            new[where] = upd
        else:
            (np.add if how == "add" else np.subtract).at(new, where, upd)
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
            raise TypeError(f"Argument `sparse_delta` must be a `tf.IndexedSlices`. Received "
                            f"arg: {sparse_delta!r}")
        idx = sparse_delta.indices._value.reshape(-1, 1)
        return self._scatter_nd(idx, sparse_delta.values, how)

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        """Writes the rows of an `IndexedSlices` into the variable."""
        return self._scatter_rows(sparse_delta, "update")

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        return self._scatter_rows(sparse_delta, "add")

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        return self._scatter_rows(sparse_delta, "sub")

    def __setitem__(self, key, value):
        if _settings["setitem"]:
            self._assign_slice(key, value)
            return
        raise TypeError(
            f"'{type(self).__name__}' object does not support item assignment. "
            f"Use the slice's assign method instead: v[{_key_text(key)}].assign(value)"
        )

    # --- Python and NumPy protocols ------------------------------------------------------------

    def __hash__(self):
        raise TypeError(f"Variable is unhashable. Instead, use variable.ref() as the key. "
                        f"(Variable: {self!r})")

    def __array__(self, dtype=None, copy=None):
        if state.tapes:
            note_numpy_read(self)
        # NOTE: TF gives a writable copy for variables (a read-only view for tensors).
        return array_view(self._value, dtype, copy is not False)

    def __bool__(self) -> bool:
        return bool(wrap(self._value))

    def __float__(self) -> float:
        return float(wrap(self._value))

    def __int__(self) -> int:
        return int(wrap(self._value))

    def __index__(self) -> int:
        return wrap(self._value).__index__()

    def __len__(self) -> int:
        return len(wrap(self._value))

    def __iter__(self):
        return iter(wrap(self._value))

    def __format__(self, format_spec: str) -> str:
        return format(wrap(self._value), format_spec)

    def __deepcopy__(self, memo):
        copy = Variable(self._value, trainable=self._trainable, name=self._name[:-2],
                        constraint=self._constraint, shape=self._shape,
                        synchronization=self._synchronization, aggregation=self._aggregation)
        memo[id(self)] = copy
        return copy

    def __repr__(self) -> str:
        return (f"<tf.Variable '{self._name}' shape={self.shape} dtype={self.dtype.name}, "
                f"numpy={numpy_text(self._value, True)}>")

    def __str__(self) -> str:
        return repr(self)


class ResourceVariable(Variable):
    """The concrete class of `tf.Variable(...)` objects, as in TF 2."""


def _initial_array(value, dtype) -> np.ndarray:
    try:
        return to_array(value, dtype)
    except ValueError as e:
        if hasattr(value, "_value"):
            raise ValueError(f"initial_value: {e}") from None
        raise


def _dims(shape: tuple) -> str:
    """A shape as TF's kernels print it: `[2,3]`."""
    return "[" + ",".join(str(d) for d in shape) + "]"


def _eager_only(what: str) -> None:
    if state.builder is not None:
        raise UnimplementedError(
            None, None, f"{what} on a tf.Variable inside tf.function is not supported yet; "
            f"use v.assign(tf.tensor_scatter_nd_update(v, indices, updates)) instead")


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
