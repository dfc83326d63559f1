"""Every layer family's `__all__` is exported by `tf.keras.layers`."""

import importlib

import pytest

import tensorlet as tf

FAMILIES = ["core", "reshaping", "merging", "regularization", "normalization", "preprocessing",
            "activation"]


@pytest.mark.parametrize("family", FAMILIES)
def test_family_names_are_exported_by_keras_layers(family):
    module = importlib.import_module(f"tensorlet.keras.layers.{family}")
    assert module.__all__
    for name in module.__all__:
        assert getattr(tf.keras.layers, name) is getattr(module, name)


def test_b2_layers_are_all_present():
    names = ["Dense", "Activation", "Flatten", "Reshape", "Lambda", "Concatenate", "Add",
             "Multiply", "Dropout", "AlphaDropout", "GaussianNoise", "BatchNormalization",
             "LayerNormalization", "Normalization", "ReLU", "LeakyReLU", "PReLU", "Embedding"]
    for name in names:
        assert issubclass(getattr(tf.keras.layers, name), tf.keras.layers.Layer)
