"""Element structures: the nested specs of a dataset's elements, and packing of flat leaves.

A dataset element is a nested structure (tuples, dicts, namedtuples) of tensors, or of datasets
for `window`. Internally every element travels as a flat tuple of *leaves* in `tf.nest` order
(dicts by sorted key): NumPy arrays that nothing ever writes to, eager `SparseTensor`s (see
`composite.py`), or `Dataset` objects. The structure of specs (`TensorSpec`, `SparseTensorSpec`
or `DatasetSpec` leaves) says how to rebuild the element.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core import dtypes, nest
from ..core.convert import convert_to_tensor
from ..core.shape import TensorShape, as_shape
from ..core.spec import TensorSpec
from ..core.tensor import EagerTensor, Tensor, wrap
from . import composite

__all__ = ["DatasetSpec", "spec_of_array", "spec_of_tensor", "normalize", "flat_specs",
           "flatten_up_to",
           "make_packer", "leaf_arrays", "batched", "unbatched", "to_structure",
           "structure_text", "is_dataset", "check_state"]


class DatasetSpec:
    """The type of a dataset-valued element (the elements `window` produces).

    Example:
        >>> import tensorlet as tf
        >>> tf.data.Dataset.range(5).window(2).element_spec
        DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorShape([]))
    """

    __slots__ = ("_element_spec", "_dataset_shape")

    def __init__(self, element_spec, dataset_shape=()) -> None:
        self._element_spec = element_spec
        self._dataset_shape = as_shape(dataset_shape)

    @property
    def element_spec(self):
        return self._element_spec

    @property
    def shape(self) -> TensorShape:
        return self._dataset_shape

    @staticmethod
    def from_value(value) -> DatasetSpec:
        return DatasetSpec(value.element_spec)

    def is_compatible_with(self, other) -> bool:
        if isinstance(other, DatasetSpec):
            spec = other._element_spec
        elif is_dataset(other):
            spec = other.element_spec
        else:
            return False
        return _specs_compatible(self._element_spec, spec)

    def __eq__(self, other) -> bool:
        return isinstance(other, DatasetSpec) and \
            (self._element_spec, self._dataset_shape) == (other._element_spec,
                                                          other._dataset_shape)

    def __hash__(self) -> int:
        return hash((DatasetSpec, self._dataset_shape))

    def __repr__(self) -> str:
        return f"DatasetSpec({self._element_spec!r}, {self._dataset_shape!r})"


def is_dataset(x) -> bool:
    return getattr(x, "_is_tensorlet_dataset", False)


def _specs_compatible(a, b) -> bool:
    try:
        nest.assert_same_structure(a, b)
    except (ValueError, TypeError):
        return False
    for x, y in zip(nest.flatten(a), nest.flatten(b)):
        if isinstance(x, DatasetSpec) or isinstance(y, DatasetSpec):
            if not (isinstance(x, DatasetSpec) and x.is_compatible_with(y)):
                return False
        elif type(x) is not type(y) or x.dtype is not y.dtype or \
                not x.shape.is_compatible_with(y.shape):
            return False
    return True


def spec_of_array(a) -> TensorSpec:
    return TensorSpec(a.shape, dtypes._BY_NP[a.dtype])


def spec_of_tensor(t):
    """The spec of a leaf: a tensor (eager or symbolic), an array or a dataset."""
    if is_dataset(t):
        return DatasetSpec(t.element_spec)
    if isinstance(t, np.ndarray):
        return spec_of_array(t)
    if composite.is_composite(t):
        return composite.spec_of(t)
    return TensorSpec(t.shape, t.dtype)


def _is_structure(x) -> bool:
    """Tuples, namedtuples and mappings nest; lists are data (a list becomes one tensor)."""
    return isinstance(x, (tuple, Mapping))


def normalize(value, lists_as_tuples: bool = False):
    """`value` as a structure of tensors (or datasets): leaves are converted with TF's rules.

    Args:
        value: a nested element (tensors, arrays, Python data, datasets).
        lists_as_tuples: map functions' outputs: a list is a tuple of components, as in TF.

    Raises:
        ValueError: for an empty structure or a None leaf.
    """
    if lists_as_tuples and isinstance(value, list):
        value = tuple(value)
    if _is_structure(value):
        if not value and not (isinstance(value, tuple) and hasattr(value, "_fields")):
            raise ValueError("Invalid `element`. `element` should not be empty.")
        if isinstance(value, Mapping):
            items = [(k, normalize(v, lists_as_tuples)) for k, v in value.items()]
            return type(value)(items) if type(value) is not dict else dict(items)
        children = [normalize(v, lists_as_tuples) for v in value]
        return type(value)(*children) if hasattr(value, "_fields") else tuple(children)
    if value is None:
        raise ValueError("Invalid `element`: None is not a tensor; a dataset element holds "
                         "tensors (or datasets) only.")
    if is_dataset(value) or isinstance(value, Tensor) or composite.is_composite(value):
        return value
    return convert_to_tensor(value)


def flat_specs(structure) -> list:
    return nest.flatten(structure)


def flatten_up_to(shallow, deep) -> list:
    """The parts of `deep` at the leaves of `shallow` (deeper data, a list, is one part).

    Raises:
        ValueError: when `deep` does not have `shallow`'s structure down to its leaves.
    """
    if not nest.is_nested(shallow):
        return [deep]
    if isinstance(shallow, Mapping):
        if not isinstance(deep, Mapping) or set(deep) != set(shallow):
            raise ValueError(f"expected a mapping with keys {sorted(shallow)}, got {deep!r}")
        return [x for k in sorted(shallow) for x in flatten_up_to(shallow[k], deep[k])]
    if not isinstance(deep, (tuple, list)) or len(deep) != len(shallow):
        raise ValueError(f"expected a sequence of {len(shallow)}, got {deep!r}")
    return [x for s, d in zip(shallow, deep) for x in flatten_up_to(s, d)]


def to_structure(structure, leaves):
    """Rebuilds `structure` with `leaves` (tf.nest order)."""
    return nest.pack_sequence_as(structure, list(leaves))


def leaf_arrays(tensors) -> tuple:
    """The arrays of eager tensors (datasets pass through)."""
    out = []
    for t in tensors:
        value = getattr(t, "_value", None)
        out.append(value if isinstance(value, np.ndarray) else t)
    return tuple(out)


def _wrap_leaf(x):
    return wrap(x) if isinstance(x, np.ndarray) else x


def make_packer(structure):
    """A function turning a flat tuple of leaves into the element (tensors, datasets)."""
    specs = nest.flatten(structure)
    plain = all(isinstance(s, TensorSpec) for s in specs)
    new = EagerTensor.__new__

    def one(leaves):
        t = new(EagerTensor)
        t._value = leaves[0]
        return t

    if isinstance(structure, TensorSpec):
        return one
    if plain and type(structure) is tuple and all(isinstance(s, TensorSpec) for s in structure):
        return lambda leaves: tuple(map(wrap, leaves))
    wrap_leaf = wrap if plain else _wrap_leaf
    if not nest.is_nested(structure):
        return lambda leaves: wrap_leaf(leaves[0])
    return lambda leaves: nest.pack_sequence_as(structure, [wrap_leaf(x) for x in leaves])


def batched(spec, size: int | None):
    """The spec of a batch of `spec` elements (`size` None: the batch dim is unknown)."""
    if isinstance(spec, DatasetSpec):
        raise TypeError("Batching a dataset of datasets is not supported; use `flat_map` or "
                        "`interleave` to flatten the inner datasets first.")
    return type(spec)(TensorShape([size]).concatenate(spec.shape), spec.dtype)


def unbatched(spec):
    """The spec of the rows of `spec` (raises for scalars)."""
    if isinstance(spec, DatasetSpec) or spec.shape.rank == 0:
        raise ValueError("Cannot unbatch an input with scalar components.")
    if spec.shape.rank is None:
        return type(spec)(None, spec.dtype)
    return type(spec)(spec.shape[1:], spec.dtype)


def structure_text(structure) -> str:
    return repr(structure)


def check_state(initial, new) -> None:
    """TF's rule: the new state has the initial state's structure and dtypes."""
    try:
        nest.assert_same_structure(initial, new, check_types=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"The structure of the new state must match the initial state: "
                        f"{exc}") from None
    old = [t.dtype for t in nest.flatten(initial)]
    got = [t.dtype for t in nest.flatten(new)]
    if old != got:
        raise TypeError(f"The element types for the new state must match the initial state. "
                        f"Expected {_one(old)} but got {_one(got)}.")


def _one(items: list):
    return items[0] if len(items) == 1 else items
