"""`tf.ragged`: building and transforming ragged tensors (`tf.RaggedTensor`).

Importing this package also lets the public ops take ragged arguments (`tf.concat`,
`tf.math.sqrt`, `tf.add`, ...) through `tensorlet.core.overrides`.

Example:
    >>> import tensorlet as tf
    >>> r = tf.ragged.constant([[1, 2], [], [3]])
    >>> tf.ragged.map_flat_values(tf.square, r)
    <tf.RaggedTensor [[1, 4], [], [9]]>
"""

from . import elementwise as _elementwise
from .constant import constant
from .elementwise import map_flat_values
from .joining import boolean_mask, stack
from .partitions import row_splits_to_segment_ids, segment_ids_to_row_splits
from .ragged_range import range

__all__ = ["boolean_mask", "constant", "map_flat_values", "range",
           "row_splits_to_segment_ids", "segment_ids_to_row_splits", "stack"]

_elementwise.install()
