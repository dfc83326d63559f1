"""`tf.strings` text ops (A3.5): split (ragged), join, reduce_join, substr, case, strip and
regular expressions, with TF 2.21's outputs."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ragged.ragged_tensor import RaggedTensor

TEXT = tf.constant(["hello world", "a  b ", "", "x"])


@pytest.mark.parametrize("kwargs, expected", [
    ({}, [[b"hello", b"world"], [b"a", b"b"], [], [b"x"]]),
    ({"sep": " "}, [[b"hello", b"world"], [b"a", b"", b"b", b""], [b""], [b"x"]]),
    ({"sep": " ", "maxsplit": 1}, [[b"hello", b"world"], [b"a", b" b "], [b""], [b"x"]]),
    ({"maxsplit": 1}, [[b"hello", b"world"], [b"a", b"b "], [], [b"x", b""]]),
    ({"sep": "ll"}, [[b"he", b"o world"], [b"a  b "], [b""], [b"x"]]),
    ({"sep": ""}, [[b"hello", b"world"], [b"a", b"b"], [], [b"x"]]),
])
def test_split_is_ragged_A3_5(kwargs, expected):
    out = tf.strings.split(TEXT, **kwargs)
    assert isinstance(out, RaggedTensor) and out.to_list() == expected


@pytest.mark.parametrize("text, maxsplit, expected", [
    ("x", 1, [b"x", b""]), ("x", 2, [b"x"]), (" ab", 0, [b" ab"]), ("", 0, [b""]),
    ("a b", 2, [b"a", b"b", b""]), (" a  b  c ", 2, [b"a", b"b", b"c "]), (" ", 1, []),
])
def test_split_whitespace_maxsplit_quirks(text, maxsplit, expected):
    assert tf.strings.split(tf.constant(text), maxsplit=maxsplit).numpy().tolist() == expected


def test_split_shapes():
    assert tf.strings.split(tf.constant("a,b,,c"), ",").numpy().tolist() == \
        [b"a", b"b", b"", b"c"]
    assert tf.strings.split(tf.constant("a,b,,c"), ",", maxsplit=2).numpy().tolist() == \
        [b"a", b"b", b",c"]
    assert tf.strings.split(tf.constant([["a b", "c"]])).to_list() == [[[b"a", b"b"], [b"c"]]]
    assert tf.strings.split(tf.ragged.constant([["a b"], []])).to_list() == [[[b"a", b"b"]], []]
    assert tf.strings.bytes_split(["ab", "c"]).to_list() == [[b"a", b"b"], [b"c"]]


def test_join_and_reduce_join():
    assert tf.strings.join(["a", "b"]).numpy() == b"ab"
    assert tf.strings.join([tf.constant(["a", "b"]), "x"], separator="-").numpy().tolist() == \
        [b"a-x", b"b-x"]
    assert tf.strings.join([]).numpy() == b""
    grid = tf.constant([["a", "b"], ["c", "d"]])
    assert tf.strings.reduce_join(grid).numpy() == b"abcd"
    assert tf.strings.reduce_join(grid, axis=1, separator="-").numpy().tolist() == \
        [b"a-b", b"c-d"]
    assert tf.strings.reduce_join(grid, axis=-1).numpy().tolist() == [b"ab", b"cd"]
    assert tf.strings.reduce_join(grid, axis=0, keepdims=True).numpy().tolist() == \
        [[b"ac", b"bd"]]
    assert tf.strings.reduce_join(grid, axis=[0, 1], separator="|").numpy() == b"a|c|b|d"
    assert tf.strings.reduce_join(tf.constant([], tf.string)).numpy() == b""
    ragged = tf.ragged.constant([["a", "b"], ["c"]])
    assert tf.strings.reduce_join(ragged, axis=1).numpy().tolist() == [b"ab", b"c"]


def test_join_and_reduce_join_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Input shapes do not match: "
                                                             r"\[2\] vs. \[3\]"):
        tf.strings.join([tf.constant(["a", "b"]), tf.constant(["c", "d", "e"])])
    with pytest.raises(tf.errors.OutOfRangeError, match="Invalid reduction dimension 2"):
        tf.strings.reduce_join(tf.constant(["a", "b"]), axis=2)


def test_substr_bytes_and_characters():
    words = tf.constant(["hello", "hi", "héllo"])
    assert tf.strings.substr(words, 1, 3).numpy().tolist() == [b"ell", b"i", b"\xc3\xa9l"]
    assert tf.strings.substr(tf.constant(["hello", "hi"]), -2, 5).numpy().tolist() == \
        [b"lo", b"hi"]
    assert tf.strings.substr(tf.constant(["hello", "hi"]), [0, 1], [2, 1]).numpy().tolist() == \
        [b"he", b"i"]
    assert tf.strings.substr("héllo", 1, 2, unit="UTF8_CHAR").numpy() == b"\xc3\xa9l"
    assert tf.strings.substr("hello", 1, -1).numpy() == b"ello"
    assert tf.strings.substr("hello", 5, 2).numpy() == b""
    grid = tf.constant([["hello", "hi"], ["abc", "de"]])
    assert tf.strings.substr(grid, [[0], [1]], [[1], [1]]).numpy().tolist() == \
        [[b"h", b"h"], [b"b", b"e"]]


@pytest.mark.parametrize("args, message", [
    (("hello", 6, 1), "pos 6 out of range for string b'hello' at index 0"),
    (("hello", -6, 1), "pos -6 out of range for string b'hello' at index 0"),
    ((["hello", "hi"], 3, 3), "pos 3 out of range for string b'hi' at index 1"),
    ((["hello", "hi"], [0, 1, 2], 1), r"pos and len should have the same shape, got: \[3\] "
                                      r"vs. \[\]"),
])
def test_substr_errors(args, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        tf.strings.substr(*args)


def test_case_and_strip():
    assert tf.strings.upper(tf.constant(["héllo Ab"])).numpy().tolist() == [b"H\xc3\xa9LLO AB"]
    assert tf.strings.upper(tf.constant(["héllo", "ß"]), encoding="utf-8").numpy().tolist() == \
        ["HÉLLO".encode(), b"SS"]
    assert tf.strings.lower(tf.constant(["ÀÉ Ab"]), encoding="utf-8").numpy().tolist() == \
        ["àé ab".encode()]
    assert tf.strings.strip(tf.constant([" \t a b \n", "\x0b\x0cx\r"])).numpy().tolist() == \
        [b"a b", b"x"]
    assert tf.strings.upper(tf.ragged.constant([["a"], []])).to_list() == [[b"A"], []]


def test_regular_expressions():
    s = tf.constant(["hello world", "abc123", "", "héllo"])
    np.testing.assert_array_equal(tf.strings.regex_full_match(s, r"[a-z]+\d+"),
                                  [False, True, False, False])
    np.testing.assert_array_equal(tf.strings.regex_full_match(s, "h.llo"),
                                  [False, False, False, True])
    assert tf.strings.regex_replace(s, "l+", "L").numpy().tolist()[0] == b"heLo worLd"
    assert tf.strings.regex_replace(s, "l", "L", replace_global=False).numpy()[0] == \
        b"heLlo world"
    assert tf.strings.regex_replace(s, r"(\w+) (\w+)", r"\2 \1").numpy()[0] == b"world hello"
    assert tf.strings.regex_replace(s, r"\d", r"<\0>").numpy()[1] == b"abc<1><2><3>"
    assert tf.strings.regex_replace(s, "", "-").numpy()[3] == "-h-é-l-l-o-".encode()
    assert tf.strings.regex_replace(s, "o", "$").numpy()[0] == b"hell$ w$rld"
    with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid pattern: \\("):
        tf.strings.regex_full_match(s, "(")
