"""`tf.keras.datasets.digits`: 1,797 8x8 images of handwritten digits, shipped with tensorlet.

The UCI "Optical Recognition of Handwritten Digits" test set (E. Alpaydin and C. Kaynak, 1998),
as scikit-learn distributes it (`data/digits.csv.gz`, BSD 3-Clause: see
`data/LICENSE.digits.txt`). It needs no network, so demos, tests and exercises run offline.
Pixels are integers 0-16 (each counts the ink in a 4x4 block of a 32x32 bitmap).
"""

from __future__ import annotations

import gzip
import importlib.resources

import numpy as np

from . import splitting

__all__ = ["load_data", "load_digits"]

_DATA_FILE = "digits.csv.gz"


def load_digits():
    """Loads all 1,797 digits in the file's order.

    Like scikit-learn's `load_digits(return_X_y=True)`, but the images stay 8x8 uint8 arrays
    (`images.reshape(-1, 64)` gives scikit-learn's flat layout).

    Returns:
        `(images, labels)`: uint8 images of shape `(1797, 8, 8)` with values 0-16 and uint8
        labels 0-9 of shape `(1797,)`.

    Example:
        >>> images, labels = load_digits()
        >>> images.shape, int(images.max()), labels[:5]
        ((1797, 8, 8), 16, array([0, 1, 2, 3, 4], dtype=uint8))
    """
    resource = importlib.resources.files(__package__) / "data" / _DATA_FILE
    with resource.open("rb") as raw, gzip.open(raw, "rt") as text:
        table = np.loadtxt(text, delimiter=",", dtype=np.uint8)
    return table[:, :-1].reshape(-1, 8, 8), table[:, -1].copy()


def load_data(test_split=0.2, seed=113):
    """Loads the shipped digits, split into training and test sets (deterministic).

    The split is the one `boston_housing.load_data` makes: a shuffle seeded with `seed`, then
    the last `test_split` of the samples for testing (1,437 / 360 with the defaults).

    Args:
        test_split: the fraction of samples kept for testing, in [0, 1).
        seed: the seed of the shuffle before the split.

    Returns:
        `((x_train, y_train), (x_test, y_test))`: uint8 images of shape `(n, 8, 8)` with values
        0-16 (divide by 16.0 to scale them to [0, 1]) and uint8 labels 0-9 of shape `(n,)`.

    Raises:
        ValueError: `test_split` is outside [0, 1).

    Example:
        >>> from tensorlet.keras.datasets import digits  # tf.keras.datasets.digits
        >>> (X_train, y_train), (X_test, y_test) = digits.load_data()
        >>> X_train.shape, X_test.shape, y_train.dtype
        ((1437, 8, 8), (360, 8, 8), dtype('uint8'))
    """
    splitting.check_test_split(test_split, "digits")
    images, labels = load_digits()
    return splitting.shuffled_split(images, labels, test_split, seed, "digits")
