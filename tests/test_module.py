"""tf.Module: names, tracking order (checked against TF 2.21), name scopes, saved_model."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.framework.scopes import current_scope
from tensorlet.module import Module


class Dense(Module):
    def __init__(self, i, o, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.ones([i, o]), name="w")
        self.b = tf.Variable(tf.zeros([o]), name="b", trainable=False)

    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b


class MLP(Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.layers = [Dense(2, 3), Dense(3, 1, name="out")]
        self.d = {"z": Dense(1, 1, name="z"), "a": tf.Variable(1.0, name="a")}
        self.t = (tf.Variable(2.0, name="t0"), [Dense(1, 2, name="deep")])

    @tf.function
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    @Module.with_name_scope
    def scope(self):
        return current_scope()


def test_default_names_are_the_snake_case_class_name():
    assert MLP().name == "mlp" and Dense(1, 1).name == "dense" and Module().name == "module"
    assert Module(name="x").name == "x"
    assert MLP().name_scope.name == "mlp/"


@pytest.mark.parametrize("bad", ["a b", "1abc", "", "a/b"])
def test_invalid_names_raise_value_error(bad):
    with pytest.raises(ValueError, match="is not a valid module name"):
        Module(name=bad)


def test_variables_follow_tf_order_own_leaves_first_then_submodules():
    m = MLP()
    names = [v.name for v in m.variables]
    # TF 2.21: attributes sorted (d, layers, t), dict keys sorted, submodules after own leaves.
    assert names == ["a:0", "t0:0", "b:0", "w:0", "b:0", "w:0", "b:0", "w:0", "b:0", "w:0"]
    assert [v.name for v in m.trainable_variables] == ["a:0", "t0:0"] + ["w:0"] * 4
    assert [v.name for v in m.non_trainable_variables] == ["b:0"] * 4
    assert [s.name for s in m.submodules] == ["z", "dense", "out", "deep"]
    assert isinstance(m.variables, tuple) and isinstance(m.submodules, tuple)


def test_shared_objects_are_listed_once_and_private_attributes_count():
    m = Module()
    m.z, m.a, m._p = tf.Variable(1.0), tf.Variable(2.0), tf.Variable(3.0)
    m.same = m.a
    m.sub = Dense(1, 1, name="sub")
    m.again = m.sub
    m.cycle = m
    assert [float(np.sum(v.numpy())) for v in m.variables] == [3.0, 2.0, 1.0, 0.0, 1.0]
    assert [s.name for s in m.submodules] == ["sub"]


def test_with_name_scope_enters_the_module_scope():
    assert MLP().scope() == "mlp/"
    assert current_scope() == ""


def test_tf_function_method_uses_module_variables():
    m = MLP()
    assert m(tf.ones([1, 2])).numpy().tolist() == [[6.0]]
    m.layers[1].w.assign(tf.fill([3, 1], 2.0))
    assert m(tf.ones([1, 2])).numpy().tolist() == [[12.0]]


def test_module_saved_model_round_trip(tmp_path):
    m = MLP()
    x = tf.constant([[1.0, 2.0], [3.0, -1.0]])
    expected = m(x).numpy()
    tf.saved_model.save(m, str(tmp_path / "mlp"))
    loaded = tf.saved_model.load(str(tmp_path / "mlp"))
    np.testing.assert_array_equal(loaded(x).numpy(), expected)
    assert len(loaded.variables) == len(m.variables)
