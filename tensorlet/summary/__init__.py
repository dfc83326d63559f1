"""`tf.summary`: TensorBoard event files, written with the standard library and NumPy only.

Example:
    >>> import tempfile
    >>> import tensorlet.summary as summary
    >>> writer = summary.create_file_writer(tempfile.mkdtemp())
    >>> with writer.as_default():
    ...     summary.scalar("loss", 0.5, step=1)
    True
"""

from . import experimental
from .summary_ops import histogram, record_if, scalar, should_record_summaries, text, write
from .writer import SummaryWriter, create_file_writer, create_noop_writer, flush

__all__ = ["SummaryWriter", "create_file_writer", "create_noop_writer", "experimental", "flush",
           "histogram", "record_if", "scalar", "should_record_summaries", "text", "write"]
