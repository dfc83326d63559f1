"""TFRecord files: CRC32C, framing, writer/reader round trips, compression, corruption, and
files written by real TF (tests/fixtures/tfrecord, from tools/record_tfrecord_fixtures.py)."""

import pathlib

import pytest

import tensorlet as tf
from tensorlet.io import crc32c, tfrecord

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "tfrecord"
RECORDS = [b"hello", b"", b"x" * 300]


def _read(path, compression=None):
    source = str(path) if isinstance(path, pathlib.Path) else path
    return [r.numpy() for r in tf.data.TFRecordDataset(source, compression)]


def test_crc32c_known_values():
    assert crc32c.crc32c(b"123456789") == 0xE3069283
    assert crc32c.crc32c(b"") == 0
    assert crc32c.crc32c(bytes(32)) == 0x8A9136AA  # RFC 3720 test vector
    data = bytes(range(251)) * 3
    assert crc32c.crc32c(data[100:], crc32c.crc32c(data[:100])) == crc32c.crc32c(data)


@pytest.mark.parametrize("name,compression", [("plain", None), ("gzip", "GZIP"),
                                              ("zlib", "ZLIB")])
def test_reads_files_written_by_tf(name, compression):
    assert _read(FIXTURES / f"{name}.tfrecord", compression) == RECORDS


def test_plain_file_is_byte_identical_to_tf(tmp_path):
    path = tmp_path / "a.tfrecord"
    with tf.io.TFRecordWriter(str(path)) as writer:
        for record in RECORDS:
            writer.write(record)
    assert path.read_bytes() == (FIXTURES / "plain.tfrecord").read_bytes()


@pytest.mark.parametrize("options", ["GZIP", "ZLIB", tf.io.TFRecordOptions(
    compression_type="GZIP"), tf.io.TFRecordOptions(compression_type="zlib",
                                                    compression_level=1)])
def test_compressed_round_trip(tmp_path, options):
    path = tmp_path / "c.tfrecord"
    writer = tf.io.TFRecordWriter(str(path), options)
    for record in RECORDS:
        writer.write(record)
    writer.close()
    kind = tf.io.TFRecordOptions.get_compression_type_string(options)
    assert path.read_bytes()[:12] != (FIXTURES / "plain.tfrecord").read_bytes()[:12]
    assert _read(path, kind) == RECORDS


def test_writer_accepts_str_and_rejects_other_types_and_closed(tmp_path):
    writer = tf.io.TFRecordWriter(str(tmp_path / "s.tfrecord"))
    writer.write("héllo")
    with pytest.raises(TypeError):
        writer.write(1)
    writer.close()
    with pytest.raises(tf.errors.FailedPreconditionError, match="Writer is closed"):
        writer.write(b"a")
    assert _read(tmp_path / "s.tfrecord") == ["héllo".encode()]


def test_writer_errors():
    with pytest.raises(ValueError, match='Not a valid compression_type: "BAD"'):
        tf.io.TFRecordWriter("/tmp/never", "BAD")
    with pytest.raises(tf.errors.NotFoundError, match="No such file"):
        tf.io.TFRecordWriter("/nonexistent/dir/f.tfrecord")


@pytest.mark.parametrize("flip,message", [
    (13, "corrupted record at 12$"),
    (0, r"corrupted record at 0 \(Is this even a TFRecord file\?\)"),
    (9, r"corrupted record at 0 \(Is this even"),
    (-1, "corrupted record at 33$"),
])
def test_corrupted_records_raise_data_loss(tmp_path, flip, message):
    data = bytearray(tfrecord.frame_record(b"hello") + tfrecord.frame_record(b"world!"))
    data[flip] ^= 1
    path = tmp_path / "bad.tfrecord"
    path.write_bytes(bytes(data))
    with pytest.raises(tf.errors.DataLossError, match=message.replace("$", r" \[Op:")):
        _read(path)


def test_truncated_records(tmp_path):
    data = tfrecord.frame_record(b"hello") + tfrecord.frame_record(b"world!")
    path = tmp_path / "t.tfrecord"
    path.write_bytes(data[:-3])
    with pytest.raises(tf.errors.DataLossError, match="truncated record at 21"):
        _read(path)
    path.write_bytes(data[:5])  # a partial header is the end of the file, as in TF
    assert _read(path) == []


def test_bad_compression_raises_data_loss():
    with pytest.raises(tf.errors.DataLossError, match="inflate"):
        _read(FIXTURES / "plain.tfrecord", "GZIP")


def test_dataset_spec_parallel_reads_and_missing_file(tmp_path):
    paths = []
    for k in range(2):
        paths.append(str(tmp_path / f"{k}.tfrecord"))
        with tf.io.TFRecordWriter(paths[-1]) as writer:
            for i in range(3):
                writer.write(f"{k}-{i}")
    ds = tf.data.TFRecordDataset(paths, num_parallel_reads=2)
    assert ds.element_spec == tf.TensorSpec([], tf.string)
    assert [r.numpy() for r in ds] == [b"0-0", b"1-0", b"0-1", b"1-1", b"0-2", b"1-2"]
    assert len(_read(tf.data.Dataset.from_tensor_slices(paths))) == 6
    with pytest.raises(tf.errors.NotFoundError, match="missing.tfrecord"):
        _read(tmp_path / "missing.tfrecord")
