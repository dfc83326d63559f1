"""`tf.train`: checkpoints (`Checkpoint`, `CheckpointManager`) and reading them back, and the
`Example` protobuf messages of TFRecord files (tensorlet/io/example_proto.py).

Example:
    >>> import tempfile, tensorlet as tf
    >>> directory = tempfile.mkdtemp()
    >>> manager = tf.train.CheckpointManager(tf.train.Checkpoint(v=tf.Variable(1.0)),
    ...                                      directory, max_to_keep=2)
    >>> path = manager.save()
    >>> tf.train.latest_checkpoint(directory) == path
    True
"""

from ..io.example_proto import (
    BytesList,
    Example,
    Feature,
    FeatureList,
    FeatureLists,
    Features,
    FloatList,
    Int64List,
    SequenceExample,
)
from .checkpoint_io import latest_checkpoint, list_variables, load_variable
from .checkpointing import Checkpoint
from .manager import CheckpointManager

__all__ = ["Checkpoint", "CheckpointManager", "latest_checkpoint", "list_variables",
           "load_variable", "BytesList", "Example", "Feature", "FeatureList", "FeatureLists",
           "Features", "FloatList", "Int64List", "SequenceExample"]
