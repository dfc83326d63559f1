"""`tf.keras.datasets.fashion_mnist`: 70,000 28x28 grayscale images of 10 kinds of clothing.

Zalando's Fashion-MNIST (MIT licence), in its original format: four gzipped IDX files, cached in
`fashion-mnist/` under the dataset cache (`~/.keras/datasets` or `$TENSORLET_DATA`), where Keras
caches them too. Labels: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal,
6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.
"""

from __future__ import annotations

import os

from . import downloads, formats

__all__ = ["load_data"]

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
_CACHE_SUBDIR = os.path.join("datasets", "fashion-mnist")
# NOTE: Keras checks no hash for these files. These SHA-256 digests are the ones
# tensorflow_datasets records for the same files (same names and sizes: 29515, 26421880,
# 5148 and 4422102 bytes).
_FILES = {
    "train-labels-idx1-ubyte.gz":
        "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
    "train-images-idx3-ubyte.gz":
        "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
    "t10k-labels-idx1-ubyte.gz":
        "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    "t10k-images-idx3-ubyte.gz":
        "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
}


def load_data():
    """Loads Fashion-MNIST: 60,000 training and 10,000 test images of clothing.

    Returns:
        `((x_train, y_train), (x_test, y_test))`: uint8 images of shape `(n, 28, 28)` with
        values 0-255 and uint8 labels 0-9 of shape `(n,)`.

    Raises:
        DownloadError: a file is not cached and cannot be downloaded.
        ValueError: a file is not a valid IDX file, or images and labels disagree in number.

    Example:
        >>> import tensorlet as tf
        >>> (X_train, y_train), (X_test, y_test) = (
        ...     tf.keras.datasets.fashion_mnist.load_data())  # doctest: +SKIP
        >>> X_train.shape, y_train.dtype  # doctest: +SKIP
        ((60000, 28, 28), dtype('uint8'))
    """
    paths = {name: downloads.get_file(name, origin=_ORIGIN + name, file_hash=sha256,
                                      cache_subdir=_CACHE_SUBDIR)
             for name, sha256 in _FILES.items()}
    train = _images_and_labels(paths["train-images-idx3-ubyte.gz"],
                               paths["train-labels-idx1-ubyte.gz"])
    test = _images_and_labels(paths["t10k-images-idx3-ubyte.gz"],
                              paths["t10k-labels-idx1-ubyte.gz"])
    return train, test


def _images_and_labels(images_path: str, labels_path: str) -> tuple:
    images, labels = formats.read_idx(images_path), formats.read_idx(labels_path)
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise ValueError(f"fashion_mnist: expected images of shape (n, 28, 28) and n labels, got "
                         f"images {images.shape} ({images_path}) and labels {labels.shape} "
                         f"({labels_path})")
    return images, labels
