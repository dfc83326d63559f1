"""The `Example:` doctests of the control-flow ops and of `tf.autograph` pass."""

import doctest
import importlib

import pytest

import tensorlet
import tensorlet.autograph
from tensorlet.ops import control, control_while

MODULES = ["tensorlet.ops.control", "tensorlet.ops.control_while", "tensorlet.autograph"]


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_pass(module_name, monkeypatch):
    # `tf.cond` / `tf.while_loop` resolve through tensorlet's namespace lists once they are
    # listed there; until then the examples get them directly.
    for name, fn in (("cond", control.cond), ("while_loop", control_while.while_loop),
                     ("autograph", tensorlet.autograph)):
        if name not in vars(tensorlet):
            monkeypatch.setattr(tensorlet, name, fn, raising=False)
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0, f"{result.failed} failed in {module_name}"
