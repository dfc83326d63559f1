"""`tf.nest`: flatten and rebuild nested lists, tuples, namedtuples and dicts.

Mappings are flattened in sorted key order, as in TF (and rebuilt in their own key order);
every other object, strings and arrays included, is a leaf.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

__all__ = ["flatten", "pack_sequence_as", "map_structure", "is_nested", "assert_same_structure"]


def is_nested(structure) -> bool:
    """True for lists, tuples (namedtuples too) and mappings.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.is_nested([1, 2]), tf.nest.is_nested(3)
        (True, False)
    """
    return isinstance(structure, (list, tuple, Mapping))


def _children(structure) -> list:
    if isinstance(structure, Mapping):
        return [structure[k] for k in sorted(structure)]
    return list(structure)


def _components(leaf):
    """The component tensors of a composite leaf (one with a `_type_spec`), or None."""
    spec = getattr(type(leaf), "_type_spec", None)
    if spec is None:
        return None
    spec = leaf._type_spec
    return spec, spec._to_components(leaf)


def flatten(structure, expand_composites=False) -> list:
    """Returns the leaves of `structure` in order (mappings by sorted key).

    Raises:
        TypeError: when a mapping's keys cannot be sorted.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.flatten({"b": [1, 2], "a": 3})
        [3, 1, 2]
    """
    if not is_nested(structure):
        found = _components(structure) if expand_composites else None
        return [structure] if found is None else list(found[1])
    out = []
    for child in _children(structure):
        out.extend(flatten(child, expand_composites))
    return out


def _rebuild(structure, children: list):
    if isinstance(structure, Mapping):
        keyed = dict(zip(sorted(structure), children))
        if isinstance(structure, defaultdict):
            result = type(structure)(structure.default_factory)
            result.update((k, keyed[k]) for k in structure)
            return result
        return type(structure)((k, keyed[k]) for k in structure)
    if isinstance(structure, tuple) and hasattr(structure, "_fields"):
        return type(structure)(*children)
    return type(structure)(children)


def _pack(structure, leaves, start: int, expand: bool = False):
    if not is_nested(structure):
        found = _components(structure) if expand else None
        if found is not None:
            n = len(found[1])
            return found[0]._from_components(list(leaves[start:start + n])), start + n
        return leaves[start], start + 1
    children = []
    for child in _children(structure):
        packed, start = _pack(child, leaves, start, expand)
        children.append(packed)
    return _rebuild(structure, children), start


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """Rebuilds `structure` with the leaves of `flat_sequence`.

    Raises:
        TypeError: when `flat_sequence` is not a sequence.
        ValueError: when the number of leaves differs.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.pack_sequence_as({"b": [0, 0], "a": 0}, [3, 1, 2])
        {'b': [1, 2], 'a': 3}
    """
    if not is_nested(flat_sequence):
        raise TypeError(f"Attempted to pack value:\n  {flat_sequence}\ninto a structure, but "
                        f"found incompatible type `{type(flat_sequence)}` instead.")
    flat_sequence = list(flat_sequence)
    if expand_composites:
        expected = len(flatten(structure, True))
        if expected != len(flat_sequence):
            raise ValueError(f"Could not pack sequence. Structure had {expected} atoms, but "
                             f"flat_sequence had {len(flat_sequence)} items.")
        return _pack(structure, flat_sequence, 0, True)[0]
    if not is_nested(structure):
        if len(flat_sequence) != 1:
            raise ValueError(
                f"The target structure is of type `{type(structure)}`\n  {structure}\nHowever "
                f"the input is a sequence ({type(flat_sequence)}) of length "
                f"{len(flat_sequence)}.\n  {flat_sequence}\nnest cannot guarantee that it is "
                f"safe to map one to the other.")
        return flat_sequence[0]
    expected = len(flatten(structure))
    if expected != len(flat_sequence):
        raise ValueError(f"Could not pack sequence. Structure had {expected} atoms, but "
                         f"flat_sequence had {len(flat_sequence)} items.  Structure: "
                         f"{structure}, flat_sequence: {flat_sequence}.")
    return _pack(structure, flat_sequence, 0)[0]


class _Dot:
    """A leaf placeholder printed as `.`, to show a structure's skeleton in errors."""

    def __repr__(self) -> str:
        return "."


def _skeleton(x) -> str:
    return str(_pack(x, [_Dot()] * len(flatten(x)), 0)[0])


def _describe(x) -> str:
    return f"type={type(x).__name__} str={x}"


def _same_type(a, b) -> bool:
    if type(a) is type(b) or (isinstance(a, Mapping) and isinstance(b, Mapping)):
        return True
    fields = getattr(a, "_fields", None)
    return (fields is not None and fields == getattr(b, "_fields", None)
            and type(a).__name__ == type(b).__name__)


def _mismatch(a, b, check_types: bool) -> Exception | None:
    """Why `a` and `b` differ in structure (the error to raise), or None."""
    if is_nested(a) != is_nested(b):
        seq, leaf = (a, b) if is_nested(a) else (b, a)
        return ValueError(f'Substructure "{_describe(seq)}" is a sequence, while substructure '
                          f'"{_describe(leaf)}" is not')
    if not is_nested(a):
        return None
    if check_types and not _same_type(a, b):
        return TypeError(f"The two namedtuples don't have the same sequence type. First "
                         f"structure {_describe(a)} has type {type(a).__name__}, while second "
                         f"structure {_describe(b)} has type {type(b).__name__}")
    if isinstance(a, Mapping) and isinstance(b, Mapping) and set(a) != set(b):
        return ValueError(f"The two dictionaries don't have the same set of keys. First "
                          f"structure has keys {_describe(sorted(a))}, while second structure "
                          f"has keys {_describe(sorted(b))}")
    if len(a) != len(b):
        return ValueError(f"The two structures don't have the same number of elements. First "
                          f"structure: {_describe(a)}. Second structure: {_describe(b)}")
    for x, y in zip(_children(a), _children(b)):
        error = _mismatch(x, y, check_types)
        if error is not None:
            return error
    return None


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False) -> None:
    """Raises when two structures differ in nesting, length, keys or (optionally) types.

    Raises:
        ValueError: for a different nesting, length or set of keys.
        TypeError: for different sequence types (list vs tuple) when `check_types`.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.assert_same_structure([1, (2, 3)], ["a", ("b", "c")])
    """
    error = _mismatch(nest1, nest2, check_types)
    if error is not None:
        raise type(error)(f"The two structures don't have the same nested structure.\n\n"
                          f"First structure: {_describe(nest1)}\n\nSecond structure: "
                          f"{_describe(nest2)}\n\nMore specifically: {error}\nEntire first "
                          f"structure:\n{_skeleton(nest1)}\nEntire second structure:\n"
                          f"{_skeleton(nest2)}")


def map_structure(func, *structures, **kwargs):
    """Applies `func` to the matching leaves of the structures.

    Args:
        func: called with one leaf from each structure.
        *structures: structures of the same nesting.
        **kwargs: `check_types` (default True: list and tuple differ) and `expand_composites`.

    Example:
        >>> import tensorlet as tf
        >>> tf.nest.map_structure(lambda x: x * 2, [1, (2, 3)])
        [2, (4, 6)]
    """
    if not structures:
        raise ValueError("Must provide at least one structure")
    check_types = kwargs.pop("check_types", True)
    kwargs.pop("expand_composites", None)
    if kwargs:
        raise ValueError(f"Only valid keyword arguments are `check_types` and "
                         f"`expand_composites`, not: `{'`, `'.join(kwargs)}`")
    for other in structures[1:]:
        assert_same_structure(structures[0], other, check_types=check_types)
    flats = [flatten(s) for s in structures]
    return pack_sequence_as(structures[0], [func(*leaves) for leaves in zip(*flats)])
