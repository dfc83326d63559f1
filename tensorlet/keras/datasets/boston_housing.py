"""`tf.keras.datasets.boston_housing`: 506 Boston suburbs (1970s), 13 features, median price.

The StatLib copy Keras serves as one `.npz`. Note that the data set has an ethical problem
(one feature encodes the proportion of Black residents); it is kept for the book's exercises.
"""

from __future__ import annotations

from . import downloads, formats, splitting

__all__ = ["load_data"]

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz"
# NOTE: the SHA-256 Keras checks for this file.
_SHA256 = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """Loads the Boston housing prices, split into training and test sets as Keras splits them.

    Args:
        path: the file's name in the dataset cache (`~/.keras/datasets` or
            `$TENSORLET_DATA`), or an absolute path.
        test_split: the fraction of the 506 samples kept for testing, in [0, 1).
        seed: the seed of the shuffle before the split.

    Returns:
        `((x_train, y_train), (x_test, y_test))`: float64 features of shape `(n, 13)` and
        float64 prices (k$) of shape `(n,)`; 404 training samples with the defaults.

    Raises:
        ValueError: `test_split` is outside [0, 1).
        DownloadError: the file is not cached and cannot be downloaded.

    Example:
        >>> import tensorlet as tf
        >>> (x_train, y_train), _ = tf.keras.datasets.boston_housing.load_data()  # doctest: +SKIP
        >>> x_train.shape  # doctest: +SKIP
        (404, 13)
    """
    splitting.check_test_split(test_split, "boston_housing")
    path = downloads.get_file(path, origin=_ORIGIN, file_hash=_SHA256)
    x, y = formats.read_npz(path, ("x", "y"))
    return splitting.shuffled_split(x, y, test_split, seed, "boston_housing")
