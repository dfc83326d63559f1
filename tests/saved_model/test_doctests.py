"""The `Example:` doctests of `tf.saved_model` pass."""

import doctest
import importlib

import pytest

MODULES = ["tensorlet.saved_model.save", "tensorlet.saved_model.load",
           "tensorlet.saved_model.export", "tensorlet.saved_model.file_format"]


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_pass(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0, f"{result.failed} failed in {module_name}"
