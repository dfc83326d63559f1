"""`tf.keras.utils`: object registration (shared with `keras.saving`), seeding, one-hot labels."""

from ..datasets.downloads import get_file
from ..saving.serialization import (
    CustomObjectScope,
    custom_object_scope,
    deserialize_keras_object,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
    serialize_keras_object,
)
from .numerical_utils import normalize, to_categorical
from .progbar import Progbar
from .rng_utils import set_random_seed

__all__ = [
    "CustomObjectScope",
    "custom_object_scope",
    "deserialize_keras_object",
    "get_custom_objects",
    "get_file",
    "get_registered_name",
    "get_registered_object",
    "normalize",
    "Progbar",
    "register_keras_serializable",
    "serialize_keras_object",
    "set_random_seed",
    "to_categorical",
]
