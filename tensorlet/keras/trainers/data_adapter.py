"""Turning what users pass to `fit`/`evaluate`/`predict` into batches (B4, B10).

An adapter yields batches as tuples `(x,)`, `(x, y)` or `(x, y, sample_weight)` (Keras's
`data` argument of `train_step`), with NumPy arrays or tensors as leaves:

- `ArrayAdapter`: NumPy arrays, tensors, lists/tuples/dicts of them (multi-input and
  multi-output models). Batches are views (slices) of the arrays, or gathered rows when the
  epoch is shuffled; `class_weight` becomes per-sample weights.
- `DatasetAdapter`: a `tf.data.Dataset` (anything iterable with an `element_spec`) whose
  elements are batches.
- `SequenceAdapter`: a `keras.utils.PyDataset`/`Sequence` (`__len__` and `__getitem__`).
- `GeneratorAdapter`: a Python generator or iterator of batches (iterated once, across epochs).

`validation_split` takes the LAST fraction of the arrays (before any shuffling), like Keras.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

import tensorlet as tf

__all__ = ["unpack_x_y_sample_weight", "pack_x_y_sample_weight", "get_adapter",
           "train_validation_split", "ArrayAdapter", "DatasetAdapter", "SequenceAdapter",
           "GeneratorAdapter"]


def unpack_x_y_sample_weight(data):
    """`(x, y, sample_weight)` from a batch: a tuple of 1 to 3 items, or `x` alone.

    Example:
        >>> from tensorlet.keras.trainers.data_adapter import unpack_x_y_sample_weight
        >>> unpack_x_y_sample_weight((1, 2))
        (1, 2, None)
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data
    raise ValueError(f"Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
                     f"`(x, y, sample_weight)`, found: {data}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None) -> tuple:
    """The batch tuple for `x`, `y`, `sample_weight`, without trailing Nones.

    Example:
        >>> from tensorlet.keras.trainers.data_adapter import pack_x_y_sample_weight
        >>> pack_x_y_sample_weight(1), pack_x_y_sample_weight(1, 2)
        ((1,), (1, 2))
    """
    if y is None:
        return (x,)
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


# --- what kind of data ---------------------------------------------------------------------

def is_dataset(x) -> bool:
    """A `tf.data.Dataset` (duck-typed: iterable with an `element_spec`)."""
    return hasattr(x, "element_spec") and hasattr(x, "__iter__")


def _is_sequence(x) -> bool:
    return (hasattr(x, "__getitem__") and hasattr(x, "__len__")
            and not isinstance(x, (np.ndarray, list, tuple, dict, str, bytes))
            and not hasattr(x, "shape") and not hasattr(x, "__array__"))


def _is_generator(x) -> bool:
    return hasattr(x, "__next__") and hasattr(x, "__iter__")


def _to_array(x):
    """`x` as a NumPy array; floats in another dtype than `floatx()` are cast to it (Keras)."""
    if isinstance(x, (tf.Tensor, tf.Variable)):
        x = x.numpy()
    elif hasattr(x, "to_numpy"):  # pandas
        x = x.to_numpy()
    x = np.asarray(x)
    if x.dtype.kind == "f":
        from ..backend import floatx

        if x.dtype.name != floatx():
            x = x.astype(floatx())
    return x


def _arrays(structure):
    """The structure with every leaf a NumPy array (lists/tuples/dicts are structure)."""
    if structure is None:
        return None
    if isinstance(structure, dict):
        return {k: _arrays(v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(_arrays(v) for v in structure) if structure else None
    return _to_array(structure)


def _leaves(structure) -> list:
    return [] if structure is None else tf.nest.flatten(structure)


def train_validation_split(arrays: tuple, validation_split: float) -> tuple:
    """Splits `(x, y, sample_weight)` arrays: the last `validation_split` fraction validates.

    Example:
        >>> import numpy as np
        >>> from tensorlet.keras.trainers.data_adapter import train_validation_split
        >>> train, val = train_validation_split((np.arange(10), None, None), 0.2)
        >>> train[0], val[0]
        (array([0, 1, 2, 3, 4, 5, 6, 7]), array([8, 9]))
    """
    if not 0.0 < validation_split < 1.0:
        raise ValueError(f"`validation_split` must be a float between 0 and 1 (exclusive); "
                         f"received: validation_split={validation_split}")
    arrays = tuple(_arrays(a) for a in arrays)
    num = _num_samples(arrays)
    split_at = int(math.floor(num * (1.0 - validation_split)))
    if split_at == 0 or split_at == num:
        raise ValueError(f"Training data contains {num} samples, which is not sufficient to "
                         f"split it into a validation and training set as specified by "
                         f"`validation_split={validation_split}`. Either provide more data, or "
                         f"a different value for the `validation_split` argument.")

    def part(start, stop):
        return tuple(None if a is None else tf.nest.map_structure(lambda t: t[start:stop], a)
                     for a in arrays)

    return part(0, split_at), part(split_at, num)


def _num_samples(arrays: tuple) -> int:
    sizes = {}
    for label, structure in zip(("x", "y", "sample_weight"), arrays):
        for leaf in _leaves(structure):
            if leaf.ndim == 0:
                raise ValueError(f"Expected all elements of `{label}` to be arrays with a batch "
                                 f"dimension; received a scalar: {leaf!r}")
            sizes.setdefault(label, set()).add(int(leaf.shape[0]))
    if not sizes:
        raise ValueError("Unrecognized data: `x` holds no arrays.")
    counts = set().union(*sizes.values())
    if len(counts) != 1:
        detail = "".join(f"'{label}' sizes: {', '.join(map(str, sorted(s)))}\n"
                         for label, s in sizes.items())
        raise ValueError("Data cardinality is ambiguous. Make sure all arrays contain the same "
                         "number of samples." + detail)
    return counts.pop()


def class_weight_to_sample_weight(y, class_weight: dict):
    """Per-sample weights from `{class index: weight}` and labels (ids or one-hot)."""
    if isinstance(y, (list, tuple, dict)):
        raise ValueError("`class_weight` is only supported for models with a single output.")
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        classes = np.argmax(y, axis=1)
    elif y.ndim == 2 and y.shape[1] == 1:
        classes = np.round(y[:, 0]).astype(np.int64)
    else:
        classes = np.round(y).astype(np.int64).reshape(-1)
    table = np.zeros(max(int(classes.max(initial=0)), max(class_weight, default=0)) + 1,
                     np.float32)
    known = np.zeros(table.shape, bool)
    for cls, weight in class_weight.items():
        table[int(cls)] = weight
        known[int(cls)] = True
    missing = sorted(set(np.unique(classes).tolist()) - set(np.flatnonzero(known).tolist()))
    if missing:
        raise ValueError(f"Expected `class_weight` to be a dict with keys from 0 to one less "
                         f"than the number of classes, found {class_weight}; the labels also "
                         f"hold the classes {missing}.")
    return table[classes]


def _check_weights(class_weight, sample_weight) -> None:
    if class_weight is not None and sample_weight is not None:
        raise ValueError("You cannot `class_weight` and `sample_weight` at the same time.")


# --- adapters -------------------------------------------------------------------------------

class ArrayAdapter:
    """Batches of in-memory arrays (views when not shuffled)."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False,
                 class_weight=None) -> None:
        _check_weights(class_weight, sample_weight)
        x, y, sample_weight = _arrays(x), _arrays(y), _arrays(sample_weight)
        if class_weight is not None and y is not None:
            sample_weight = class_weight_to_sample_weight(y, class_weight)
        self.num_samples = _num_samples((x, y, sample_weight))
        self.batch_size = int(batch_size or 32)
        self.shuffle = shuffle
        self._data = pack_x_y_sample_weight(x, y, sample_weight)
        self._flat = tf.nest.flatten(self._data)
        self._simple = all(type(part) is np.ndarray for part in self._data)
        self.num_batches = max(1, math.ceil(self.num_samples / self.batch_size))

    def _pack(self, leaves: list) -> tuple:
        if self._simple:
            return tuple(leaves)
        return tf.nest.pack_sequence_as(self._data, leaves)

    def peek(self) -> tuple:
        """The first batch of an unshuffled pass (to build the model before training)."""
        return self._pack([a[:self.batch_size] for a in self._flat])

    def batches(self):
        """One pass over the data (shuffled as asked): the batches, in order."""
        n, size, flat = self.num_samples, self.batch_size, self._flat
        order = None
        if self.shuffle and self.shuffle != "batch":
            order = _permutation(n)
        starts = list(range(0, n, size))
        if self.shuffle == "batch":
            starts = [starts[i] for i in _permutation(len(starts))]
        for start in starts:
            if order is None:
                leaves = [a[start:start + size] for a in flat]
            else:
                index = order[start:start + size]
                leaves = [a[index] for a in flat]
            yield self._pack(leaves)


def _permutation(n: int) -> np.ndarray:
    """A random order of `n` items from tensorlet's RNG, so `tf.random.set_seed` fixes it."""
    return tf.random.shuffle(tf.range(n, dtype=tf.int64)).numpy()


class DatasetAdapter:
    """The batches of a `tf.data.Dataset` (each element is one batch)."""

    def __init__(self, dataset, class_weight=None) -> None:
        self._dataset = dataset
        self._class_weight = class_weight
        self.num_batches = _cardinality(dataset)

    def peek(self):
        for element in self._dataset:
            return _with_class_weight(_as_batch(element), self._class_weight)
        return None

    def batches(self):
        for element in self._dataset:
            yield _with_class_weight(_as_batch(element), self._class_weight)


def _cardinality(dataset):
    cardinality = getattr(dataset, "cardinality", None)
    if callable(cardinality):
        try:
            value = int(np.asarray(cardinality()))
        except (TypeError, ValueError):
            return None
        return value if value >= 0 else None
    return None


def _as_batch(element) -> tuple:
    if isinstance(element, (tuple, list)):
        if len(element) > 3 or not element:
            raise ValueError(f"Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
                             f"`(x, y, sample_weight)`, found a tuple of {len(element)} items.")
        return tuple(element)
    return (element,)


def _with_class_weight(batch: tuple, class_weight) -> tuple:
    if class_weight is None or len(batch) < 2:
        return batch
    if len(batch) == 3 and batch[2] is not None:
        _check_weights(class_weight, batch[2])
    return (batch[0], batch[1], class_weight_to_sample_weight(_to_array(batch[1]), class_weight))


class SequenceAdapter:
    """A `PyDataset`/`Sequence`: `len()` batches, `sequence[i]` is batch i."""

    def __init__(self, sequence, shuffle=False, class_weight=None) -> None:
        self._sequence = sequence
        self._shuffle = shuffle
        self._class_weight = class_weight
        self.num_batches = len(sequence)

    def peek(self):
        if not self.num_batches:
            return None
        return _with_class_weight(_as_batch(self._sequence[0]), self._class_weight)

    def batches(self):
        order = range(self.num_batches)
        if self._shuffle:
            order = _permutation(self.num_batches)
        for i in order:
            yield _with_class_weight(_as_batch(self._sequence[int(i)]), self._class_weight)
        on_epoch_end = getattr(self._sequence, "on_epoch_end", None)
        if callable(on_epoch_end):
            on_epoch_end()


class GeneratorAdapter:
    """A Python generator or iterator of batches: one stream, shared by all epochs."""

    num_batches = None

    def __init__(self, generator, class_weight=None) -> None:
        self._generator = generator
        self._class_weight = class_weight

    def peek(self):
        """The first batch; it is put back, so the first epoch still starts with it."""
        for element in self._generator:
            self._generator = itertools.chain([element], self._generator)
            return _with_class_weight(_as_batch(element), self._class_weight)
        return None

    def batches(self):
        for element in self._generator:
            yield _with_class_weight(_as_batch(element), self._class_weight)


def get_adapter(x, y=None, sample_weight=None, batch_size=None, shuffle=False,
                class_weight=None, for_what="fit"):
    """The adapter for `x` (and `y`, `sample_weight`), checking Keras's rules.

    Raises:
        ValueError: `y` or `sample_weight` given with a Dataset, generator or PyDataset;
            arrays of different lengths; `class_weight` with `sample_weight`.
    """
    if x is None:
        raise ValueError(f"Unrecognized data: `x` is None; `{for_what}` needs input data.")
    streaming = is_dataset(x) or _is_sequence(x) or _is_generator(x)
    if streaming:
        for name, value in (("y", y), ("sample_weight", sample_weight)):
            if value is not None:
                raise ValueError(f"`{name}` argument is not supported when using a dataset, "
                                 f"a generator or a PyDataset as input: give "
                                 f"`(x, y, sample_weight)` batches instead; received "
                                 f"{name}={type(value).__name__}.")
    if is_dataset(x):
        return DatasetAdapter(x, class_weight)
    if _is_sequence(x):
        return SequenceAdapter(x, shuffle=bool(shuffle), class_weight=class_weight)
    if _is_generator(x):
        return GeneratorAdapter(x, class_weight)
    return ArrayAdapter(x, y, sample_weight, batch_size=batch_size, shuffle=shuffle,
                        class_weight=class_weight)


def validation_adapter(validation_data, batch_size):
    """The adapter for `fit(validation_data=...)`: a tuple of arrays or a dataset."""
    if isinstance(validation_data, (tuple, list)) and not is_dataset(validation_data):
        if len(validation_data) not in (2, 3):
            raise ValueError(f"When passing a tuple as `validation_data`, it must be "
                             f"`(x_val, y_val)` or `(x_val, y_val, val_sample_weights)`; "
                             f"received a tuple of {len(validation_data)} items.")
        return get_adapter(*validation_data, batch_size=batch_size, for_what="evaluate")
    return get_adapter(validation_data, batch_size=batch_size, for_what="evaluate")
