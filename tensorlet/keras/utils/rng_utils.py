"""`set_random_seed`: one call seeds tensorlet, NumPy and Python's `random`."""

from __future__ import annotations

import random

import numpy as np

import tensorlet as tf

__all__ = ["set_random_seed"]


def set_random_seed(seed):
    """Seeds tensorlet's global RNG (`tf.random.set_seed`), NumPy's and Python's `random`.

    Args:
        seed: a non-negative integer.

    Raises:
        ValueError: for a seed that is not an integer.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.utils.set_random_seed(42)
        >>> a = tf.random.uniform([2]).numpy()
        >>> tf.keras.utils.set_random_seed(42)
        >>> bool((a == tf.random.uniform([2]).numpy()).all())
        True
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(
            f"Expected `seed` argument to be an integer. Received: seed={seed} (of type "
            f"{type(seed)})"
        )
    random.seed(int(seed))
    np.random.seed(int(seed) % 2**32)
    tf.random.set_seed(int(seed))
