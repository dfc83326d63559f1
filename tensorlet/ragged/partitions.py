"""Converting between row splits and segment ids (`value_rowids`)."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError
from ..core.tensor import wrap
from . import factories

__all__ = ["row_splits_to_segment_ids", "segment_ids_to_row_splits"]


def row_splits_to_segment_ids(splits, name=None, out_type=None):
    """The row of each value, from row splits.

    Example:
        >>> import tensorlet as tf
        >>> tf.ragged.row_splits_to_segment_ids([0, 2, 2, 5]).numpy()
        array([0, 0, 2, 2, 2])
    """
    splits = factories.partition(splits, "splits")
    if splits.size == 0 or splits[0] != 0:
        raise InvalidArgumentError(f"row_splits_to_segment_ids: splits must be non-empty and "
                                   f"start with 0, got {splits.tolist()}")
    dtype = splits.dtype if out_type is None else dtypes.as_dtype(out_type)._np
    return wrap(np.repeat(np.arange(len(splits) - 1), np.diff(splits)).astype(dtype))


def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    """Row splits from sorted segment ids; `num_segments` adds trailing empty rows.

    Example:
        >>> import tensorlet as tf
        >>> tf.ragged.segment_ids_to_row_splits([0, 0, 2, 2, 2]).numpy()
        array([0, 2, 2, 5])
    """
    ids = factories.partition(segment_ids, "segment_ids")
    dtype = np.int64 if out_type is None else dtypes.as_dtype(out_type)._np
    n = int(ids[-1]) + 1 if ids.size else 0
    if num_segments is not None:
        n = max(n, int(convert.to_array(num_segments)))
    counts = np.bincount(ids, minlength=n)[:n]
    return wrap(np.concatenate([[0], np.cumsum(counts)]).astype(dtype))
