"""IDX and .npz readers: the real formats, and clear errors on files that are not."""

import gzip

import numpy as np
import pytest

from tensorlet.keras.datasets import formats

from .conftest import idx_bytes


def test_idx_header_is_parsed_from_the_magic_number_and_dims():
    data = bytes([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3]) + bytes(range(6))
    np.testing.assert_array_equal(formats.parse_idx(data), [[0, 1, 2], [3, 4, 5]])


@pytest.mark.parametrize("dtype, code", [(np.uint8, 0x08), (np.int8, 0x09), (np.int16, 0x0B),
                                         (np.int32, 0x0C), (np.float32, 0x0D),
                                         (np.float64, 0x0E)])
def test_idx_types_are_big_endian_and_come_back_native(dtype, code):
    array = (np.arange(24).reshape(2, 3, 4) - 5).astype(dtype)
    parsed = formats.parse_idx(idx_bytes(array, code))
    assert parsed.dtype == np.dtype(dtype) and parsed.dtype.isnative
    np.testing.assert_array_equal(parsed, array)
    parsed[0, 0, 0] = 1  # writable, unlike a frombuffer view of the file


def test_gzipped_and_plain_idx_files_read_the_same(tmp_path):
    array = np.arange(10, dtype=np.uint8)
    (tmp_path / "a.gz").write_bytes(gzip.compress(idx_bytes(array)))
    (tmp_path / "a").write_bytes(idx_bytes(array))
    np.testing.assert_array_equal(formats.read_idx(str(tmp_path / "a.gz")), array)
    np.testing.assert_array_equal(formats.read_idx(str(tmp_path / "a")), array)


@pytest.mark.parametrize("data, match", [
    (b"\x1f\x00\x08\x01\x00\x00\x00\x01\x07", "magic number is 0x1f000801"),
    (bytes([0, 0, 0x07, 1, 0, 0, 0, 1, 7]), "not an IDX file"),
    (bytes([0, 0, 0x08, 3, 0, 0, 0, 1]), "truncated IDX header"),
    (bytes([0, 0, 0x08, 1, 0, 0, 0, 4, 1, 2]), r"shape \(4,\) \(4 bytes.*holds 2 bytes"),
])
def test_bad_idx_data_is_rejected_with_the_reason(data, match):
    with pytest.raises(ValueError, match=match):
        formats.parse_idx(data, "labels.idx")


def test_broken_gzip_names_the_file(tmp_path):
    path = tmp_path / "broken.gz"
    path.write_bytes(gzip.compress(idx_bytes(np.arange(100, dtype=np.uint8)))[:30])
    with pytest.raises(ValueError, match="broken.gz is not a readable gzip file"):
        formats.read_idx(str(path))


def test_npz_arrays_are_read_by_name_and_missing_ones_named(tmp_path):
    path = str(tmp_path / "d.npz")
    np.savez(path, x=np.arange(3.0), y=np.arange(2))
    y, x = formats.read_npz(path, ("y", "x"))
    np.testing.assert_array_equal(x, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(y, [0, 1])
    with pytest.raises(ValueError, match=r"lacks the arrays \['x_train'\]"):
        formats.read_npz(path, ("x", "x_train"))


def test_npz_never_unpickles(tmp_path):
    path = str(tmp_path / "objects.npz")
    np.savez(path, x=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match="pickle"):
        formats.read_npz(path, ("x",))
