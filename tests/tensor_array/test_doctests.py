"""The `Example:` doctests of tensorlet.tensor_array pass."""

import doctest
import importlib
import pkgutil

import pytest

import tensorlet.tensor_array


def _modules():
    for package in (tensorlet.tensor_array,):
        yield package.__name__
        for info in pkgutil.iter_modules(package.__path__):
            yield f"{package.__name__}.{info.name}"


@pytest.mark.parametrize("module_name", sorted(_modules()))
def test_docstring_examples_pass(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {module_name}"
