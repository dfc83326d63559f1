"""`tf.data.experimental`: the constants and helpers TF still keeps here."""

from __future__ import annotations

from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY
from .iterator import Optional

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Optional", "cardinality",
           "get_single_element", "enumerate_dataset", "unbatch", "take_while"]


def cardinality(dataset):
    """`dataset.cardinality()` (TF's older spelling)."""
    return dataset.cardinality()


def get_single_element(dataset):
    """The only element of `dataset`."""
    return dataset.get_single_element()


def enumerate_dataset(start=0):
    """A transformation for `Dataset.apply` that enumerates the elements."""
    return lambda dataset: dataset.enumerate(start)


def unbatch():
    """A transformation for `Dataset.apply` that unbatches the elements."""
    return lambda dataset: dataset.unbatch()


def take_while(predicate):
    """A transformation for `Dataset.apply`: elements until `predicate` is False."""
    return lambda dataset: dataset.take_while(predicate)
