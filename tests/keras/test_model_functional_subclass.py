"""`MyModel(inputs, outputs)`: a Model subclass built with the Functional constructor.

As Keras 3, the instance is Functional and still a `MyModel`, so a user `train_step` (Keras's
"Customizing what happens in fit") applies. Expected values come from Keras 3.15 on TF 2.21.
"""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras.models.functional import Functional

K = tf.keras
_RNG = np.random.RandomState(0)
X = _RNG.randn(32, 3).astype("float32")
Y = (X @ np.array([1.0, 2.0, -1.0])).astype("float32")[:, None]


class CustomModel(K.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def _custom_model(keywords=False, **kwargs):
    inputs = K.Input((3,), name="in")
    outputs = K.layers.Dense(1, name="d")(inputs)
    if keywords:
        model = CustomModel(inputs=inputs, outputs=outputs, **kwargs)
    else:
        model = CustomModel(inputs, outputs, **kwargs)
    rng = np.random.RandomState(3)
    model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                       for w in model.get_weights()])
    return model


@pytest.mark.parametrize("keywords", [False, True])
def test_subclass_with_inputs_and_outputs_is_functional(keywords):
    model = _custom_model(keywords)
    assert type(model).__name__ == "CustomModel"
    assert isinstance(model, CustomModel) and isinstance(model, Functional)
    assert model.name.startswith("custom_model")  # Keras 3.15: 'custom_model'
    assert [layer.name for layer in model.layers] == ["in", "d"]
    assert model.output_shape == (None, 1)


def test_user_train_step_runs_in_fit_evaluate_predict():
    model = _custom_model()
    model.compile(optimizer=K.optimizers.SGD(0.01), loss="mse", metrics=["mae"])
    history = model.fit(X, Y, epochs=2, verbose=0, shuffle=False, batch_size=8)
    # Keras 3.15: {'mae': [1.6518709659576416, 1.5103943347930908],
    #              'loss': [4.401289463043213, 3.681703805923462]} (keys in this order)
    assert list(history.history) == ["mae", "loss"]
    np.testing.assert_allclose(history.history["loss"], [4.401289463043213, 3.681703805923462],
                               rtol=1e-5)
    np.testing.assert_allclose(history.history["mae"], [1.6518709659576416, 1.5103943347930908],
                               rtol=1e-5)
    # Keras 3.15: [3.260019540786743, 1.4277536869049072]
    np.testing.assert_allclose(model.evaluate(X, Y, verbose=0),
                               [3.260019540786743, 1.4277536869049072], rtol=1e-5)
    # Keras 3.15: [[0.42509022], [1.7628554]]
    np.testing.assert_allclose(model.predict(X[:2], verbose=0), [[0.42509022], [1.7628554]],
                               rtol=1e-5)


def test_config_and_from_config_keep_the_subclass():
    model = _custom_model(name="named")
    config = model.get_config()
    assert sorted(config) == ["input_layers", "layers", "name", "output_layers", "trainable"]
    assert config["name"] == "named" and config["input_layers"] == ["in", 0, 0]
    clone = CustomModel.from_config(config)
    assert type(clone).__name__ == "CustomModel" and isinstance(clone, Functional)
    assert clone.name == "named"
    assert K.saving.serialize_keras_object(model)["class_name"] == "CustomModel"


def test_save_and_load_need_the_custom_class(tmp_path):
    model = _custom_model()
    path = str(tmp_path / "cm.keras")
    model.save(path)
    with pytest.raises(TypeError, match="Could not locate class 'CustomModel'"):
        K.models.load_model(path)
    loaded = K.models.load_model(path, custom_objects={"CustomModel": CustomModel})
    assert isinstance(loaded, CustomModel) and isinstance(loaded, Functional)
    np.testing.assert_allclose(loaded.predict(X[:2], verbose=0),
                               model.predict(X[:2], verbose=0))


def test_subclass_init_building_its_graph_becomes_functional():
    class Builder(K.Model):
        def __init__(self, units=2, **kwargs):
            inputs = K.Input((3,), name="bin")
            super().__init__(inputs, K.layers.Dense(units, name="bd")(inputs), **kwargs)
            self.units = units

    model = Builder(4)
    # Keras 3.15: 'Builder', output_shape (None, 4), layers ['bin', 'bd']
    assert type(model).__name__ == "Builder" and isinstance(model, Functional)
    assert model.output_shape == (None, 4) and [la.name for la in model.layers] == ["bin", "bd"]
    assert model(np.ones((1, 3), "float32")).shape == (1, 4)


def test_subclass_without_outputs_is_an_error_and_plain_subclass_is_unchanged():
    class Plain(K.Model):
        pass

    inputs = K.Input((2,))
    # Keras 3.15: TypeError "Functional.__init__() missing 1 required positional argument:
    # 'outputs'"
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'outputs'"):
        Plain(inputs)
    assert not isinstance(Plain(), Functional)
