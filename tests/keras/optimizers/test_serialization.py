"""`get_config`/`from_config`, `optimizers.get/serialize/deserialize` and schedule configs
(B6, B7; keras-saving's config format)."""

import json

import numpy as np
import pytest

import tensorlet as tf
from tensorlet import keras
from tensorlet.keras import optimizers
from tensorlet.keras.optimizers import schedules

ALL = [optimizers.SGD, optimizers.RMSprop, optimizers.Adam, optimizers.Nadam,
       optimizers.AdamW, optimizers.Adagrad, optimizers.Adamax]

# Keras 3.15's defaults (recorded from `cls().get_config()` without name/base keys).
DEFAULTS = {
    "SGD": {"learning_rate": 0.009999999776482582, "momentum": 0.0, "nesterov": False},
    "RMSprop": {"learning_rate": 0.0010000000474974513, "rho": 0.9, "momentum": 0.0,
                "epsilon": 1e-07, "centered": False},
    "Adam": {"learning_rate": 0.0010000000474974513, "beta_1": 0.9, "beta_2": 0.999,
             "epsilon": 1e-07, "amsgrad": False},
    "Nadam": {"learning_rate": 0.0010000000474974513, "beta_1": 0.9, "beta_2": 0.999,
              "epsilon": 1e-07},
    "AdamW": {"learning_rate": 0.0010000000474974513, "weight_decay": 0.004, "beta_1": 0.9,
              "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False},
    "Adagrad": {"learning_rate": 0.0010000000474974513, "initial_accumulator_value": 0.1,
                "epsilon": 1e-07},
    "Adamax": {"learning_rate": 0.0010000000474974513, "beta_1": 0.9, "beta_2": 0.999,
               "epsilon": 1e-07},
}
BASE_KEYS = {"name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm",
             "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency",
             "loss_scale_factor", "gradient_accumulation_steps"}


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_b6_default_config_matches_keras(cls):
    config = cls().get_config()
    assert BASE_KEYS <= set(config)
    for key, value in DEFAULTS[cls.__name__].items():
        assert config[key] == value, key
    json.dumps(config)


def test_b6_auto_names_follow_keras():
    keras.backend.clear_session()
    assert optimizers.SGD().name == "sgd"
    assert optimizers.SGD().name == "sgd_1"
    assert optimizers.RMSprop().name == "rm_sprop"
    assert optimizers.AdamW().name == "adam_w"
    assert optimizers.Adam(name="mine").name == "mine"


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_b6_config_round_trip(cls):
    opt = cls(learning_rate=0.05, clipnorm=2.0, name="opt")
    again = cls.from_config(opt.get_config())
    assert type(again) is cls
    assert again.get_config() == opt.get_config()


def test_b6_round_trip_keeps_hyperparameters_and_behaviour():
    opt = optimizers.SGD(0.1, momentum=0.9, nesterov=True, global_clipnorm=3.0)
    again = optimizers.deserialize(optimizers.serialize(opt))
    assert (again.momentum, again.nesterov, again.global_clipnorm) == (0.9, True, 3.0)
    a, b = tf.Variable([1.0, 2.0]), tf.Variable([1.0, 2.0])
    for _ in range(2):
        opt.apply_gradients([(tf.constant([1.0, -3.0]), a)])
        again.apply_gradients([(tf.constant([1.0, -3.0]), b)])
    np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_b6_serialize_format():
    config = optimizers.serialize(optimizers.Adam(0.5, name="adam"))
    assert config["class_name"] == "Adam"
    assert config["module"] == "keras.optimizers"
    assert config["registered_name"] is None
    assert config["config"]["learning_rate"] == 0.5


@pytest.mark.parametrize("name,cls", [("sgd", "SGD"), ("adam", "Adam"), ("nadam", "Nadam"),
                                      ("rmsprop", "RMSprop"), ("adamw", "AdamW"),
                                      ("adagrad", "Adagrad"), ("adamax", "Adamax"),
                                      ("Adam", "Adam"), ("RMSprop", "RMSprop")])
def test_b6_string_names(name, cls):
    opt = optimizers.get(name)
    assert type(opt).__name__ == cls
    assert optimizers.deserialize(name).__class__.__name__ == cls


def test_b6_get_passes_instances_and_none_through():
    opt = optimizers.SGD()
    assert optimizers.get(opt) is opt
    assert optimizers.get(None) is None
    assert type(optimizers.get({"class_name": "Nadam", "config": {}})).__name__ == "Nadam"


def test_b6_get_refuses_unknown_identifiers():
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: foo"):
        optimizers.get("foo")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: 3"):
        optimizers.get(3)


def test_b6_keras2_config_keys_are_accepted():
    config = {"name": "Adam", "learning_rate": 0.001, "decay": 0.0, "beta_1": 0.9,
              "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False,
              "is_legacy_optimizer": False, "jit_compile": False}
    opt = optimizers.Adam.from_config(config)
    assert opt.beta_1 == 0.9 and opt._decay == 0.0


def test_b6_custom_optimizer_round_trip_needs_custom_objects():
    @keras.saving.register_keras_serializable(package="OptTest")
    class Halver(optimizers.SGD):
        pass

    config = optimizers.serialize(Halver(0.5))
    assert type(optimizers.deserialize(config)).__name__ == "Halver"


def test_b7_schedule_in_optimizer_config_round_trips():
    schedule = schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True)
    opt = optimizers.SGD(schedule)
    config = opt.get_config()
    assert config["learning_rate"]["class_name"] == "ExponentialDecay"
    assert config["learning_rate"]["config"] == schedule.get_config()
    json.dumps(config)
    again = optimizers.SGD.from_config(config)
    assert isinstance(again._learning_rate, schedules.ExponentialDecay)
    assert again._learning_rate.get_config() == schedule.get_config()


def test_b7_custom_schedule_round_trip_with_custom_objects():
    class Constant(schedules.LearningRateSchedule):
        def __init__(self, value):
            self.value = value

        def __call__(self, step):
            return tf.constant(self.value)

        def get_config(self):
            return {"value": self.value}

    opt = optimizers.Adam(Constant(0.3))
    config = optimizers.serialize(opt)
    with pytest.raises(TypeError, match="Constant"):
        optimizers.deserialize(config)
    again = optimizers.deserialize(config, custom_objects={"Constant": Constant})
    assert float(again.learning_rate) == pytest.approx(0.3)
