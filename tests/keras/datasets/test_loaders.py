"""mnist, fashion_mnist and boston_housing against the local server (Keras's return values)."""

import time

import numpy as np
import pytest

from tensorlet.keras.datasets import (
    boston_housing,
    digits,
    downloads,
    fashion_mnist,
    mnist,
)

from .conftest import idx_bytes, sha256


def _assert_same(got, want):
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


def test_fashion_mnist_reads_the_gzipped_idx_files(fashion, server, cache):
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    _assert_same(x_train, fashion["train-images-idx3-ubyte.gz"])
    _assert_same(y_train, fashion["train-labels-idx1-ubyte.gz"])
    _assert_same(x_test, fashion["t10k-images-idx3-ubyte.gz"])
    _assert_same(y_test, fashion["t10k-labels-idx1-ubyte.gz"])
    assert x_train.dtype == np.uint8 and x_train.shape == (5, 28, 28)
    assert sorted(p.name for p in (cache / "fashion-mnist").iterdir()) == sorted(fashion)
    assert len(server.requests) == 4


def test_fashion_mnist_second_load_uses_the_cache_only(fashion, server, monkeypatch,
                                                       closed_port):
    fashion_mnist.load_data()
    monkeypatch.setattr(fashion_mnist, "_ORIGIN", f"http://127.0.0.1:{closed_port}/")
    (x_train, _), _ = fashion_mnist.load_data()
    _assert_same(x_train, fashion["train-images-idx3-ubyte.gz"])
    assert len(server.requests) == 4


def test_fashion_mnist_images_and_labels_must_agree(fashion, server, monkeypatch):
    import gzip

    data = gzip.compress(idx_bytes(np.zeros(4, dtype=np.uint8)))
    server.files["/fashion/train-labels-idx1-ubyte.gz"] = data
    monkeypatch.setitem(fashion_mnist._FILES, "train-labels-idx1-ubyte.gz", sha256(data))
    with pytest.raises(ValueError, match=r"images \(5, 28, 28\).*labels \(4,\)"):
        fashion_mnist.load_data()


def test_fashion_mnist_offline_error_names_url_and_cache_path(fashion, monkeypatch, cache,
                                                              closed_port):
    monkeypatch.setattr(fashion_mnist, "_ORIGIN", f"http://127.0.0.1:{closed_port}/k/")
    start = time.monotonic()
    with pytest.raises(downloads.DownloadError) as info:
        fashion_mnist.load_data()
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert f"http://127.0.0.1:{closed_port}/k/train-labels-idx1-ubyte.gz" in message
    assert str(cache / "fashion-mnist" / "train-labels-idx1-ubyte.gz") in message


def test_fashion_mnist_corrupt_download_is_not_kept(fashion, server, cache):
    server.files["/fashion/t10k-images-idx3-ubyte.gz"] = b"\x1f\x8bnot really"
    with pytest.raises(ValueError, match="corrupted"):
        fashion_mnist.load_data()
    assert not (cache / "fashion-mnist" / "t10k-images-idx3-ubyte.gz").exists()
    assert not list((cache / "fashion-mnist").glob("*.part"))


def test_mnist_reads_keras_npz(mnist_npz, server, cache):
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    for got, key in [(x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"),
                     (y_test, "y_test")]:
        _assert_same(got, mnist_npz[key])
    assert (cache / "mnist.npz").is_file()
    mnist.load_data()
    assert server.requests == ["/mnist.npz"]


def test_mnist_path_names_the_cached_file(mnist_npz, cache):
    mnist.load_data(path="my_mnist.npz")
    assert (cache / "my_mnist.npz").is_file()


def test_boston_split_is_keras_s(boston_npz):
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data()
    indices = np.arange(20)
    np.random.RandomState(113).shuffle(indices)  # Keras's shuffle
    _assert_same(x_train, boston_npz["x"][indices[:16]])
    _assert_same(y_train, boston_npz["y"][indices[:16]])
    _assert_same(x_test, boston_npz["x"][indices[16:]])
    _assert_same(y_test, boston_npz["y"][indices[16:]])
    assert x_train.dtype == np.float64 and y_test.dtype == np.float64


def test_boston_test_split_and_seed(boston_npz):
    (x_train, _), (x_test, _) = boston_housing.load_data(test_split=0.5, seed=1)
    assert len(x_train) == len(x_test) == 10
    (other, _), _ = boston_housing.load_data(test_split=0.5, seed=2)
    assert not np.array_equal(x_train, other)
    (everything, _), (nothing, _) = boston_housing.load_data(test_split=0.0)
    assert everything.shape == (20, 13) and nothing.shape == (0, 13)


@pytest.mark.parametrize("test_split", [1.0, -0.1, 1.5])
def test_boston_bad_test_split_fails_before_any_download(boston_npz, server, test_split):
    with pytest.raises(ValueError, match=f"boston_housing.load_data: invalid `test_split` "
                                         f"argument: {test_split}"):
        boston_housing.load_data(test_split=test_split)
    assert server.requests == []


def test_shipped_hashes_are_keras_s():
    assert mnist._SHA256 == "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
    assert boston_housing._SHA256 == (
        "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5")
    assert mnist._ORIGIN.startswith("https://storage.googleapis.com/tensorflow/")
    assert sorted(fashion_mnist._FILES) == sorted([
        "train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"])
    assert all(len(h) == 64 for h in fashion_mnist._FILES.values())


def test_datasets_package_lists_its_modules():
    from tensorlet.keras import datasets

    assert datasets.digits is digits and datasets.mnist is mnist
    assert sorted(datasets.__all__) == ["boston_housing", "digits", "fashion_mnist", "mnist"]
    with pytest.raises(AttributeError, match="cifar10"):
        datasets.cifar10  # noqa: B018
