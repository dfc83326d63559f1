"""Built-in class lookup never mistakes a user's class for a Keras class of the same name."""

import pytest

from tensorlet.keras.saving import builtin_objects
from tensorlet.keras.saving.serialization import deserialize_keras_object


def test_a_user_module_hint_finds_no_builtin_class():
    assert builtin_objects.find_class("Constant", "__main__") is None
    assert builtin_objects.find_class("Constant", "keras.initializers") is not None


def test_a_user_class_saved_without_custom_objects_is_not_rebuilt_as_a_keras_class():
    config = {"module": "my_project.schedules", "class_name": "Constant",
              "config": {"value": 1.0}, "registered_name": "Constant"}
    with pytest.raises(TypeError, match="Constant"):
        deserialize_keras_object(config)
