"""Source datasets: slices of tensors, one element, ranges, Python generators, zip, concatenate.

Sources built from symbolic tensors (inside a traced function) know their element spec but
cannot be iterated; everything else holds arrays that nothing writes to.
"""

from __future__ import annotations

import itertools

import numpy as np

from ..core import dtypes, nest
from ..core.convert import to_array
from ..core.errors import InvalidArgumentError, UnknownError
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from . import composite, indexed, structure
from .dataset import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset

__all__ = ["TensorSliceDataset", "TensorDataset", "RangeDataset", "CounterDataset",
           "GeneratorDataset",
           "ZipDataset", "ConcatenateDataset", "SpecDataset", "concrete_arrays"]

# Ranges up to this length also offer an indexed view (an int64 array of 8 MiB at most).
_RANGE_VIEW_LIMIT = 1 << 20
_RANGE_CHUNK = 4096


def concrete_arrays(tensors: list) -> tuple:
    """The arrays of eager tensors; a clear error for symbolic ones (built while tracing)."""
    arrays = []
    for t in tensors:
        if composite.is_composite(t):
            arrays.append(composite.eager(t))
            continue
        value = getattr(t, "_value", None)
        if not isinstance(value, np.ndarray) and not structure.is_dataset(t):
            raise TypeError(
                f"This dataset was built from a symbolic tensor of a traced tf.function "
                f"({t!r}), which has no value to iterate over. Build the dataset outside the "
                f"function, or from constants.")
        arrays.append(value if isinstance(value, np.ndarray) else t)
    return tuple(arrays)


class SpecDataset(Dataset):
    """A stand-in with a known element spec and no elements, used while tracing functions
    that receive datasets (`window` elements given to `flat_map`)."""

    _tf_name = "_VariantDataset"

    def __init__(self, element_spec) -> None:
        self._structure = element_spec

    def _iter_flat(self):
        raise TypeError("A dataset passed to a function being traced has no elements yet.")


class TensorSliceDataset(Dataset):
    """`Dataset.from_tensor_slices`: row `i` of every component is element `i`."""

    _tf_name = "_TensorSliceDataset"

    def __init__(self, tensors) -> None:
        element = structure.normalize(tensors)
        leaves = nest.flatten(element)
        first = None
        for t in leaves:
            if structure.is_dataset(t) or t.shape.rank == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            dim = t.shape[0]
            if first is not None and dim is not None and first != dim:
                raise ValueError(f"Dimensions {first} and {dim} are not compatible")
            first = dim if first is None else first
        self._structure = nest.pack_sequence_as(
            element, [structure.unbatched(structure.spec_of_tensor(t)) for t in leaves])
        self._tensors = leaves
        self._n = first

    def _card(self) -> int:
        return UNKNOWN_CARDINALITY if self._n is None else self._n

    def _view(self):
        arrays = concrete_arrays(self._tensors)
        if any(composite.is_composite(a) for a in arrays):
            return None
        n = len(arrays[0])
        return indexed.View(arrays, lambda: iter((slice(0, n),)))

    def _iter_flat(self):
        view = self._view()
        if view is None:  # sparse components: their rows are SparseTensors
            return zip(*[composite.rows(a) for a in concrete_arrays(self._tensors)])
        return indexed.rows(view)


class TensorDataset(Dataset):
    """`Dataset.from_tensors`: a single element."""

    _tf_name = "_TensorDataset"

    def __init__(self, tensors) -> None:
        element = structure.normalize(tensors)
        self._tensors = nest.flatten(element)
        self._structure = nest.pack_sequence_as(
            element, [structure.spec_of_tensor(t) for t in self._tensors])

    def _card(self) -> int:
        return 1

    def _iter_flat(self):
        yield concrete_arrays(self._tensors)


def _range_arg(x) -> int:
    value = getattr(x, "_value", x)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) and not (
            isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu"):
        raise TypeError(f"Cannot convert {x!r} to EagerTensor of dtype int64")
    return int(value)


class RangeDataset(Dataset):
    """`Dataset.range`: int64 scalars (or `output_type`) like Python's `range`."""

    _tf_name = "_RangeDataset"

    def __init__(self, *args, output_type=dtypes.int64, name=None) -> None:
        if not 1 <= len(args) <= 3:
            raise ValueError(f"Invalid `args`. The length of `args` should be between 1 and 3 "
                             f"but was {len(args)}.")
        bounds = [_range_arg(a) for a in args]
        start, stop, step = (0, bounds[0], 1) if len(bounds) == 1 else (
            bounds[0], bounds[1], bounds[2] if len(bounds) == 3 else 1)
        if step == 0:
            raise InvalidArgumentError(None, None, "step must be a non-zero integer. "
                                                   "[Op:RangeDataset]")
        self._range = range(start, stop, step)
        self._dtype = dtypes.as_dtype(output_type)
        self._structure = TensorSpec([], self._dtype)

    def _card(self) -> int:
        return len(self._range)

    def _chunks(self):
        r, np_dtype = self._range, self._dtype._np
        for i in range(0, len(r), _RANGE_CHUNK):
            part = r[i:i + _RANGE_CHUNK]
            yield np.arange(part.start, part.stop, part.step).astype(np_dtype, copy=False)

    def _view(self):
        if len(self._range) > _RANGE_VIEW_LIMIT:
            return None
        r = self._range
        values = np.arange(r.start, r.stop, r.step).astype(self._dtype._np, copy=False)
        return indexed.View((values,), lambda: iter((slice(0, len(values)),)))

    def _iter_flat(self):
        for values in self._chunks():
            for i in range(len(values)):
                yield (values[i, ...],)


class CounterDataset(Dataset):
    """`Dataset.counter`: start, start + step, ... forever."""

    _tf_name = "_CounterDataset"

    def __init__(self, start=0, step=1, dtype=dtypes.int64) -> None:
        self._start, self._step = _range_arg(start), _range_arg(step)
        self._dtype = dtypes.as_dtype(dtype)
        self._structure = TensorSpec([], self._dtype)

    def _card(self) -> int:
        return INFINITE_CARDINALITY

    def _iter_flat(self):
        np_dtype = self._dtype._np
        for value in itertools.count(self._start, self._step):
            yield (np.array(value, dtype=np_dtype),)


class GeneratorDataset(Dataset):
    """`Dataset.from_generator`: elements yielded by a Python generator, checked against the
    declared signature."""

    _tf_name = "_FlatMapDataset"

    def __init__(self, generator, output_types, output_shapes, args, output_signature):
        if not callable(generator):
            raise TypeError("`generator` must be a Python callable.")
        self._structure = _generator_signature(output_types, output_shapes, output_signature)
        self._specs = nest.flatten(self._structure)
        self._generator = generator
        self._args = tuple(_numpy_arg(a) for a in (args or ()))

    def _iter_flat(self):
        iterator = iter(self._generator(*self._args))
        while True:
            try:
                value = next(iterator)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - TF reports any generator error this way
                raise UnknownError(None, None, f"{type(exc).__name__}: {exc}\n(raised by the "
                                   f"generator of Dataset.from_generator)") from exc
            yield self._check(value)

    def _check(self, value) -> tuple:
        try:
            leaves = structure.flatten_up_to(self._structure, value)
        except ValueError:
            raise InvalidArgumentError(
                None, None, f"TypeError: `generator` yielded an element that did not match the "
                f"expected structure. The expected structure was "
                f"{_dtype_structure(self._structure)}, but the yielded element was "
                f"{value}.") from None
        out = []
        for leaf, spec in zip(leaves, self._specs):
            try:
                arr = _as_dtype(leaf, spec.dtype)
            except (TypeError, ValueError):
                raise InvalidArgumentError(
                    None, None, f"TypeError: `generator` yielded an element that could not be "
                    f"converted to the expected type. The expected type was {spec.dtype.name}, "
                    f"but the yielded element was {leaf}.") from None
            if not spec.shape.is_compatible_with(arr.shape):
                raise InvalidArgumentError(
                    None, None, f"TypeError: `generator` yielded an element of shape "
                    f"{TensorShape(arr.shape)} where an element of shape {spec.shape} was "
                    f"expected.")
            out.append(arr)
        return tuple(out)


def _numpy_arg(a):
    arr = to_array(a)
    return arr[()] if arr.ndim == 0 else arr


def _as_dtype(leaf, dtype) -> np.ndarray:
    value = getattr(leaf, "_value", None)
    if isinstance(value, np.ndarray):
        leaf = value
    if dtype is dtypes.string:
        return to_array(leaf, dtypes.string)
    with np.errstate(all="ignore"):
        arr = np.asarray(leaf, dtype=dtype._np)
    return arr


def _dtype_structure(spec_structure):
    return nest.map_structure(lambda s: s.dtype, spec_structure)


def _generator_signature(output_types, output_shapes, output_signature):
    if output_signature is not None:
        if output_types is not None:
            raise TypeError("The `output_types` argument can not be used together with the "
                            "`output_signature` argument.")
        if output_shapes is not None:
            raise TypeError("The `output_shapes` argument can not be used together with the "
                            "`output_signature` argument.")
        for spec in nest.flatten(output_signature):
            if not isinstance(spec, TensorSpec):
                raise TypeError(f"`output_signature` must contain objects that are subclass of "
                                f"`tf.TypeSpec` but found {type(spec)} which is not.")
        return output_signature
    if output_types is None:
        raise TypeError("To specify the output signature you need to provide either the "
                        "`output_signature` argument or the `output_types` argument.")
    if output_shapes is None:
        return nest.map_structure(lambda t: TensorSpec(None, t), output_types)
    flat_shapes = _flatten_shapes(output_types, output_shapes)
    specs = [TensorSpec(s, t) for t, s in zip(nest.flatten(output_types), flat_shapes)]
    return nest.pack_sequence_as(output_types, specs)


def _flatten_shapes(output_types, output_shapes) -> list:
    """Shapes matching the dtype leaves (a shape given as a list/tuple of dims is one leaf)."""
    if not nest.is_nested(output_types):
        return [output_shapes]
    if isinstance(output_types, dict):
        return [s for k in sorted(output_types)
                for s in _flatten_shapes(output_types[k], output_shapes[k])]
    out = []
    for t, s in zip(output_types, output_shapes):
        out.extend(_flatten_shapes(t, s))
    return out


def _check_datasets(datasets) -> None:
    for d in nest.flatten(datasets):
        if not structure.is_dataset(d):
            raise TypeError(f"Invalid input to `zip`. Inputs are expected to be (nested) "
                            f"structures of `tf.data.Dataset` objects but encountered object of "
                            f"type {type(d)}.")


class ZipDataset(Dataset):
    """`Dataset.zip`: one element from each dataset, in the datasets' structure."""

    _tf_name = "_ZipDataset"

    def __init__(self, datasets) -> None:
        if isinstance(datasets, list):
            datasets = tuple(datasets)
        _check_datasets(datasets)
        self._datasets = nest.flatten(datasets)
        self._structure = nest.pack_sequence_as(datasets,
                                                [d.element_spec for d in self._datasets])

    def _card(self) -> int:
        cards = [d._card() for d in self._datasets]
        if UNKNOWN_CARDINALITY in cards:
            return UNKNOWN_CARDINALITY
        finite = [c for c in cards if c != INFINITE_CARDINALITY]
        return min(finite) if finite else INFINITE_CARDINALITY

    def _iter_flat(self):
        iterators = [d._iter_flat() for d in self._datasets]
        while True:
            element = ()
            for it in iterators:
                try:
                    element += next(it)
                except StopIteration:
                    return
            yield element


class ConcatenateDataset(Dataset):
    """`Dataset.concatenate`: the elements of one dataset, then of another."""

    _tf_name = "_ConcatenateDataset"

    def __init__(self, first, second) -> None:
        a, b = first.element_spec, second.element_spec
        try:
            nest.assert_same_structure(a, b)
            specs = [_common_spec(x, y) for x, y in zip(nest.flatten(a), nest.flatten(b))]
        except (TypeError, ValueError):
            raise TypeError(f"Incompatible dataset elements:\n  {a!r} vs.   {b!r}") from None
        self._structure = nest.pack_sequence_as(a, specs)
        self._first, self._second = first, second

    def _card(self) -> int:
        a, b = self._first._card(), self._second._card()
        if INFINITE_CARDINALITY in (a, b):
            return INFINITE_CARDINALITY
        if UNKNOWN_CARDINALITY in (a, b):
            return UNKNOWN_CARDINALITY
        return a + b

    def _iter_flat(self):
        yield from self._first._iter_flat()
        yield from self._second._iter_flat()


def _common_spec(x, y):
    if isinstance(x, structure.DatasetSpec) or isinstance(y, structure.DatasetSpec):
        if isinstance(x, structure.DatasetSpec) and x.is_compatible_with(y):
            return x
        raise TypeError("incompatible dataset specs")
    if x.dtype is not y.dtype:
        raise TypeError("incompatible dtypes")
    return TensorSpec(x.shape.most_specific_compatible_shape(y.shape), x.dtype)
