"""`model.to_json()` and `tf.keras.models.model_from_json`: architectures as JSON, no eval."""

from __future__ import annotations

import json

__all__ = ["to_json", "model_from_json"]


def to_json(model, **kwargs) -> str:
    """The serialized config of `model` as a JSON string (`json.dumps` keyword arguments)."""
    from ..saving import serialization

    config = serialization.serialize_keras_object(model)
    return json.dumps(config, default=_default, **kwargs)


def _default(obj):
    if isinstance(obj, tuple):
        return list(obj)
    if hasattr(obj, "item"):
        return obj.item()
    raise TypeError(f"to_json: cannot serialize {obj!r} of type {type(obj).__name__}")


def model_from_json(json_string: str, custom_objects=None):
    """Recreates a model (fresh weights) from `model.to_json()`'s output.

    Only registered or built-in Keras classes can be named; the text is parsed as JSON and
    never evaluated.

    Example:
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(2)])
        >>> tf.keras.models.model_from_json(model.to_json()).output_shape
        (None, 2)
    """
    from ..saving import serialization

    try:
        config = json.loads(json_string)
    except json.JSONDecodeError as error:
        raise ValueError(f"model_from_json: the text is not valid JSON ({error}).") from None
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError("model_from_json: expected a JSON object with a 'class_name' (the "
                         "output of `model.to_json()`).")
    return serialization.deserialize_keras_object(config, custom_objects=custom_objects)
