"""`tf.data`: input pipelines (`Dataset`, `TextLineDataset`, `AUTOTUNE`, ...).

Example:
    >>> import tensorlet as tf
    >>> ds = tf.data.Dataset.from_tensor_slices(([1., 2., 3.], [0, 1, 0])).batch(2)
    >>> [(x.numpy().tolist(), y.numpy().tolist()) for x, y in ds]
    [([1.0, 2.0], [0, 1]), ([3.0], [0])]
"""

from . import experimental
from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset
from .iterator import NumpyIterator
from .iterator import OwnedIterator as Iterator
from .options import Options
from .structure import DatasetSpec
from .text import TextLineDataset
from .tfrecord import TFRecordDataset

__all__ = ["AUTOTUNE", "Dataset", "DatasetSpec", "INFINITE_CARDINALITY", "Iterator",
           "NumpyIterator", "Options", "TFRecordDataset", "TextLineDataset",
           "UNKNOWN_CARDINALITY", "experimental"]
