"""Shared fixtures: a seeded NumPy generator, and shape-rule checks on for every test."""

import numpy as np
import pytest

from tensorlet.core.context import set_debug_checks


@pytest.fixture(autouse=True)
def _shape_rule_checks():
    """Every eager op in a test also checks its shape rule against its kernel's output."""
    set_debug_checks(True)
    yield
    set_debug_checks(False)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
