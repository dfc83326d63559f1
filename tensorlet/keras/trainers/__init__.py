"""`keras.trainers`: what `Model` gets for training (`compile`, `fit`, `evaluate`, `predict`).

Example:
    >>> import tensorlet as tf
    >>> from tensorlet.keras.trainers import Trainer
    >>> issubclass(tf.keras.Model, Trainer)
    True
"""

from .trainer import Trainer

__all__ = ["Trainer"]
