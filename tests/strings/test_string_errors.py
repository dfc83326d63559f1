"""Bad input to `tf.strings`: TF's error classes, and messages that name the op (TF's kernel
name) and what it got."""

import pytest

import tensorlet as tf

INTS = tf.constant([1, 2])
WORDS = tf.constant(["a"])


@pytest.mark.parametrize("call, tf_name", [
    (lambda: tf.strings.length(INTS), "StringLength"),
    (lambda: tf.strings.upper(INTS), "StringUpper"),
    (lambda: tf.strings.strip(INTS), "StringStrip"),
    (lambda: tf.strings.regex_full_match(INTS, "a"), "StaticRegexFullMatch"),
    (lambda: tf.strings.regex_replace(INTS, "a", "b"), "StaticRegexReplace"),
    (lambda: tf.strings.to_number(INTS), "StringToNumber"),
    (lambda: tf.strings.substr(INTS, 0, 1), "Substr"),
    (lambda: tf.strings.join([INTS]), "StringJoin"),
    (lambda: tf.strings.reduce_join(INTS), "ReduceJoin"),
    (lambda: tf.strings.to_hash_bucket_fast(INTS, 3), "StringToHashBucketFast"),
    (lambda: tf.strings.unicode_decode(INTS, "UTF-8"), "UnicodeDecode"),
    (lambda: tf.strings.unicode_transcode(INTS, "UTF-8", "UTF-8"), "UnicodeTranscode"),
])
def test_a_number_tensor_where_strings_are_needed(call, tf_name):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        call()
    message = str(info.value)
    assert f"cannot compute {tf_name} as input #0(zero-based) was expected to be a string " \
           f"tensor but is a int32 tensor [Op:{tf_name}]" in message


@pytest.mark.parametrize("call, error, pattern", [
    (lambda: tf.strings.unicode_decode(WORDS, "UTF-8", errors="bad"),
     tf.errors.InvalidArgumentError, "attr 'errors' of \"bad\""),
    (lambda: tf.strings.substr(WORDS, 0, 1, unit="X"), tf.errors.InvalidArgumentError,
     "attr 'unit' of \"X\""),
    (lambda: tf.strings.length(WORDS, unit="X"), tf.errors.InvalidArgumentError,
     r"attr 'unit' of \"X\" is not in the list of allowed values: \"BYTE\", \"UTF8_CHAR\" "
     r"\[Op:StringLength\]"),
    (lambda: tf.strings.upper(WORDS, encoding="latin1"), tf.errors.InvalidArgumentError,
     "only utf-8 or '' \\(no encoding\\) is supported, received latin1 \\[Op:StringUpper\\]"),
    (lambda: tf.strings.length([1, 2]), TypeError,
     r"Cannot convert \[1, 2\] to EagerTensor of dtype string"),
    (lambda: tf.strings.split(tf.constant(1)), ValueError,
     "Tensor conversion requested dtype string for Tensor with dtype int32"),
    (lambda: tf.strings.unicode_encode(tf.constant(5), "UTF-8"), ValueError,
     "rank must be at least 1"),
    (lambda: tf.strings.regex_replace(WORDS, "(", "x"), tf.errors.InvalidArgumentError,
     r"Invalid pattern: \(.*\[Op:StaticRegexReplace\]"),
])
def test_bad_attributes_and_inputs(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
