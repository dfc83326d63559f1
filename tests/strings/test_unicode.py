"""Unicode in `tf.strings` (A3.5): lengths, decoding (ragged), encoding, splitting into
characters and transcoding, with TF 2.21's outputs for valid and invalid input."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.ragged.ragged_tensor import RaggedTensor

WORDS = ["Café", "Coffee", "caffè", "咖啡"]
CODES = [[67, 97, 102, 233], [67, 111, 102, 102, 101, 101], [99, 97, 102, 102, 232],
         [21654, 21857]]


def test_cafe_length_decode_encode_A3_5():
    b = tf.strings.unicode_encode(tf.constant([99, 97, 102, 233]), "UTF-8")
    assert b.numpy() == b"caf\xc3\xa9"
    assert tf.strings.length(b).numpy() == 5
    assert tf.strings.length(b, unit="UTF8_CHAR").numpy() == 4
    u = tf.strings.unicode_decode(b, "UTF-8")
    assert u.dtype is tf.int32
    np.testing.assert_array_equal(u, [99, 97, 102, 233])


def test_words_length_and_ragged_decode_A3_5():
    p = tf.constant(WORDS)
    np.testing.assert_array_equal(tf.strings.length(p, unit="UTF8_CHAR"), [4, 6, 5, 2])
    r = tf.strings.unicode_decode(p, "UTF8")
    assert isinstance(r, RaggedTensor) and r.to_list() == CODES
    assert repr(r) == ("<tf.RaggedTensor [[67, 97, 102, 233], [67, 111, 102, 102, 101, 101],\n"
                       " [99, 97, 102, 102, 232], [21654, 21857]]>")
    np.testing.assert_array_equal(r.row_splits, [0, 4, 10, 15, 17])
    assert tf.strings.unicode_encode(r, "UTF-8").numpy().tolist() == \
        [w.encode() for w in WORDS]


def test_decode_of_a_matrix_and_of_a_ragged_tensor():
    grid = tf.strings.unicode_decode(tf.constant([["a", "bc"], ["", "d"]]), "UTF-8")
    assert grid.to_list() == [[[97], [98, 99]], [[], [100]]]
    nested = tf.strings.unicode_decode(tf.ragged.constant([["a", "bc"], []]), "UTF-8")
    assert nested.to_list() == [[[97], [98, 99]], []]


@pytest.mark.parametrize("kwargs, expected", [
    ({}, [[65533], [97, 65533], [65533, 97], [65533, 65533, 65533]]),
    ({"errors": "ignore"}, [[], [97], [97], []]),
    ({"replacement_char": 63}, [[63], [97, 63], [63, 97], [63, 63, 63]]),
])
def test_invalid_utf8_follows_the_error_policy(kwargs, expected):
    bad = tf.constant([b"\xff", b"a\xc3", b"\xe5\x92a", b"\xf0\x80\x80"])
    assert tf.strings.unicode_decode(bad, "UTF-8", **kwargs).to_list() == expected


def test_strict_decoding_and_bad_encoding_names_raise():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid formatting on input"):
        tf.strings.unicode_decode(tf.constant([b"\xff"]), "UTF-8", errors="strict")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Could not create converter"):
        tf.strings.unicode_decode(tf.constant(["é"]), "FOO")
    with pytest.raises(tf.errors.InvalidArgumentError, match="replacement_char out of"):
        tf.strings.unicode_decode(tf.constant(["é"]), "UTF-8", replacement_char=-1)


def test_other_encodings_and_control_characters():
    p = tf.constant(["Café", "咖啡"])
    assert tf.strings.unicode_decode(p, "UTF-16-BE").to_list() == \
        [[17249, 26307, 65533], [58770, 38629, 38305]]
    assert tf.strings.unicode_decode(tf.constant(["é"]), "ISO-8859-1").to_list() == [[195, 169]]
    assert tf.strings.unicode_decode(tf.constant(["é"]), "US-ASCII").to_list() == \
        [[65533, 65533]]
    control = tf.constant([b"a\x01\x1f\x7f\x80"])
    assert tf.strings.unicode_decode(control, "UTF-8", replace_control_characters=True) \
        .to_list() == [[97, 65533, 65533, 127, 65533]]
    emoji = tf.constant(["a\U0001F600b".encode("utf-16-be")])
    chars, offsets = tf.strings.unicode_decode_with_offsets(emoji, "UTF-16-BE")
    assert chars.to_list() == [[97, 128512, 98]] and offsets.to_list() == [[0, 2, 6]]


def test_decode_with_offsets_counts_bytes():
    chars, offsets = tf.strings.unicode_decode_with_offsets(tf.constant(WORDS), "UTF-8")
    assert chars.to_list() == CODES
    assert offsets.to_list() == [[0, 1, 2, 3], [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4], [0, 3]]


def test_encode_rows_encodings_and_invalid_code_points():
    rows = tf.strings.unicode_encode(tf.ragged.constant([[99, 97], [233]]), "UTF-8")
    assert rows.numpy().tolist() == [b"ca", b"\xc3\xa9"]
    padded = tf.strings.unicode_encode([[99, 97], [233, 0]], "UTF-8")
    assert padded.numpy().tolist() == [b"ca", b"\xc3\xa9\x00"]
    assert tf.strings.unicode_encode(tf.constant([99, 97]), "UTF-16-BE").numpy() == \
        b"\x00c\x00a"
    bad = tf.constant([99, -1, 0x110000])
    assert tf.strings.unicode_encode(bad, "UTF-8").numpy() == b"c\xef\xbf\xbd\xef\xbf\xbd"
    assert tf.strings.unicode_encode(bad, "UTF-8", errors="ignore").numpy() == b"c"
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of range for Unicode"):
        tf.strings.unicode_encode(bad, "UTF-8", errors="strict")
    with pytest.raises(tf.errors.InvalidArgumentError, match="was expected to be a int32"):
        tf.strings.unicode_encode(tf.constant([99, 97], tf.int64), "UTF-8")
    with pytest.raises(tf.errors.InvalidArgumentError, match="output_encoding"):
        tf.strings.unicode_encode([233], "latin1")


def test_unicode_split_and_transcode():
    split = tf.strings.unicode_split(tf.constant(WORDS), "UTF-8")
    assert split.to_list()[0] == [b"C", b"a", b"f", b"\xc3\xa9"]
    np.testing.assert_array_equal(split.row_splits, [0, 4, 10, 15, 17])
    assert tf.strings.unicode_split("café", "UTF-8").numpy().tolist() == \
        [b"c", b"a", b"f", b"\xc3\xa9"]
    invalid = tf.strings.unicode_split(tf.constant([b"a\xff"]), "UTF-8")
    assert invalid.to_list() == [[b"a", b"\xef\xbf\xbd"]]
    utf16 = tf.strings.unicode_transcode(tf.constant(WORDS), "UTF-8", "UTF-16-BE")
    assert utf16.numpy()[3] == b"T\x96Ua"
    fixed = tf.strings.unicode_transcode(tf.constant([b"a\xffb"]), "UTF-8", "UTF-8")
    assert fixed.numpy().tolist() == [b"a\xef\xbf\xbdb"]
    assert tf.strings.unicode_transcode(tf.constant([b"a\xff"]), "UTF-8", "UTF-8",
                                        replacement_char=63).numpy().tolist() == [b"a?"]
