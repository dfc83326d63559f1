"""`Embedding`: maps integer ids to dense vectors (rows of a trainable matrix)."""

from __future__ import annotations

import tensorlet as tf

from ... import constraints, initializers, regularizers
from ..base_layer import Layer
from .dense import pop_unsupported

__all__ = ["Embedding"]


class Embedding(Layer):
    """Looks up row `i` of an `(input_dim, output_dim)` matrix named `embeddings` for id `i`.

    Args:
        input_dim: the vocabulary size (ids are in [0, input_dim)).
        output_dim: the size of each vector.
        embeddings_initializer: default "uniform" (RandomUniform(-0.05, 0.05)).
        embeddings_regularizer, embeddings_constraint, activity_regularizer: as for Dense.
        mask_zero: whether id 0 is padding; `compute_mask` then masks it out.
        weights: optional initial value of the matrix, as a one-element list.

    Example:
        >>> import tensorlet as tf
        >>> layer = tf.keras.layers.Embedding(10, 4)
        >>> layer(tf.constant([[1, 2, 3]])).shape
        TensorShape([1, 3, 4])
    """

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False,
                 weights=None, activity_regularizer=None, **kwargs):
        pop_unsupported(kwargs, "Embedding")
        kwargs.pop("input_length", None)  # Keras 2 argument, implied by the inputs
        kwargs.setdefault("autocast", False)  # ids stay integers
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.input_dim = int(input_dim)
        self.output_dim = int(output_dim)
        if self.input_dim <= 0 or self.output_dim <= 0:
            raise ValueError("Both `input_dim` and `output_dim` should be positive, Received "
                             f"input_dim = {input_dim} and output_dim = {output_dim}")
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        if weights is not None:
            self.build(None)
            self.set_weights(weights if isinstance(weights, list | tuple) else [weights])

    def build(self, input_shape=None):
        self.embeddings = self.add_weight(
            name="embeddings", shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer, regularizer=self.embeddings_regularizer,
            constraint=self.embeddings_constraint)
        super().build(input_shape)

    def call(self, inputs):
        ids = tf.convert_to_tensor(inputs)
        if ids.dtype not in (tf.int32, tf.int64):
            ids = tf.cast(ids, tf.int32)
        return tf.gather(self.embeddings, ids)

    def compute_mask(self, inputs, mask=None):
        """`inputs != 0` when `mask_zero`, else None."""
        if not self.mask_zero:
            return None
        ids = tf.convert_to_tensor(inputs)
        return tf.not_equal(ids, tf.zeros_like(ids))

    def compute_output_shape(self, input_shape):
        return tuple(tf.TensorShape(input_shape).as_list()) + (self.output_dim,)

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("autocast", None)
        return {
            **config,
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
        }
