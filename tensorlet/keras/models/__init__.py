"""`tf.keras.models`: Model, Sequential, Functional models, cloning, JSON and saving.

Example:
    >>> import tensorlet as tf
    >>> tf.keras.models.Sequential is tf.keras.Sequential
    True
"""

from .cloning import clone_model
from .functional import Functional
from .json_utils import model_from_json
from .model import Model
from .sequential import Sequential

__all__ = ["Model", "Sequential", "Functional", "clone_model", "model_from_json",
           "load_model", "save_model"]


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):  # noqa: A002
    """Loads a model saved by `model.save` (`keras.saving.load_model`)."""
    from ..saving import saving_lib

    return saving_lib.load_model(filepath, custom_objects=custom_objects, compile=compile,
                                 safe_mode=safe_mode)


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    """Saves a model (`model.save`)."""
    from ..saving import saving_lib

    saving_lib.save_model(model, filepath, overwrite=overwrite, zipped=zipped, **kwargs)
