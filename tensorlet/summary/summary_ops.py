"""`tf.summary.scalar`, `histogram`, `text` and `write`: values written as TF 2 writes them.

Each call writes one `Event` holding one tensor value with the metadata of the TensorBoard plugin
that shows it: scalars are float32 scalar tensors of the "scalars" plugin; histograms are
float64 `[k, 3]` tensors of `[left_edge, right_edge, count]` rows (the "histograms" plugin);
text is a string tensor (the "text" plugin). Summaries are written eagerly, on the host.
"""

from __future__ import annotations

import contextlib
import time

import numpy as np

import tensorlet as tf

from . import _proto
from .writer import as_step, host_array, state

__all__ = ["histogram", "keras_model_summary", "record_if", "scalar", "should_record_summaries",
           "text", "write"]

DEFAULT_BUCKET_COUNT = 30
_SCALAR_METADATA = _proto.summary_metadata("scalars", data_class=_proto.DATA_CLASS_SCALAR)
_KERAS_MODEL_METADATA = _proto.summary_metadata(
    "graph_keras_model", content=b"1", data_class=_proto.DATA_CLASS_BLOB_SEQUENCE)


def _target(op: str, step):
    """(writer, step) to write to, or None when there is no default writer or recording is off."""
    writer = state.writer
    if writer is None or not should_record_summaries():
        return None
    if not tf.executing_eagerly():
        raise NotImplementedError(f"tf.summary.{op}: summaries are written eagerly; call it "
                                  f"outside tf.function (for example from a Keras callback).")
    if step is None:
        step = state.step
    if step is None:
        raise ValueError("No step set. Please specify one either through the `step` argument "
                         "or through tf.summary.experimental.set_step()")
    return writer, as_step(step)


def _emit(op: str, tag: str, step, make_tensor, metadata: bytes) -> bool:
    target = _target(op, step)
    if target is None:
        return False
    writer, step = target
    writer.write_event(_proto.event(time.time(), step, tag=tag, tensor=make_tensor(),
                                    metadata=metadata))
    return True


def scalar(name, data, step=None, description=None) -> bool:
    """Writes a scalar (shown in TensorBoard's Scalars tab) to the default writer.

    Args:
        name: the tag, e.g. "epoch_loss".
        data: a real number or scalar tensor; written as float32.
        step: the x coordinate; defaults to `tf.summary.experimental.get_step()`.
        description: optional text shown in TensorBoard.

    Returns:
        True when written, False when there is no default writer (or recording is off).

    Raises:
        ValueError: `data` is not a scalar, or no step is known.

    Example:
        >>> import tempfile, tensorlet.summary as summary
        >>> with summary.create_file_writer(tempfile.mkdtemp()).as_default():
        ...     summary.scalar("loss", 0.25, step=1)
        True
    """
    value = host_array(data)
    if value.ndim != 0:
        raise ValueError(f"Expected scalar shape, saw shape: {value.shape}.")
    metadata = _SCALAR_METADATA
    if description:
        metadata = _proto.summary_metadata("scalars", data_class=_proto.DATA_CLASS_SCALAR,
                                           description=description)
    return _emit("scalar", name, step, lambda: _proto.tensor_proto(value.astype(np.float32)),
                 metadata)


def histogram_buckets(data, bucket_count: int = DEFAULT_BUCKET_COUNT) -> np.ndarray:
    """`[bucket_count, 3]` rows of `[left, right, count]` over the finite values of `data`.

    Equal-width buckets from min to max; a single distinct value puts every count in the last
    bucket (both edges at the value); no finite value gives zero rows. NOTE: TF counts NaN and
    inf too and then writes NaN edges that hide the whole histogram; they are left out here.

    Example:
        >>> histogram_buckets([0.0, 1.0, 1.0], bucket_count=2).tolist()
        [[0.0, 0.5, 1.0], [0.5, 1.0, 2.0]]
    """
    values = host_array(data).astype(np.float64).ravel()
    values = values[np.isfinite(values)]
    bucket_count = max(int(bucket_count), 0)
    if values.size == 0 or bucket_count == 0:
        return np.zeros((bucket_count, 3))
    low, high = values.min(), values.max()
    counts = np.zeros(bucket_count)
    if low == high:
        counts[-1] = values.size
        edges = np.full(bucket_count, high)
        return np.stack([edges, edges, counts], axis=1)
    width = (high - low) / bucket_count
    index = np.minimum(((values - low) / width).astype(np.int64), bucket_count - 1)
    counts += np.bincount(index, minlength=bucket_count)
    edges = np.linspace(low, high, bucket_count + 1)
    edges[-1] = high
    return np.stack([edges[:-1], edges[1:], counts], axis=1)


def histogram(name, data, step=None, buckets=None, description=None) -> bool:
    """Writes a histogram of `data`'s values (TensorBoard's Histograms and Distributions tabs).

    Args:
        name: the tag, e.g. "dense/kernel/histogram".
        data: a tensor or array of any shape; its finite values are counted.
        step: the x coordinate; defaults to `tf.summary.experimental.get_step()`.
        buckets: the number of equal-width buckets (default 30).
        description: optional text shown in TensorBoard.

    Returns:
        True when written, False when there is no default writer.

    Example:
        >>> import tempfile, tensorlet.summary as summary
        >>> with summary.create_file_writer(tempfile.mkdtemp()).as_default():
        ...     summary.histogram("weights", [0.1, 0.5, 0.4], step=0, buckets=4)
        True
    """
    count = DEFAULT_BUCKET_COUNT if buckets is None else int(host_array(buckets))
    metadata = _proto.summary_metadata("histograms", data_class=_proto.DATA_CLASS_TENSOR,
                                       description=description or "")
    return _emit("histogram", name, step,
                 lambda: _proto.tensor_proto(histogram_buckets(data, count)), metadata)


def text(name, data, step=None, description=None) -> bool:
    """Writes a string (or tensor of strings) shown in TensorBoard's Text tab.

    Example:
        >>> import tempfile, tensorlet.summary as summary
        >>> with summary.create_file_writer(tempfile.mkdtemp()).as_default():
        ...     summary.text("notes", "first run", step=0)
        True
    """
    value = host_array(data).astype(object)
    metadata = _proto.summary_metadata("text", data_class=_proto.DATA_CLASS_TENSOR,
                                       description=description or "")
    return _emit("text", name, step, lambda: _proto.tensor_proto(value), metadata)


def write(tag, tensor, step=None, metadata=None, name=None) -> bool:
    """Writes any tensor under `tag`, with `metadata` as a serialized `SummaryMetadata` (bytes).

    Example:
        >>> import tempfile, tensorlet.summary as summary
        >>> with summary.create_file_writer(tempfile.mkdtemp()).as_default():
        ...     summary.write("raw", [1, 2, 3], step=0)
        True
    """
    del name
    value = host_array(tensor)
    if value.dtype.kind == "U":
        value = value.astype(object)
    return _emit("write", tag, step, lambda: _proto.tensor_proto(value), metadata or b"")


def keras_model_summary(name, data, step=None) -> bool:
    """Writes a Keras model's JSON config for TensorBoard's graph tab (the Keras view).

    Not part of `tf.summary` (Keras has it as a helper of its TensorBoard callback).

    Returns:
        True when written; False without a default writer or when the model has no JSON form.

    Example:
        >>> import tempfile, tensorlet as tf, tensorlet.summary as summary
        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
        >>> with summary.create_file_writer(tempfile.mkdtemp()).as_default():
        ...     summary.summary_ops.keras_model_summary("keras", model, step=0)
        True
    """
    try:
        text = data.to_json()
    except Exception:  # NOTE: e.g. a subclassed model without get_config
        return False
    value = np.array([text], dtype=object)
    return _emit("keras_model_summary", name, step, lambda: _proto.tensor_proto(value),
                 _KERAS_MODEL_METADATA)


@contextlib.contextmanager
def record_if(condition):
    """A context where summaries are written only while `condition` (a bool or callable) holds.

    Example:
        >>> import tempfile, tensorlet.summary as summary
        >>> with summary.create_file_writer(tempfile.mkdtemp()).as_default(step=0):
        ...     with summary.record_if(False):
        ...         summary.scalar("skipped", 1.0)
        False
    """
    previous = state.condition
    state.condition = condition
    try:
        yield
    finally:
        state.condition = previous


def should_record_summaries() -> bool:
    """Whether summary ops would write now (a default writer exists and recording is on).

    Example:
        >>> import tensorlet.summary as summary
        >>> summary.should_record_summaries()
        False
    """
    if state.writer is None or not state.writer.records:
        return False
    condition = state.condition
    return bool(condition() if callable(condition) else condition)
