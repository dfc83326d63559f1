"""`tf.keras.losses.get/serialize/deserialize` and config round trips of every loss class
(A4.3, A5.2, A5.5, B3)."""

import inspect

import pytest

import tensorlet as tf
from tensorlet.keras import losses, saving

from .test_loss_base import HuberLoss, create_huber

LOSS_CLASSES = [obj for name in losses.__all__
                if inspect.isclass(obj := getattr(losses, name))
                and issubclass(obj, losses.Loss)
                and obj not in (losses.Loss, losses.LossFunctionWrapper)]


def test_get_returns_functions_for_function_names():
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("mean_absolute_error") is losses.mae
    assert losses.get("bce") is losses.binary_crossentropy
    assert losses.get("sparse_categorical_crossentropy") is \
        losses.sparse_categorical_crossentropy


def test_get_returns_instances_for_class_names_and_configs():
    huber = losses.get("Huber")
    assert isinstance(huber, losses.Huber) and huber.delta == 1.0
    from_dict = losses.get({"class_name": "Huber", "config": {"delta": 2.0}})
    assert isinstance(from_dict, losses.Huber) and from_dict.delta == 2.0


def test_get_passes_callables_and_none_through():
    fn = create_huber(2.0)
    assert losses.get(fn) is fn
    loss = HuberLoss(2.0)
    assert losses.get(loss) is loss
    assert losses.get(None) is None


@pytest.mark.parametrize("identifier", ["no_such_loss", 5, {"class_name": "Nope"}])
def test_get_rejects_unknown_identifiers(identifier):
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        losses.get(identifier)


def test_serialize_saves_functions_by_name():
    config = losses.serialize(losses.mse)
    assert config["class_name"] == "function"
    assert config["config"] == "mean_squared_error"
    assert losses.deserialize(config) is losses.mean_squared_error


@pytest.mark.parametrize("cls", LOSS_CLASSES, ids=lambda cls: cls.__name__)
def test_every_loss_class_round_trips_through_its_config(cls):
    loss = cls(name="custom_name", reduction="sum")
    config = loss.get_config()
    assert config["name"] == "custom_name" and config["reduction"] == "sum"
    clone = losses.deserialize(losses.serialize(loss))
    assert type(clone) is cls
    assert clone.get_config() == config


def test_loss_arguments_survive_a_round_trip():
    bce = losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.2, axis=0)
    clone = losses.deserialize(losses.serialize(bce))
    assert (clone.from_logits, clone.label_smoothing, clone.axis) == (True, 0.2, 0)
    cosine = losses.deserialize(losses.serialize(losses.CosineSimilarity(axis=0)))
    assert cosine.axis == 0


def test_a5_5_custom_loss_class_needs_custom_objects():
    config = losses.serialize(HuberLoss(2.0))
    with pytest.raises(ValueError, match="HuberLoss"):
        losses.get(config)
    clone = losses.deserialize(config, custom_objects={"HuberLoss": HuberLoss})
    assert clone.threshold == 2.0


def test_a5_2_missing_custom_function_error_names_it():
    config = losses.serialize(create_huber(2.0))
    assert config["config"] == "huber_fn"
    with pytest.raises(TypeError, match="huber_fn.*register_keras_serializable"):
        losses.deserialize(config)
    fn = create_huber(2.0)
    assert losses.deserialize(config, custom_objects={"huber_fn": fn}) is fn


def test_loss_function_wrapper_saves_its_function_and_kwargs():
    @saving.register_keras_serializable(package="LossTests")
    def scaled_abs(y_true, y_pred, scale=1.0):
        return scale * tf.abs(y_true - y_pred)

    wrapper = losses.LossFunctionWrapper(scaled_abs, scale=3.0, name="scaled")
    config = wrapper.get_config()
    assert config["scale"] == 3.0 and config["name"] == "scaled"
    clone = losses.deserialize(losses.serialize(wrapper))
    assert float(clone([[1.0]], [[2.0]])) == 3.0
