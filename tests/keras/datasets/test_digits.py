"""The shipped digits: offline, real data, right shapes/dtypes/labels, a fixed split, licence."""

import fnmatch
import hashlib
import pathlib
import urllib.request

import numpy as np
import pytest

from tensorlet.keras.datasets import digits

DATA = pathlib.Path(digits.__file__).parent / "data"
# NOTE: sklearn/datasets/data/digits.csv.gz of scikit-learn 1.9.1 (the file shipped unchanged).
UPSTREAM_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("digits must not touch the network")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_load_data_shapes_dtypes_and_values():
    (x_train, y_train), (x_test, y_test) = digits.load_data()
    assert x_train.shape == (1437, 8, 8) and x_test.shape == (360, 8, 8)
    assert y_train.shape == (1437,) and y_test.shape == (360,)
    for array in (x_train, y_train, x_test, y_test):
        assert array.dtype == np.uint8
    assert x_train.max() == 16 and x_train.min() == 0
    assert set(np.unique(y_test)) == set(range(10))


def test_all_digits_are_the_real_data_set():
    images, labels = digits.load_digits()
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    assert np.bincount(labels).tolist() == CLASS_COUNTS
    # The first image of the UCI file is a zero: a ring of ink with an empty middle.
    assert labels[0] == 0
    np.testing.assert_array_equal(images[0, 0], [0, 0, 5, 13, 9, 1, 0, 0])
    assert images[0, 3:5, 3:5].sum() == 0 and images[0].sum() == 294


def test_split_is_deterministic_and_a_partition():
    (x_train, y_train), (x_test, y_test) = digits.load_data()
    (x_train2, y_train2), _ = digits.load_data()
    np.testing.assert_array_equal(x_train, x_train2)
    np.testing.assert_array_equal(y_train, y_train2)
    images, labels = digits.load_digits()
    order = np.random.RandomState(113).permutation(1797)
    np.testing.assert_array_equal(np.concatenate([x_train, x_test]), images[order])
    np.testing.assert_array_equal(np.concatenate([y_train, y_test]), labels[order])
    np.testing.assert_array_equal(y_train[:10], [1, 0, 9, 1, 1, 2, 3, 0, 0, 1])


def test_test_split_and_seed():
    (x_train, _), (x_test, _) = digits.load_data(test_split=0.5, seed=0)
    assert len(x_train) == 898 and len(x_test) == 899
    (other, _), _ = digits.load_data(test_split=0.5, seed=1)
    assert not np.array_equal(x_train, other)
    with pytest.raises(ValueError, match="digits.load_data: invalid `test_split`"):
        digits.load_data(test_split=1)


def test_arrays_are_writable_and_independent():
    (x_train, y_train), _ = digits.load_data()
    x_train[0, 0, 0] = 99
    y_train[0] = 99
    (fresh, fresh_labels), _ = digits.load_data()
    assert fresh[0, 0, 0] != 99 and fresh_labels[0] != 99


def test_shipped_file_is_upstream_small_and_licensed():
    data = (DATA / "digits.csv.gz").read_bytes()
    assert hashlib.sha256(data).hexdigest() == UPSTREAM_SHA256
    assert len(data) < 200_000
    licence = (DATA / "LICENSE.digits.txt").read_text(encoding="utf-8")
    assert "BSD 3-Clause License" in licence
    assert "Copyright (c) 2007-2026 The scikit-learn developers" in licence
    assert "Alpaydin" in licence and "UCI" in licence


def test_pyproject_ships_the_data_files():
    tomllib = pytest.importorskip("tomllib", reason="tomllib is new in Python 3.11")
    root = pathlib.Path(__file__).resolve().parents[3]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["tensorlet.keras.datasets"]
    for name in ("data/digits.csv.gz", "data/LICENSE.digits.txt"):
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_a_small_model_learns_the_digits():
    """A least-squares linear classifier: the data is learnable (>= 90% on the test split)."""
    (x_train, y_train), (x_test, y_test) = digits.load_data()
    features = np.c_[x_train.reshape(-1, 64) / 16.0, np.ones(len(x_train))]
    weights = np.linalg.lstsq(features, np.eye(10)[y_train], rcond=None)[0]
    test_features = np.c_[x_test.reshape(-1, 64) / 16.0, np.ones(len(x_test))]
    assert np.mean((test_features @ weights).argmax(1) == y_test) >= 0.9


def test_digits_are_reachable_as_tf_keras_datasets_digits():
    import tensorlet as tf

    (x_train, _), (x_test, _) = tf.keras.datasets.digits.load_data()
    assert x_train.shape == (1437, 8, 8) and x_test.shape == (360, 8, 8)
    assert callable(tf.keras.utils.get_file)
