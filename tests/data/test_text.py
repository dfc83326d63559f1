"""Files (B10 "list_files, TextLineDataset, tf.io.decode_csv", issue #7 item 7): lines of text
files, glob patterns, and errors that name the file (and the line) as TF's classes."""

import gzip

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError, NotFoundError
from tensorlet.data import Dataset, TextLineDataset

D = Dataset


@pytest.fixture
def csv_files(tmp_path):
    first = tmp_path / "f1.csv"
    first.write_bytes(b"a,b,c\n1,2.5,x\n3,,y\n")
    second = tmp_path / "f2.csv"
    second.write_bytes(b"4,5.5,z\n6,7,w")  # no newline at the end
    return str(first), str(second)


def lines(ds):
    return list(ds.as_numpy_iterator())


def test_text_line_dataset_reads_files_in_order_B10(csv_files):
    ds = TextLineDataset(list(csv_files))
    assert ds.element_spec == tf.TensorSpec([], tf.string)
    assert lines(ds) == [b"a,b,c", b"1,2.5,x", b"3,,y", b"4,5.5,z", b"6,7,w"]
    assert lines(TextLineDataset(csv_files[0]).skip(1)) == [b"1,2.5,x", b"3,,y"]
    assert int(ds.cardinality()) == -2
    assert repr(ds).startswith("<TextLineDatasetV2 element_spec=")


def test_text_line_dataset_line_endings(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"a\r\nb\n\nc")
    assert lines(TextLineDataset(str(path))) == [b"a", b"b", b"", b"c"]


def test_text_line_dataset_gzip_and_tensor_names(tmp_path):
    path = tmp_path / "z.txt.gz"
    path.write_bytes(gzip.compress(b"x\ny\n"))
    assert lines(TextLineDataset(tf.constant([str(path)]), compression_type="GZIP")) == \
        [b"x", b"y"]


def test_text_line_dataset_parallel_reads_interleave_files(tmp_path):
    names = []
    for k in range(2):
        path = tmp_path / f"{k}.txt"
        path.write_text("".join(f"{k}{i}\n" for i in range(3)))
        names.append(str(path))
    got = lines(TextLineDataset(names, num_parallel_reads=2))
    assert got == [b"00", b"10", b"01", b"11", b"02", b"12"]


def test_missing_file_is_not_found_naming_it(csv_files, tmp_path):
    missing = str(tmp_path / "missing.csv")
    ds = TextLineDataset([csv_files[1], missing])
    with pytest.raises(NotFoundError, match=f"{missing}; No such file or directory"):
        lines(ds)


def test_malformed_csv_line_names_the_file_and_line(csv_files, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,b\n1,2\n3,x\n")
    ds = TextLineDataset(str(bad)).skip(1).map(
        lambda line: tf.io.decode_csv(line, record_defaults=[0, 0])).batch(2).prefetch(1)
    with pytest.raises(InvalidArgumentError) as info:
        lines(ds)
    message = str(info.value)
    assert "Field 1 in record 0 is not a valid int32: x" in message
    assert f"line 3 of file '{bad}'" in message


def test_csv_pipeline_values(csv_files):
    ds = TextLineDataset(csv_files[0]).skip(1).map(
        lambda line: tf.io.decode_csv(line, [0, 0.0, ""]))
    assert ds.element_spec == (tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.float32),
                               tf.TensorSpec([], tf.string))
    assert lines(ds) == [(1, np.float32(2.5), b"x"), (3, np.float32(0.), b"y")]


def test_list_files_B10(csv_files, tmp_path):
    pattern = str(tmp_path / "f*.csv")
    ds = D.list_files(pattern, shuffle=False)
    assert ds.element_spec == tf.TensorSpec([], tf.string)
    assert lines(ds) == [csv_files[0].encode(), csv_files[1].encode()]
    assert int(D.list_files(pattern).cardinality()) == 2
    assert repr(D.list_files(pattern)).startswith("<_ShuffleDataset")
    both = D.list_files([csv_files[0], str(tmp_path / "f2*.csv")], shuffle=False)
    assert lines(both) == [csv_files[0].encode(), csv_files[1].encode()]
    chained = D.list_files(pattern, shuffle=False).interleave(
        lambda f: TextLineDataset(f).skip(1), cycle_length=1)
    assert lines(chained) == [b"1,2.5,x", b"3,,y", b"6,7,w"]


def test_list_files_without_match_is_an_error_like_tf():
    with pytest.raises(InvalidArgumentError, match=r"No files matched pattern: /no/such/\*\.csv"):
        D.list_files("/no/such/*.csv")
