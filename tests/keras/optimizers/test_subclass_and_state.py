"""User optimizers in the Keras 3 style, the optimizer's state (weights, save/load), and
hyperparameters changed after creation (B6)."""

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import tensorlet as tf
import tensorlet.keras.optimizers as optimizers_package
from tensorlet.keras import optimizers


class MomentumSGD(optimizers.Optimizer):
    """Keras 3's documented pattern: build() + add_variable_from_reference + update_step."""

    def __init__(self, learning_rate=0.1, momentum=0.5, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.momentum = momentum

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.momentums = [self.add_variable_from_reference(v, "m") for v in var_list]

    def update_step(self, gradient, variable, learning_rate):
        m = self.momentums[self._get_variable_index(variable)]
        m.assign(m * self.momentum - gradient * tf.cast(learning_rate, variable.dtype))
        variable.assign_add(m)

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum}


def test_b6_keras3_style_subclass_matches_sgd_momentum():
    a, b = tf.Variable([1.0, 2.0], name="a"), tf.Variable([1.0, 2.0], name="b")
    mine, builtin = MomentumSGD(0.1, 0.5), optimizers.SGD(0.1, momentum=0.5)
    for g in ([1.0, -1.0], [0.5, 2.0], [-3.0, 0.0]):
        mine.apply_gradients([(tf.constant(g), a)])
        builtin.apply_gradients([(tf.constant(g), b)])
    np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-6)
    assert [v.name for v in mine.variables] == ["iteration:0", "learning_rate:0", "a_0_m:0"]
    assert mine.iterations.numpy() == 3


def test_b6_keras3_style_subclass_refuses_new_variables_after_build():
    opt = MomentumSGD()
    opt.apply_gradients([(tf.constant(1.0), tf.Variable(1.0))])
    with pytest.raises(ValueError, match="Unknown variable"):
        opt.apply_gradients([(tf.constant(1.0), tf.Variable(1.0))])


def test_b6_subclass_without_update_step_says_what_is_missing():
    class Nothing(optimizers.Optimizer):
        pass

    with pytest.raises(NotImplementedError, match="must implement `update_step"):
        Nothing(0.1).apply_gradients([(tf.constant(1.0), tf.Variable(1.0))])


def test_b6_add_optimizer_variables_helper():
    opt = optimizers.SGD()
    a, b = tf.Variable([1.0], name="a"), tf.Variable([[1.0]], name="b")
    m, v = opt.add_optimizer_variables([a, b], ["m", "v"], initializer="ones")
    assert [x.name for x in m] == ["a_0_m:0", "b_0_m:0"] and v[1].shape == (1, 1)
    assert v[0].numpy()[0] == 1.0


def test_b6_changing_a_hyperparameter_changes_the_next_step():
    opt = optimizers.SGD(1.0, momentum=0.5)
    v = tf.Variable(0.0)
    opt.apply_gradients([(tf.constant(1.0), v)])
    opt.momentum = 0.0
    opt.apply_gradients([(tf.constant(1.0), v)])
    # m = -1 then m = 0 * m - 1 = -1: v = -2 (with the old 0.5 it would be -2.5).
    assert v.numpy() == -2.0


def test_b6_weights_round_trip_between_optimizers():
    v = tf.Variable([1.0, 2.0])
    opt = optimizers.Adam(0.1)
    for _ in range(3):
        opt.apply_gradients([(tf.constant([1.0, -1.0]), v)])
    weights = opt.get_weights()
    assert len(weights) == 4 and weights[0] == 3
    other = optimizers.Adam(0.1)
    with pytest.raises(ValueError, match="has not yet been built"):
        other.set_weights(weights)
    other.build([v])
    other.set_weights(weights)
    for x, y in zip(other.variables, opt.variables):
        np.testing.assert_array_equal(x.numpy(), y.numpy())


def test_b6_save_and_load_own_variables():
    v = tf.Variable([1.0, 2.0])
    opt = optimizers.Nadam(0.1)
    opt.apply_gradients([(tf.constant([1.0, -1.0]), v)])
    store = {}
    opt.save_own_variables(store)
    assert sorted(store) == ["0", "1", "2", "3", "4"]
    fresh = optimizers.Nadam(0.1)
    with pytest.warns(UserWarning, match="Skipping variable loading"):
        fresh.load_own_variables(store)
    fresh.build([v])
    fresh.load_own_variables(store)
    assert fresh.iterations.numpy() == 1
    np.testing.assert_array_equal(fresh.variables[-1].numpy(), opt.variables[-1].numpy())


def _modules():
    for info in pkgutil.walk_packages(optimizers_package.__path__,
                                      optimizers_package.__name__ + "."):
        yield importlib.import_module(info.name)


@pytest.mark.parametrize("module", [optimizers_package, *_modules()], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module, module.__name__):
        runner.run(test)
    assert runner.failures == 0
