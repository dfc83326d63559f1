"""Fixtures shared by the op tests."""

import pytest

from tensorlet.core.context import set_debug_checks


@pytest.fixture
def no_debug_checks():
    """The conftest runs every shape rule; here the kernels must catch bad input themselves."""
    set_debug_checks(False)
    yield
    set_debug_checks(True)
