"""Consuming a dataset into values: `Dataset.reduce` and `get_single_element`.

Eagerly these are Python loops over the elements; while a function is traced, `reduce` becomes
one graph node that runs the loop each time the function runs (`graph_loop.py`).
"""

from __future__ import annotations

from ..core.context import state
from ..core.errors import InvalidArgumentError
from . import graph_loop, structure

__all__ = ["reduce", "single_element"]


def reduce(dataset, initial_state, reduce_func):
    """`dataset.reduce(initial_state, reduce_func)`."""
    initial = structure.normalize(initial_state, lists_as_tuples=True)
    if state.builder is not None:
        return graph_loop.for_loop(dataset, lambda s, e: reduce_func(s, e), initial)
    pack = structure.make_packer(dataset.element_spec)
    current = initial
    for leaves in dataset._iter_flat():
        new = structure.normalize(reduce_func(current, pack(leaves)), lists_as_tuples=True)
        structure.check_state(initial, new)
        current = new
    return current


def single_element(dataset):
    """The only element of `dataset`."""
    elements = iter(dataset._iter_flat())
    first = next(elements, None)
    if first is None:
        raise InvalidArgumentError(None, None, "Dataset was empty.")
    if next(elements, None) is not None:
        raise InvalidArgumentError(None, None, "Dataset had more than one element.")
    return structure.make_packer(dataset.element_spec)(first)
