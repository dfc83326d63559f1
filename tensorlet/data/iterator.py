"""Iterators over datasets: `iter(dataset)` (TF's `OwnedIterator`) and `as_numpy_iterator`.

An iterator runs the dataset's pipeline (`Dataset._iter_flat`) and packs each flat tuple of
arrays into the element structure of tensors. Inside a traced `tf.function`, `next(iterator)`
on an iterator made outside becomes a stateful graph node that pulls the next element each
time the function runs (`graph_loop.get_next`).
"""

from __future__ import annotations

from ..core import dtypes, nest
from ..core.context import state
from ..core.convert import constant
from ..core.errors import InvalidArgumentError, OutOfRangeError
from . import composite, graph_loop, structure

__all__ = ["OwnedIterator", "NumpyIterator", "Optional"]


class OwnedIterator:
    """An iterator over a dataset's elements (tensors in the dataset's structure).

    Example:
        >>> import tensorlet as tf
        >>> it = iter(tf.data.Dataset.range(2))
        >>> next(it), it.get_next()
        (<tf.Tensor: shape=(), dtype=int64, numpy=0>, <tf.Tensor: shape=(), dtype=int64, numpy=1>)
    """

    def __init__(self, dataset) -> None:
        if state.builder is not None:
            raise TypeError(
                "Creating an iterator of a tf.data.Dataset inside a traced tf.function is not "
                "supported: write `for x in dataset:` (AutoGraph turns it into one loop node "
                "that runs per call), use `dataset.reduce(...)`, or create the iterator outside "
                "the function and call `next(iterator)` inside it.")
        self._dataset = dataset
        self._element_spec = dataset.element_spec
        self._flat = dataset._iter_flat()
        self._pack = structure.make_packer(self._element_spec)

    @property
    def element_spec(self):
        return self._element_spec

    def __iter__(self):
        return self

    def __next__(self):
        if state.builder is not None:
            return graph_loop.get_next(self)
        return self._pack(next(self._flat))

    def next(self):
        return self.__next__()

    def _iter_flat(self):
        """The remaining elements (a `for` loop over an iterator consumes it)."""
        return self._flat

    def _ag_for_stmt(self, extra_test, body, get_state, set_state, names, live, options):
        """AutoGraph's hook for `for x in iterator` (see `graph_loop.py`)."""
        graph_loop.ag_for_stmt(self, extra_test, body, get_state, set_state, names, live,
                               options)

    def _next_flat(self):
        """The next element's flat leaves; OutOfRangeError at the end (graph semantics)."""
        try:
            return next(self._flat)
        except StopIteration:
            raise OutOfRangeError(None, None, "End of sequence [Op:IteratorGetNext]") from None

    def get_next(self):
        """The next element; raises `tf.errors.OutOfRangeError` at the end."""
        if state.builder is not None:
            return self.__next__()
        return self._pack(self._next_flat())

    def get_next_as_optional(self):
        """An `Optional` holding the next element, or no value at the end."""
        try:
            return Optional(self._element_spec, self._pack(next(self._flat)))
        except StopIteration:
            return Optional(self._element_spec, None, has_value=False)

    def __repr__(self) -> str:
        return f"<tensorlet.data.OwnedIterator element_spec={self._element_spec!r}>"


class Optional:
    """A value that may be absent (`tf.experimental.Optional`)."""

    def __init__(self, element_spec, value, has_value: bool = True) -> None:
        self._element_spec = element_spec
        self._value = value
        self._has_value = has_value

    @property
    def element_spec(self):
        return self._element_spec

    def has_value(self, name=None):
        return constant(self._has_value, dtypes.bool)

    def get_value(self, name=None):
        if not self._has_value:
            raise InvalidArgumentError(None, None, "The optional does not have a value.")
        return self._value


def _to_numpy(x):
    if structure.is_dataset(x):
        raise TypeError(f"`tf.data.Dataset.as_numpy_iterator()` is not supported for datasets "
                        f"that produce values of type {type(x)}")
    if composite.is_composite(x):
        return composite.to_numpy(x)  # NOTE: TF 2.21 gives a SparseTensor's dense value
    # NOTE: arrays may be views of the dataset's own data: hand out copies that users may write.
    return x[()] if x.ndim == 0 else x.copy()


class NumpyIterator:
    """The iterator of `Dataset.as_numpy_iterator()`: elements as NumPy values."""

    def __init__(self, dataset) -> None:
        for spec in nest.flatten(dataset.element_spec):
            if isinstance(spec, structure.DatasetSpec):
                raise TypeError(
                    "`tf.data.Dataset.as_numpy_iterator()` is not supported for datasets that "
                    "produce values of type <class 'tensorlet.data.dataset.Dataset'>")
        self._iterator = OwnedIterator(dataset)
        spec = dataset.element_spec
        self._single = not nest.is_nested(spec)
        self._spec = spec

    def __iter__(self):
        return self

    def __next__(self):
        leaves = next(self._iterator._flat)
        if self._single:
            return _to_numpy(leaves[0])
        return nest.pack_sequence_as(self._spec, [_to_numpy(x) for x in leaves])

    next = __next__

    def __repr__(self) -> str:
        return f"NumpyIterator(iterator={self._iterator!r})"
