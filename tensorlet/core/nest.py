"""`tf.nest`: flatten and rebuild nested lists, tuples, namedtuples and dicts.

Dicts are flattened in sorted key order, as in TF; every other object is a leaf.
"""

from __future__ import annotations

__all__ = ["flatten", "pack_sequence_as", "map_structure", "is_nested"]


def is_nested(structure) -> bool:
    """True for lists, tuples (namedtuples too) and dicts.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.is_nested([1, 2]), tf.nest.is_nested(3)
        (True, False)
    """
    return isinstance(structure, (list, tuple, dict))


def _children(structure) -> list:
    if isinstance(structure, dict):
        return [structure[k] for k in _sorted_keys(structure)]
    return list(structure)


def _sorted_keys(d: dict) -> list:
    try:
        return sorted(d)
    except TypeError:
        return list(d)


def flatten(structure, expand_composites=False) -> list:
    """Returns the leaves of `structure` in order.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.flatten({"b": [1, 2], "a": 3})
        [3, 1, 2]
    """
    if not is_nested(structure):
        return [structure]
    out = []
    for child in _children(structure):
        out.extend(flatten(child))
    return out


def _rebuild(structure, children: list):
    if isinstance(structure, dict):
        keyed = dict(zip(_sorted_keys(structure), children))
        return type(structure)((k, keyed[k]) for k in structure)
    if isinstance(structure, tuple) and hasattr(structure, "_fields"):
        return type(structure)(*children)
    return type(structure)(children)


def _pack(structure, leaves, start: int):
    if not is_nested(structure):
        return leaves[start], start + 1
    children = []
    for child in _children(structure):
        packed, start = _pack(child, leaves, start)
        children.append(packed)
    return _rebuild(structure, children), start


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """Rebuilds `structure` with the leaves of `flat_sequence`.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.pack_sequence_as({"b": [0, 0], "a": 0}, [3, 1, 2])
        {'b': [1, 2], 'a': 3}
    """
    flat_sequence = list(flat_sequence)
    expected = len(flatten(structure))
    if expected != len(flat_sequence):
        raise ValueError(f"Could not pack sequence. Structure had {expected} atoms, but "
                         f"flat_sequence had {len(flat_sequence)} items.")
    packed, _ = _pack(structure, flat_sequence, 0)
    return packed


def map_structure(func, *structures, **kwargs):
    """Applies `func` to the matching leaves of the structures.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.map_structure(lambda x: x * 2, [1, (2, 3)])
        [2, (4, 6)]
    """
    if not structures:
        raise ValueError("Must provide at least one structure")
    flats = [flatten(s) for s in structures]
    for f in flats[1:]:
        if len(f) != len(flats[0]):
            raise ValueError("The two structures don't have the same number of elements.")
    return pack_sequence_as(structures[0], [func(*leaves) for leaves in zip(*flats)])
