"""The seeded train/test split of `boston_housing` (Keras's), shared by `digits`."""

from __future__ import annotations

import numpy as np

__all__ = ["check_test_split", "shuffled_split"]


def check_test_split(test_split, dataset: str) -> None:
    """Raises a ValueError naming `dataset` unless `0 <= test_split < 1`.

    Example:
        >>> check_test_split(0.2, "boston_housing")
    """
    if not 0 <= test_split < 1:
        raise ValueError(f"{dataset}.load_data: invalid `test_split` argument: {test_split}. "
                         "It must be between 0 and 1 (exclusive of 1).")


def shuffled_split(x, y, test_split: float, seed, dataset: str) -> tuple:
    """Shuffles `(x, y)` with `np.random.RandomState(seed)` and cuts off the last `test_split`.

    The order and the cut are Keras's: the first `int(n * (1 - test_split))` shuffled samples
    are the training set, so a seed gives the same split as in Keras.

    Args:
        x: the samples (first axis = samples).
        y: the targets, as many as the samples.
        test_split: the fraction of samples to keep for testing, in [0, 1).
        seed: the shuffle's seed.
        dataset: the dataset's name, for the error message.

    Returns:
        `((x_train, y_train), (x_test, y_test))`.

    Raises:
        ValueError: `test_split` is outside [0, 1).

    Example:
        >>> (x_train, _), (x_test, _) = shuffled_split(np.arange(10), np.arange(10), 0.2, 1, "d")
        >>> len(x_train), len(x_test)
        (8, 2)
    """
    check_test_split(test_split, dataset)
    order = np.random.RandomState(seed).permutation(len(x))
    x, y = x[order], y[order]
    cut = int(len(x) * (1 - test_split))
    return (x[:cut], y[:cut]), (x[cut:], y[cut:])
