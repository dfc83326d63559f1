"""ConcreteFunction: TF's inspection API (issue #4 item 6) and direct calls."""

import pytest

import tensorlet as tf
from tensorlet.graph.function import function


@function
def scaled(x, scale=2.0):
    return {"out": x * scale, "none": None}


def test_structured_input_signature_names_specs_and_keeps_python_values():
    cf = scaled.get_concrete_function(tf.TensorSpec([None, 3], tf.float32), 3.0)
    assert cf.structured_input_signature == (
        (tf.TensorSpec([None, 3], tf.float32, name="x"), 3.0), {})


def test_structured_outputs_are_graph_tensors_in_the_returned_structure():
    cf = scaled.get_concrete_function(tf.TensorSpec([2], tf.float32))
    out = cf.structured_outputs
    assert out["none"] is None and out["out"].name == "multiply:0"
    assert out["out"].graph is cf.graph and cf.outputs == [out["out"]]
    assert [t.name for t in cf.inputs] == ["x:0"]


def test_the_graph_is_the_traced_one_and_the_optimised_graph_is_separate():
    cf = function(lambda x: x * 1.0 + 0.0).get_concrete_function(tf.TensorSpec([2]))
    assert [op.type for op in cf.graph.get_operations()] == [
        "Placeholder", "Const", "Mul", "Const", "AddV2"]
    assert [n.type for n in cf.optimized_graph.nodes] == ["Placeholder"]
    assert cf.pretty_printed_graph() == str(cf.optimized_graph)
    assert cf.pretty_printed_graph(optimized=False) == str(cf.graph)


def test_a_concrete_function_can_be_called_directly():
    cf = scaled.get_concrete_function(tf.TensorSpec([2], tf.float32))
    assert cf(tf.constant([1.0, 2.0]))["out"].numpy().tolist() == [2.0, 4.0]
    assert cf(x=tf.constant([1.0, 1.0]))["out"].numpy().tolist() == [2.0, 2.0]


def test_a_concrete_function_rejects_inputs_it_was_not_traced_for():
    cf = scaled.get_concrete_function(tf.TensorSpec([2], tf.float32))
    with pytest.raises(TypeError, match="was traced for"):
        cf(tf.constant([1.0, 2.0, 3.0]))
    with pytest.raises(TypeError, match="was traced for"):
        cf(tf.constant([1.0, 2.0]), 5.0)


def test_repr_shows_the_signature():
    cf = scaled.get_concrete_function(tf.TensorSpec([2], tf.float32))
    assert repr(cf) == ("<ConcreteFunction scaled(TensorSpec(shape=(2,), dtype=tf.float32, "
                        "name='x'), 2.0)>")


def test_a_concrete_function_fixes_the_python_arguments_it_was_traced_with():
    # TF 2.21: the Python argument may be left out, given again, or the tensor given by name.
    @tf.function
    def scale(x, n):
        return x * n

    concrete = scale.get_concrete_function(tf.TensorSpec([], tf.float32), 3)
    for result in (concrete(tf.constant(2.0), 3), concrete(tf.constant(2.0)),
                   concrete(x=tf.constant(2.0))):
        assert float(result) == 6.0
    with pytest.raises(TypeError, match="Python int 3 -> 4"):
        concrete(tf.constant(2.0), 4)
