"""AutoGraph is installed for every test here (another test may have swapped the converter)."""

import pytest

from tensorlet.graph import tracing
from tensorlet.graph.autograph import convert


@pytest.fixture(autouse=True)
def _autograph_installed():
    previous = tracing._converter["convert"]
    tracing.set_converter(convert)
    yield
    tracing.set_converter(previous)
