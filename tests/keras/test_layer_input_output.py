"""`layer.input`/`layer.output` and `model.input(s)`/`model.output(s)` (Keras 3).

A layer's `input`/`output` are the Keras tensors of its first call on Keras tensors, so
`Model(model.input, model.get_layer("h1").output)` is a feature extractor. Expected values and
messages come from Keras 3.15 on TF 2.21.
"""

import numpy as np
import pytest

import tensorlet as tf

K = tf.keras


def _model():
    inputs = K.Input((4,), name="in")
    hidden = K.layers.Dense(3, name="h1")(inputs)
    return K.Model(inputs, K.layers.Dense(1, name="out")(hidden))


def test_layer_input_and_output_are_the_first_call_keras_tensors():
    model = _model()
    hidden = model.get_layer("h1")
    assert hidden.input is model.input and hidden.output.shape.as_list() == [None, 3]
    assert model.get_layer("out").input is hidden.output
    assert model.get_layer("out").output is model.output
    # Keras 3.15: an InputLayer's input is [], its output the Input tensor
    assert model.layers[0].input == [] and model.layers[0].output is model.input


def test_feature_extraction_models():
    model = _model()
    features = K.Model(model.input, model.get_layer("h1").output)
    assert features(np.ones((2, 4))).shape == (2, 3)  # Keras 3.15: TensorShape([2, 3])
    both = K.Model(inputs=model.inputs, outputs=[la.output for la in model.layers[1:]])
    assert [t.shape for t in both(np.ones((2, 4)))] == [(2, 3), (2, 1)]


def test_shared_and_multi_input_layers():
    a, b = K.Input((4,)), K.Input((4,))
    dense = K.layers.Dense(2)
    first = dense(a)
    dense(b)
    assert dense.input is a and dense.output is first  # the first call, as Keras 3.15
    concat = K.layers.Concatenate()
    joined = concat([a, b])
    assert concat.input == [a, b] and concat.output is joined


def test_never_called_layers_raise_keras_errors():
    dense = K.layers.Dense(2, name="dd")
    # Keras 3.15: AttributeError "The layer dd has never been called and thus has no defined
    # input." (an eager call does not count)
    with pytest.raises(AttributeError, match="^The layer dd has never been called and thus has "
                                             "no defined input.$"):
        _ = dense.input
    dense(np.ones((1, 3), "float32"))
    with pytest.raises(AttributeError, match="^The layer dd has never been called and thus has "
                                             "no defined output.$"):
        _ = dense.output
    assert not hasattr(dense, "output")


def test_sequential_inputs_outputs_and_layer_outputs():
    seq = K.Sequential([K.Input((4,)), K.layers.Dense(3), K.layers.Dense(2)], name="sq")
    assert [t.shape.as_list() for t in seq.inputs] == [[None, 4]]
    assert [t.shape.as_list() for t in seq.outputs] == [[None, 2]]
    assert seq.layers[0].output.shape.as_list() == [None, 3]
    features = K.Model(seq.inputs, seq.layers[0].output)
    assert features(np.ones((1, 4))).shape == (1, 3)  # Keras 3.15: TensorShape([1, 3])
    # Keras 3.15: a Sequential model itself was never called on Keras tensors
    with pytest.raises(AttributeError, match="^The layer sq has never been called and thus has "
                                             "no defined input.$"):
        _ = seq.input
    inputs = K.Input((4,))
    outputs = seq(inputs)
    assert seq.input is inputs and seq.output is outputs


def test_unbuilt_sequential_has_no_inputs_or_outputs():
    seq = K.Sequential([K.layers.Dense(2)], name="lazy")
    # Keras 3.15: AttributeError "Sequential model 'lazy' has no defined inputs yet."
    with pytest.raises(AttributeError, match="^Sequential model 'lazy' has no defined inputs "
                                             "yet.$"):
        _ = seq.inputs
    with pytest.raises(AttributeError, match="^Sequential model 'lazy' has no defined outputs "
                                             "yet.$"):
        _ = seq.outputs
    seq(np.ones((2, 4), "float32"))
    # Keras 3.15: built on the call's shape, (2, 4) -> (2, 2)
    assert seq.inputs[0].shape.as_list() == [2, 4] and seq.outputs[0].shape.as_list() == [2, 2]


def test_functional_model_input_structures():
    inputs = K.Input((3,))
    model = K.Model(inputs, [K.layers.Dense(1)(inputs), K.layers.Dense(2)(inputs)])
    assert model.input is inputs and model.inputs == [inputs]
    assert isinstance(model.output, list) and len(model.outputs) == 2
    named = {"a": K.Input((3,), name="a")}
    model = K.Model(named, K.layers.Dense(1)(named["a"]))
    assert model.input == named and model.inputs == [named["a"]]
