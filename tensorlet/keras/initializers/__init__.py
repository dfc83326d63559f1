"""`tf.keras.initializers`: weight initializers and `get`/`serialize`/`deserialize`.

The lower-case names (`glorot_normal`, `he_normal`, `zeros`...) are the classes themselves, so
both `tf.keras.initializers.glorot_normal()` (Keras 2) and `GlorotNormal()` work.

Example:
    >>> import tensorlet as tf
    >>> type(tf.keras.initializers.get("he_normal")).__name__
    'HeNormal'
"""

from __future__ import annotations

from .. import _lookup
from .constant_initializers import Constant, Identity, Ones, Zeros
from .initializer import Initializer
from .random_initializers import (
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    Orthogonal,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
    VarianceScaling,
)

_CLASSES = [Initializer, Zeros, Ones, Constant, Identity, RandomNormal, RandomUniform,
            TruncatedNormal, VarianceScaling, GlorotNormal, GlorotUniform, HeNormal, HeUniform,
            LecunNormal, LecunUniform, Orthogonal]
_ALIASES = {
    "zeros": Zeros, "ones": Ones, "constant": Constant, "identity": Identity,
    "random_normal": RandomNormal, "random_uniform": RandomUniform,
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "glorot_normal": GlorotNormal, "glorot_uniform": GlorotUniform, "he_normal": HeNormal,
    "he_uniform": HeUniform, "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform,
    "orthogonal": Orthogonal,
}
# Names accepted in configs and `get` but not exported as attributes (Keras 3 does the same).
_EXTRA_NAMES = {"normal": RandomNormal, "uniform": RandomUniform, "one": Ones, "zero": Zeros,
                "IdentityInitializer": Identity, "OrthogonalInitializer": Orthogonal}
_BUILTINS = {**{cls.__name__: cls for cls in _CLASSES}, **_ALIASES, **_EXTRA_NAMES}

zeros, ones, constant, identity = Zeros, Ones, Constant, Identity
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
variance_scaling, orthogonal = VarianceScaling, Orthogonal
glorot_normal, glorot_uniform, he_normal, he_uniform = (GlorotNormal, GlorotUniform, HeNormal,
                                                        HeUniform)
lecun_normal, lecun_uniform = LecunNormal, LecunUniform

__all__ = [cls.__name__ for cls in _CLASSES] + list(_ALIASES) + ["get", "serialize",
                                                                 "deserialize"]


def serialize(initializer):
    """Returns the config dict of an initializer object or function.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.initializers.serialize(tf.keras.initializers.Zeros())["class_name"]
        'Zeros'
    """
    return _lookup.serialize(initializer)


def deserialize(config, custom_objects=None):
    """Returns the initializer a name or config dict describes (a new object).

    Example:
        >>> import tensorlet as tf
        >>> init = tf.keras.initializers.deserialize(
        ...     {"class_name": "RandomNormal", "config": {"stddev": 2.0}})
        >>> init.stddev
        2.0
    """
    return _lookup.deserialize(config, custom_objects, _BUILTINS, "initializer")


def get(identifier):
    """Returns an initializer: from a name, a config dict, a class, or a callable as is.

    Args:
        identifier: None, a str ("he_normal"), a dict, an Initializer class or instance, or a
            function `f(shape, dtype)`.

    Raises:
        ValueError: when it cannot be interpreted.
        TypeError: when a config dict names an object that cannot be found.

    Example:
        >>> import tensorlet as tf
        >>> type(tf.keras.initializers.get("uniform")).__name__
        'RandomUniform'
    """
    if identifier is None:
        return None
    return _lookup.get(identifier, deserialize, "initializer")
