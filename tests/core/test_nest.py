"""tf.nest: flatten, pack_sequence_as, map_structure and assert_same_structure as in TF."""

import collections

import numpy as np
import pytest

import tensorlet as tf

Point = collections.namedtuple("Point", "b a")


def test_flatten_sorts_dict_keys():
    assert tf.nest.flatten({"b": [1, 2], "a": 3}) == [3, 1, 2]
    assert tf.nest.flatten(collections.OrderedDict([("b", 1), ("a", 2)])) == [2, 1]
    assert tf.nest.flatten({2: "a", 1: "b"}) == ["b", "a"]


def test_flatten_keeps_namedtuple_field_order():
    assert tf.nest.flatten(Point(b=1, a=(2, 3))) == [1, 2, 3]


def test_leaves_include_none_strings_arrays_and_tensors():
    assert tf.nest.flatten(None) == [None]
    assert tf.nest.flatten("abc") == ["abc"]
    assert len(tf.nest.flatten([np.ones(3), tf.constant([1, 2])])) == 2
    assert tf.nest.flatten([[], ()]) == [] and tf.nest.flatten({}) == []


def test_unsortable_keys_raise_type_error():
    with pytest.raises(TypeError):
        tf.nest.flatten({1: "a", "b": 2})


def test_pack_sequence_as_rebuilds_dicts_in_their_own_key_order():
    packed = tf.nest.pack_sequence_as({"b": [0, 0], "a": 0}, [3, 1, 2])
    assert packed == {"b": [1, 2], "a": 3} and list(packed) == ["b", "a"]
    od = tf.nest.pack_sequence_as(collections.OrderedDict([("b", 0), ("a", 0)]), [1, 2])
    assert type(od) is collections.OrderedDict and list(od.items()) == [("b", 2), ("a", 1)]
    dd = tf.nest.pack_sequence_as(collections.defaultdict(list, {"b": 0, "a": 0}), [1, 2])
    assert dd.default_factory is list and dict(dd) == {"b": 2, "a": 1}


def test_pack_sequence_as_rebuilds_namedtuples_and_leaves():
    assert tf.nest.pack_sequence_as(Point(b=0, a=(0, 0)), [1, 2, 3]) == Point(b=1, a=(2, 3))
    assert tf.nest.pack_sequence_as(0, [5]) == 5
    assert tf.nest.pack_sequence_as((1, [2]), ["x", "y"]) == ("x", ["y"])


def test_pack_sequence_as_errors():
    with pytest.raises(ValueError, match="Structure had 2 atoms, but flat_sequence had 1 items"):
        tf.nest.pack_sequence_as([0, 0], [1])
    with pytest.raises(ValueError, match="nest cannot guarantee that it is safe"):
        tf.nest.pack_sequence_as(0, [5, 6])
    with pytest.raises(TypeError, match="Attempted to pack value"):
        tf.nest.pack_sequence_as([0, 0], 1)


def test_map_structure_over_lists_dicts_and_namedtuples():
    assert tf.nest.map_structure(lambda x: x * 2, [1, (2, 3)]) == [2, (4, 6)]
    both = tf.nest.map_structure(lambda x, y: x + y, {"b": 1, "a": 2}, {"a": 10, "b": 20})
    assert both == {"b": 21, "a": 12}
    assert tf.nest.map_structure(lambda x: x + 1, Point(b=1, a=2)) == Point(b=2, a=3)
    assert tf.nest.map_structure(lambda x: None, [1, 2]) == [None, None]


def test_map_structure_checks_that_structures_match():
    with pytest.raises(ValueError, match="don't have the same number of elements"):
        tf.nest.map_structure(lambda x, y: x, [1, 2], [1, 2, 3])
    with pytest.raises(TypeError, match="don't have the same sequence type"):
        tf.nest.map_structure(lambda x, y: x, [1, 2], (1, 2))
    assert tf.nest.map_structure(lambda x, y: x + y, [1, 2], (1, 2), check_types=False) == [2, 4]
    with pytest.raises(ValueError, match="don't have the same set of keys"):
        tf.nest.map_structure(lambda x, y: x, {"a": 1}, {"b": 1})
    with pytest.raises(ValueError, match="Must provide at least one structure"):
        tf.nest.map_structure(lambda x: x)
    with pytest.raises(ValueError, match="Only valid keyword arguments are `check_types` and "
                                         "`expand_composites`, not: `foo`"):
        tf.nest.map_structure(lambda x: x, [1], foo=1)


def test_assert_same_structure_message_shows_both_structures():
    with pytest.raises(ValueError) as info:
        tf.nest.assert_same_structure([1, [2]], [1, 2])
    message = str(info.value)
    assert message.startswith("The two structures don't have the same nested structure.")
    assert 'Substructure "type=list str=[2]" is a sequence, while substructure "type=int ' \
           'str=2" is not' in message
    assert message.endswith("Entire first structure:\n[., [.]]\nEntire second structure:\n"
                            "[., .]")


def test_assert_same_structure_accepts_matching_structures():
    tf.nest.assert_same_structure([1, (2,)], [3, (4,)])
    tf.nest.assert_same_structure({"a": 1}, collections.OrderedDict(a=1))
    tf.nest.assert_same_structure("ab", "cd")


def test_is_nested():
    assert tf.nest.is_nested([1]) and tf.nest.is_nested({}) and tf.nest.is_nested(Point(1, 2))
    assert not tf.nest.is_nested("a") and not tf.nest.is_nested(np.ones(2))
