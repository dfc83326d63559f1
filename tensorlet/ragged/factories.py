"""The `RaggedTensor.from_*` constructors: converting and validating row partitions.

Partitions given as tensors or NumPy arrays keep their dtype (int32 or int64); Python lists
become int64, as in TF. Validation errors are TF's InvalidArgumentError with its first line.
"""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError
from ..core.tensor import wrap
from .ragged_tensor import RaggedTensor

__all__ = ["as_values", "partition", "check_nvals", "from_row_splits", "from_row_lengths",
           "from_value_rowids", "from_row_starts", "from_row_limits", "from_nested",
           "make"]

_INDEX_TYPES = (np.dtype(np.int32), np.dtype(np.int64))


def as_values(values):
    """`values` as a RaggedTensor or a tensor of rank >= 1."""
    if isinstance(values, RaggedTensor):
        return values
    values = convert.convert_to_tensor(values)
    if values.shape.rank == 0:
        raise ValueError(f"values must have rank >= 1, got a scalar: {values!r}")
    return values


def partition(value, what: str) -> np.ndarray:
    """A row partition as a 1-D int32/int64 array (Python data becomes int64)."""
    held = getattr(value, "_value", None)
    if held is None and isinstance(value, np.ndarray):
        held = value
    if held is None:
        held = np.asarray(convert.to_array(value, dtype_hint=dtypes.int64))
        if held.size == 0:
            held = held.astype(np.int64)
    if held.dtype not in _INDEX_TYPES:
        raise ValueError(f"{what} must have dtype int32 or int64")
    if held.ndim != 1:
        raise ValueError(f"Shape {held.shape} must have rank 1")
    return held


def _nvals(values) -> int:
    if isinstance(values, RaggedTensor):
        return values._nrows()
    return values.shape[0]


def check_nvals(values, expected: int, op: str) -> None:
    if _nvals(values) != expected:
        raise ValueError(f"Shapes ({expected},) and ({_nvals(values)},) are incompatible\n"
                         f"{op}: the row partition covers {expected} values, but values has "
                         f"{_nvals(values)} rows")


def make(values, splits: np.ndarray) -> RaggedTensor:
    """A RaggedTensor from checked values and splits (a RaggedTensor's splits dtype must match)."""
    if isinstance(values, RaggedTensor) and values._row_splits.dtype._np != splits.dtype:
        raise ValueError(f"Argument `row_partition` of RaggedTensor with name: partition must "
                         f"have same dtype as Argument `values`. "
                         f"({dtypes._BY_NP[splits.dtype]} vs. {values._row_splits.dtype})")
    return RaggedTensor(values, wrap(splits), internal=True)


def _invalid(op: str, reason: str, detail: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"Arguments to {op} do not form a valid RaggedTensor{reason}\n"
                                f"{op}: {detail}")


def _check_total(values, total: int, op: str) -> None:
    n = _nvals(values)
    if total != n:
        raise InvalidArgumentError(
            f"Arguments to _from_row_partition do not form a valid RaggedTensor\n"
            f"Condition x == y did not hold.\n{op}: the rows hold {total} values, but values "
            f"has {n}")


def from_row_splits(values, row_splits, validate=True) -> RaggedTensor:
    values = as_values(values)
    splits = partition(row_splits, "row_splits")
    if splits.size == 0:
        raise ValueError("row_splits tensor may not be empty.")
    if validate:
        if splits[0] != 0:
            raise _invalid("from_row_splits", ":zero",
                           f"row_splits must start with 0, got {splits.tolist()}")
        if (np.diff(splits) < 0).any():
            raise _invalid("from_row_splits", ":monotonic.",
                           f"row_splits must not decrease, got {splits.tolist()}")
        _check_total(values, int(splits[-1]), "from_row_splits")
    return make(values, splits.copy())


def from_row_lengths(values, row_lengths, validate=True) -> RaggedTensor:
    values = as_values(values)
    lengths = partition(row_lengths, "row_lengths")
    if validate and (lengths < 0).any():
        raise InvalidArgumentError(
            f"Arguments to from_row_lengths do not form a valid RowPartition.\nCondition x >= 0 "
            f"did not hold element-wise\nfrom_row_lengths: row lengths must be >= 0, got "
            f"{lengths.tolist()}")
    splits = np.concatenate([np.zeros(1, lengths.dtype), np.cumsum(lengths, dtype=lengths.dtype)])
    if validate:
        _check_total(values, int(splits[-1]), "from_row_lengths")
    return make(values, splits)


def from_value_rowids(values, value_rowids, nrows=None, validate=True) -> RaggedTensor:
    values = as_values(values)
    rowids = partition(value_rowids, "value_rowids")
    if validate:
        check_nvals(values, len(rowids), "from_value_rowids")
        if (np.diff(rowids) < 0).any() or (rowids < 0).any():
            raise InvalidArgumentError(
                f"Arguments to from_value_rowids do not form a valid RowPartition.\nCondition "
                f"x >= 0 did not hold element-wise\nfrom_value_rowids: value_rowids must be "
                f"sorted and >= 0, got {rowids.tolist()}")
    last = int(rowids[-1]) + 1 if rowids.size else 0
    n = last if nrows is None else int(convert.to_array(nrows))
    if n < last:
        raise ValueError(f"Expected nrows >= value_rowids[-1] + 1; got nrows={n}, "
                         f"value_rowids[-1]={last - 1}")
    counts = np.bincount(rowids, minlength=n).astype(rowids.dtype)
    splits = np.concatenate([np.zeros(1, rowids.dtype), np.cumsum(counts, dtype=rowids.dtype)])
    return make(values, splits)


def from_row_starts(values, row_starts, validate=True) -> RaggedTensor:
    values = as_values(values)
    starts = partition(row_starts, "row_starts")
    if validate and starts.size and starts[0] != 0:
        raise _invalid("from_row_starts", "",
                       f"row_starts must start with 0, got {starts.tolist()}")
    splits = np.concatenate([starts, np.array([_nvals(values)], starts.dtype)])
    return from_row_splits(values, splits, validate)


def from_row_limits(values, row_limits, validate=True) -> RaggedTensor:
    limits = partition(row_limits, "row_limits")
    return from_row_splits(values, np.concatenate([np.zeros(1, limits.dtype), limits]),
                           validate)


def from_nested(flat_values, partitions, factory, validate=True) -> RaggedTensor:
    """Applies `factory` for each partition, innermost first."""
    if isinstance(partitions, (np.ndarray,)) or hasattr(partitions, "_value"):
        partitions = list(partitions)
    result = flat_values
    for part in reversed(list(partitions)):
        result = factory(result, part, validate)
    return result
