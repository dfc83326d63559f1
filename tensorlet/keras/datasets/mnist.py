"""`tf.keras.datasets.mnist`: 70,000 28x28 grayscale images of handwritten digits 0-9.

Yann LeCun, Corinna Cortes and Christopher J.C. Burges's MNIST, as Keras serves it (one `.npz`),
licensed CC BY-SA 3.0 by its authors. It is downloaded once into the dataset cache (see
`downloads`); offline, `tf.keras.datasets.digits` is a small shipped alternative.
"""

from __future__ import annotations

from . import downloads, formats

__all__ = ["load_data"]

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
# NOTE: the SHA-256 Keras checks for this file.
_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"


def load_data(path="mnist.npz"):
    """Loads MNIST: 60,000 training and 10,000 test images of handwritten digits.

    Args:
        path: the file's name in the dataset cache (`~/.keras/datasets` or
            `$TENSORLET_DATA`), or an absolute path.

    Returns:
        `((x_train, y_train), (x_test, y_test))`: uint8 images of shape `(n, 28, 28)` with
        values 0-255 and uint8 labels 0-9 of shape `(n,)`.

    Raises:
        DownloadError: the file is not cached and cannot be downloaded.

    Example:
        >>> import tensorlet as tf
        >>> (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()  # doctest: +SKIP
        >>> x_train.shape, x_train.dtype  # doctest: +SKIP
        ((60000, 28, 28), dtype('uint8'))
    """
    path = downloads.get_file(path, origin=_ORIGIN, file_hash=_SHA256)
    x_train, y_train, x_test, y_test = formats.read_npz(
        path, ("x_train", "y_train", "x_test", "y_test"))
    return (x_train, y_train), (x_test, y_test)
