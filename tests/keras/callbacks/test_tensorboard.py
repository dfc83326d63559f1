"""TensorBoard event files with no extra dependency (B5, C14, D11), read by real tensorboard.

`tensorboard` is a test-only dependency (the `test` extra); tensorlet itself writes the files
with the standard library and NumPy.
"""

import glob
import os
import struct
import subprocess
import sys

import numpy as np
import pytest

import tensorlet as tf
import tensorlet.summary as summary
from tensorlet.keras import callbacks
from tensorlet.summary._crc32c import crc32c, masked_crc32c

from ._loop import fit, make_data, make_model

event_accumulator = pytest.importorskip(
    "tensorboard.backend.event_processing.event_accumulator")
plugin_event_accumulator = pytest.importorskip(
    "tensorboard.backend.event_processing.plugin_event_accumulator")
tensor_util = pytest.importorskip("tensorboard.util.tensor_util")


def read_records(path):
    """Our own TFRecord reader, checking both masked CRCs of every record."""
    data, records, offset = open(path, "rb").read(), [], 0
    while offset < len(data):
        header = data[offset:offset + 8]
        (length,) = struct.unpack("<Q", header)
        assert struct.unpack("<I", data[offset + 8:offset + 12])[0] == masked_crc32c(header)
        payload = data[offset + 12:offset + 12 + length]
        assert struct.unpack("<I", data[offset + 12 + length:offset + 16 + length])[0] == \
            masked_crc32c(payload)
        records.append(payload)
        offset += 16 + length
    return records


def accumulate(path, legacy=True):
    module = event_accumulator if legacy else plugin_event_accumulator
    accumulator = module.EventAccumulator(str(path), size_guidance={"tensors": 0})
    accumulator.Reload()
    return accumulator


def values(accumulator, tag):
    return [(event.step, tensor_util.make_ndarray(event.tensor_proto).tolist())
            for event in accumulator.Tensors(tag)]


@pytest.mark.parametrize("data, expected", [(b"", 0x00000000), (b"a", 0xC1D04330),
                                            (b"123456789", 0xE3069283),
                                            (bytes(32), 0x8A9136AA),
                                            (bytes(range(32)), 0x46DD794E)])
def test_c14_crc32c_matches_the_standard_check_values(data, expected):
    assert crc32c(data) == expected


def test_c14_fit_with_tensorboard_writes_epoch_loss_that_tensorboard_reads(tmp_path):
    x, y = make_data(16)
    history = fit(make_model(), x, y, epochs=3, batch_size=8, validation_data=(x, y),
                  callbacks=[callbacks.TensorBoard(tmp_path)])
    assert sorted(os.listdir(tmp_path)) == ["train", "validation"]
    train = accumulate(tmp_path / "train")
    assert {"epoch_loss", "epoch_learning_rate", "keras"} <= set(train.Tags()["tensors"])
    got = values(train, "epoch_loss")
    assert [step for step, _ in got] == [0, 1, 2]
    np.testing.assert_allclose([v for _, v in got], history.history["loss"], rtol=1e-6)
    np.testing.assert_allclose([v for _, v in values(train, "epoch_learning_rate")], [0.05] * 3,
                               rtol=1e-6)
    validation = accumulate(tmp_path / "validation")
    np.testing.assert_allclose([v for _, v in values(validation, "epoch_loss")],
                               history.history["val_loss"], rtol=1e-6)
    assert [s for s, _ in values(validation, "evaluation_loss_vs_iterations")] == [2, 4, 6]


def test_c14_tensorboard_ui_reader_sees_scalars_histograms_and_the_keras_graph(tmp_path):
    x, y = make_data(16)
    model = make_model()
    fit(model, x, y, epochs=2, batch_size=8,
        callbacks=[callbacks.TensorBoard(tmp_path, histogram_freq=1)])
    accumulator = accumulate(tmp_path / "train", legacy=False)
    assert set(accumulator.PluginTagToContent("scalars")) == {"epoch_loss",
                                                              "epoch_learning_rate"}
    histograms = accumulator.PluginTagToContent("histograms")
    assert set(histograms) == {"d1/kernel/histogram", "d1/bias/histogram",
                               "d2/kernel/histogram", "d2/bias/histogram"}
    buckets = np.array(values(accumulator, "d1/kernel/histogram")[-1][1])
    kernel = model.get_layer("d1").kernel.numpy()
    assert buckets.shape == (30, 3) and buckets[:, 2].sum() == kernel.size
    assert buckets[0, 0] == pytest.approx(kernel.min()) and buckets[-1, 1] == kernel.max()
    assert accumulator.PluginTagToContent("graph_keras_model") == {"keras": b"1"}
    (graph_json,) = values(accumulator, "keras")[0][1]
    assert b'"class_name": "Sequential"' in graph_json


def test_tensorboard_update_freq_writes_batch_scalars_at_global_steps(tmp_path):
    x, y = make_data(24)
    fit(make_model(), x, y, epochs=2, batch_size=8,
        callbacks=[callbacks.TensorBoard(tmp_path, update_freq=2, write_graph=False)])
    train = accumulate(tmp_path / "train")
    assert [step for step, _ in values(train, "batch_loss")] == [2, 4, 6]
    assert "keras" not in train.Tags()["tensors"]
    fit(make_model(), x, y, epochs=1, batch_size=8,
        callbacks=[callbacks.TensorBoard(tmp_path / "b", update_freq="batch")])
    assert [s for s, _ in values(accumulate(tmp_path / "b" / "train"), "batch_loss")] == [1, 2, 3]


def test_tensorboard_arguments(tmp_path):
    with pytest.warns(UserWarning, match="write_images, profile_batch are not supported"):
        callbacks.TensorBoard(tmp_path, write_images=True, profile_batch=2)
    with pytest.raises(ValueError, match="update_freq must be 'epoch', 'batch' or a positive"):
        callbacks.TensorBoard(tmp_path, update_freq="step")


# --- tf.summary ---------------------------------------------------------------------------


def test_c14_summary_file_is_valid_tfrecords_with_a_version_header(tmp_path):
    writer = summary.create_file_writer(tmp_path)
    with writer.as_default(step=4):
        assert summary.scalar("loss", tf.constant(0.5))
        assert summary.histogram("w", tf.constant([1.0, 2.0, 2.0, 4.0]), buckets=3)
        assert summary.text("note", "héllo")
    (path,) = glob.glob(str(tmp_path / "events.out.tfevents.*.v2"))
    records = read_records(path)
    assert len(records) == 4 and b"brain.Event:2" in records[0]
    accumulator = accumulate(tmp_path)
    assert values(accumulator, "loss") == [(4, 0.5)]
    assert values(accumulator, "note") == [(4, "héllo".encode())]
    assert values(accumulator, "w") == [(4, [[1.0, 2.0, 1.0], [2.0, 3.0, 2.0],
                                             [3.0, 4.0, 1.0]])]


def test_summary_histogram_edge_cases():
    from tensorlet.summary.summary_ops import histogram_buckets

    assert histogram_buckets([3.0, 3.0], 4).tolist() == [[3.0, 3.0, 0.0], [3.0, 3.0, 0.0],
                                                         [3.0, 3.0, 0.0], [3.0, 3.0, 2.0]]
    assert histogram_buckets([], 2).tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    assert histogram_buckets([1.0, 2.0], 0).shape == (0, 3)
    with_nan = histogram_buckets([0.0, np.nan, 1.0, np.inf], 2)
    assert with_nan.tolist() == [[0.0, 0.5, 1.0], [0.5, 1.0, 1.0]]


def test_summary_steps_defaults_and_errors(tmp_path):
    assert summary.scalar("x", 1.0, step=0) is False  # no default writer
    writer = summary.create_file_writer(tmp_path, filename_suffix=".run")
    with writer.as_default():
        with pytest.raises(ValueError, match="No step set. Please specify one either through "
                                             "the `step` argument"):
            summary.scalar("x", 1.0)
        with pytest.raises(ValueError, match="Expected scalar shape, saw shape: \\(2,\\)."):
            summary.scalar("x", [1.0, 2.0], step=0)
        step = tf.Variable(7, dtype=tf.int64)
        summary.experimental.set_step(step)
        assert summary.scalar("x", 1.0)
        step.assign(8)
        assert summary.scalar("x", 2.0)
        summary.experimental.set_step(None)
        with summary.record_if(lambda: False):
            assert summary.scalar("x", 3.0, step=9) is False
            assert not summary.should_record_summaries()
    assert summary.experimental.get_step() is None
    assert values(accumulate(tmp_path), "x") == [(7, 1.0), (8, 2.0)]
    assert glob.glob(str(tmp_path / "*.run"))
    writer.close()
    with pytest.raises(RuntimeError, match="is already closed"):
        with writer.as_default():
            pass
    with summary.create_noop_writer().as_default(step=1):
        assert summary.scalar("x", 1.0) is False


def test_summary_writer_buffers_until_max_queue_or_flush(tmp_path):
    writer = summary.create_file_writer(tmp_path, max_queue=3, flush_millis=10 ** 9)
    writer.set_as_default(step=0)
    try:
        (path,) = glob.glob(str(tmp_path / "events.*"))
        summary.scalar("a", 1.0)
        summary.scalar("b", 1.0)
        assert len(read_records(path)) == 1
        summary.scalar("c", 1.0)
        assert len(read_records(path)) == 4
        summary.scalar("d", 1.0)
        summary.flush()
        assert len(read_records(path)) == 5
    finally:
        summary.writer.state.writer = None
        summary.experimental.set_step(None)
        writer.close()


def test_c14_summary_and_callbacks_import_without_tensorboard_or_protobuf(tmp_path):
    code = ("import sys; sys.modules['tensorboard'] = None; sys.modules['google'] = None\n"
            "import tensorlet as tf, tensorlet.summary as s\n"
            "from tensorlet.keras.callbacks import TensorBoard\n"
            f"w = s.create_file_writer({str(tmp_path)!r})\n"
            "with w.as_default(step=1):\n    assert s.scalar('epoch_loss', 0.5)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=os.path.dirname(os.path.dirname(tf.__file__)), timeout=120)
    assert result.returncode == 0, result.stderr
    assert values(accumulate(tmp_path), "epoch_loss") == [(1, 0.5)]
