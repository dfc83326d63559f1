"""NumPy helpers for labels and features: `to_categorical`, `normalize` (host-side data prep)."""

from __future__ import annotations

import numpy as np

__all__ = ["normalize", "to_categorical"]


def to_categorical(x, num_classes=None):
    """One-hot encodes integer class labels as a float64 NumPy array (as Keras 3 does).

    Args:
        x: integer labels, any shape; a trailing axis of size 1 is dropped.
        num_classes: the number of classes; defaults to `max(x) + 1`.

    Returns:
        An array of shape `x.shape + (num_classes,)`.

    Raises:
        IndexError: for a label >= num_classes.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.utils.to_categorical([0, 2], num_classes=3)
        array([[1., 0., 0.],
               [0., 0., 1.]])
    """
    labels = np.asarray(x)
    if hasattr(x, "numpy"):
        labels = np.asarray(x.numpy())
    labels = labels.astype("int64")
    if labels.ndim > 1 and labels.shape[-1] == 1:
        labels = labels.reshape(labels.shape[:-1])
    if num_classes is None:
        num_classes = int(labels.max()) + 1 if labels.size else 0
    num_classes = int(num_classes)
    if labels.size and int(labels.max()) >= num_classes:
        raise IndexError(
            f"to_categorical: label {int(labels.max())} is out of range for "
            f"num_classes={num_classes}"
        )
    return np.eye(num_classes, dtype="float64")[labels]


def normalize(x, axis=-1, order=2):
    """Scales `x` to unit `order`-norm along `axis` (zero vectors stay zero).

    Args:
        x: an array-like.
        axis: the axis to normalize.
        order: the norm order (2 for L2).

    Returns:
        A NumPy array of the same shape.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.utils.normalize([[3.0, 4.0]])
        array([[0.6, 0.8]])
    """
    array = np.asarray(x.numpy() if hasattr(x, "numpy") else x, dtype="float64")
    norm = np.atleast_1d(np.linalg.norm(array, order, axis))
    norm[norm == 0] = 1
    return array / np.expand_dims(norm, axis)
