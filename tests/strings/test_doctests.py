"""The `Example:` doctests of tensorlet.strings, tensorlet.ragged and the string op kernels
pass."""

import doctest
import importlib
import pkgutil

import pytest

import tensorlet.core.overrides
import tensorlet.ops._farmhash
import tensorlet.ragged
import tensorlet.strings


def _modules():
    yield tensorlet.core.overrides.__name__
    yield tensorlet.ops._farmhash.__name__
    for package in (tensorlet.ragged, tensorlet.strings):
        yield package.__name__
        for info in pkgutil.iter_modules(package.__path__):
            yield f"{package.__name__}.{info.name}"


@pytest.mark.parametrize("module_name", sorted(_modules()))
def test_docstring_examples_pass(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {module_name}"
