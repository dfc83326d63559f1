"""Case rows for tensorlet/ops/string_ops.py and _string_text_ops.py (`tf.strings`, A3.4, A3.5).

String inputs are object arrays of bytes. Ragged results are returned as their dense
components (`flat_values`, `row_splits`) so the same call runs on TensorFlow.
"""

import numpy as np

from tensorlet.testing.op_check import Case


def _s(*items):
    return np.array([i.encode() if isinstance(i, str) else i for i in items], object)


WORDS = _s("Café", "Coffee", "caffè", "咖啡")
TEXT = _s("hello world", "a  b ", "", "x")
GRID = np.array([[b"a", b"b"], [b"c", b"d"]], object)
CAFE = np.array([99, 97, 102, 233], np.int32)


def _i32(*v):
    return np.array(v, np.int32)


def _i64(*v):
    return np.array(v, np.int64)


UNICODE = [
    Case("string-length-bytes-A3.5", "string_length", lambda tf, x: tf.strings.length(x),
         (WORDS,), lambda x: _i32(5, 6, 6, 6), grad=False),
    Case("string-length-utf8-chars-A3.5", "string_length",
         lambda tf, x: tf.strings.length(x, unit="UTF8_CHAR"), (WORDS,),
         lambda x: _i32(4, 6, 5, 2), grad=False),
    Case("unicode-decode-ragged-A3.5", "unicode_decode_with_offsets",
         lambda tf, x: [tf.strings.unicode_decode(x, "UTF-8").flat_values,
                        tf.strings.unicode_decode(x, "UTF-8").row_splits], (WORDS,),
         lambda x: [_i32(67, 97, 102, 233, 67, 111, 102, 102, 101, 101, 99, 97, 102, 102, 232,
                         21654, 21857), _i64(0, 4, 10, 15, 17)], grad=False),
    Case("unicode-decode-scalar-A3.5", "unicode_decode_with_offsets",
         lambda tf, x: tf.strings.unicode_decode(x, "UTF-8"), (np.array("café".encode(), object),),
         lambda x: CAFE, grad=False),
    Case("unicode-decode-invalid-bytes-replaced", "unicode_decode_with_offsets",
         lambda tf, x: tf.strings.unicode_decode(x, "UTF-8").flat_values,
         (_s(b"a\xff", b"\xe5\x92a", b"\xf0\x80\x80"),),
         lambda x: _i32(97, 65533, 65533, 97, 65533, 65533, 65533), grad=False),
    Case("unicode-decode-with-offsets", "unicode_decode_with_offsets",
         lambda tf, x: tf.strings.unicode_decode_with_offsets(x, "UTF-8")[1].flat_values,
         (WORDS,), lambda x: _i64(0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 0, 3),
         grad=False),
    Case("unicode-decode-utf16-odd-byte", "unicode_decode_with_offsets",
         lambda tf, x: tf.strings.unicode_decode(x, "UTF-16-BE").flat_values,
         (_s("Café"),), lambda x: _i32(17249, 26307, 65533), grad=False),
    Case("unicode-encode-A3.5", "unicode_encode",
         lambda tf, u: tf.strings.unicode_encode(u, "UTF-8"), (CAFE,),
         lambda u: np.array("café".encode(), object), grad=False),
    Case("unicode-encode-rows-utf16", "unicode_encode",
         lambda tf, u: tf.strings.unicode_encode(u, "UTF-16-BE"),
         (np.array([[99, 97], [233, 0x1F600]], np.int32),),
         lambda u: _s("ca".encode("utf-16-be"), "é\U0001F600".encode("utf-16-be")), grad=False),
    Case("unicode-encode-invalid-replaced", "unicode_encode",
         lambda tf, u: tf.strings.unicode_encode(u, "UTF-8"), (_i32(99, -1, 0xD800),),
         lambda u: np.array("c\ufffd\ufffd".encode(), object), grad=False),
    Case("unicode-split-chars", "unicode_encode",
         lambda tf, x: tf.strings.unicode_split(x, "UTF-8").flat_values, (_s("né", "咖"),),
         lambda x: _s("n", "é", "咖"), grad=False, extra_ops=("unicode_decode_with_offsets",)),
    Case("unicode-transcode-utf16", "unicode_transcode",
         lambda tf, x: tf.strings.unicode_transcode(x, "UTF-8", "UTF-16-BE"), (WORDS,),
         lambda x: _s(*[w.decode().encode("utf-16-be") for w in x]), grad=False),
    Case("unicode-transcode-replaces-invalid", "unicode_transcode",
         lambda tf, x: tf.strings.unicode_transcode(x, "UTF-8", "UTF-8"), (_s(b"a\xffb"),),
         lambda x: _s("a\ufffdb"), grad=False),
]

SPLIT_JOIN = [
    Case("split-whitespace-ragged-A3.5", "string_split",
         lambda tf, x: [tf.strings.split(x).flat_values, tf.strings.split(x).row_splits],
         (TEXT,), lambda x: [_s("hello", "world", "a", "b", "x"), _i64(0, 2, 4, 4, 5)],
         grad=False),
    Case("split-sep-keeps-empty", "string_split",
         lambda tf, x: tf.strings.split(x, ",").flat_values, (_s("a,b,,c", ""),),
         lambda x: _s("a", "b", "", "c", ""), grad=False),
    Case("split-maxsplit-whitespace", "string_split",
         lambda tf, x: tf.strings.split(x, maxsplit=1).flat_values,
         (_s("a b c", "x", " ab ", ""),), lambda x: _s("a", "b c", "x", "", "ab", ""),
         grad=False),
    Case("join-broadcasts-scalars", "string_join",
         lambda tf, x: tf.strings.join([x, "!"], separator="-"), (_s("a", "bc"),),
         lambda x: _s("a-!", "bc-!"), grad=False),
    Case("reduce-join-all", "reduce_join", lambda tf, x: tf.strings.reduce_join(x), (GRID,),
         lambda x: np.array(b"abcd", object), grad=False),
    Case("reduce-join-axis-1", "reduce_join",
         lambda tf, x: tf.strings.reduce_join(x, axis=1, separator="-"), (GRID,),
         lambda x: _s("a-b", "c-d"), grad=False),
    Case("reduce-join-axis-order", "reduce_join",
         lambda tf, x: tf.strings.reduce_join(x, axis=[0, 1], separator="|"), (GRID,),
         lambda x: np.array(b"a|c|b|d", object), grad=False),
    Case("reduce-join-keepdims", "reduce_join",
         lambda tf, x: tf.strings.reduce_join(x, axis=0, keepdims=True), (GRID,),
         lambda x: np.array([[b"ac", b"bd"]], object), grad=False),
]

TEXT_OPS = [
    Case("substr-bytes", "substr", lambda tf, x: tf.strings.substr(x, 1, 3),
         (_s("hello", "hi", "héllo"),), lambda x: _s("ell", "i", "él"), grad=False),
    Case("substr-negative-pos-utf8-chars", "substr",
         lambda tf, x: tf.strings.substr(x, -4, 2, unit="UTF8_CHAR"), (_s("héllo"),),
         lambda x: _s("él"), grad=False),
    Case("substr-negative-len-takes-the-rest", "substr",
         lambda tf, x: tf.strings.substr(x, 1, -1), (_s("hello", "hé"),),
         lambda x: _s("ello", "é"), grad=False),
    Case("substr-vector-pos", "substr",
         lambda tf, x, p, n: tf.strings.substr(x, p, n), (_s("hello", "hi"), _i32(0, 1),
                                                          _i32(2, 1)),
         lambda x, p, n: _s("he", "i"), grad=False),
    Case("upper-ascii", "string_upper", lambda tf, x: tf.strings.upper(x), (_s("héllo Ab"),),
         lambda x: _s("HéLLO AB"), grad=False),
    Case("upper-utf8", "string_upper", lambda tf, x: tf.strings.upper(x, encoding="utf-8"),
         (_s("héllo", "ß"),), lambda x: _s("HÉLLO", "SS"), grad=False),
    Case("lower-utf8", "string_lower", lambda tf, x: tf.strings.lower(x, encoding="utf-8"),
         (_s("ÀÉ Ab"),), lambda x: _s("àé ab"), grad=False),
    Case("strip-ascii-whitespace", "string_strip", lambda tf, x: tf.strings.strip(x),
         (_s(" \t a b \n", "\x0b\x0cx\r"),), lambda x: _s("a b", "x"), grad=False),
    Case("regex-full-match", "regex_full_match",
         lambda tf, x: tf.strings.regex_full_match(x, r"h.llo.*"),
         (_s("hello world", "abc123", "", "héllo"),),
         lambda x: np.array([True, False, False, True]), grad=False),
    Case("regex-replace-groups", "regex_replace",
         lambda tf, x: tf.strings.regex_replace(x, r"(\w+) (\w+)", r"\2 \1"),
         (_s("hello world", "abc"),), lambda x: _s("world hello", "abc"), grad=False),
    Case("regex-replace-first-only", "regex_replace",
         lambda tf, x: tf.strings.regex_replace(x, "l", "L", replace_global=False),
         (_s("hello", "héllo"),), lambda x: _s("heLlo", "héLlo"), grad=False),
]

NUMBERS = [
    Case("to-number-float32", "string_to_number", lambda tf, x: tf.strings.to_number(x),
         (_s("1.5", "-2", "1e3", " 3", "inf", "0x10", ".5"),),
         lambda x: np.array([1.5, -2, 1000, 3, np.inf, 16, 0.5], np.float32), grad=False),
    Case("to-number-int64", "string_to_number",
         lambda tf, x: tf.strings.to_number(x, out_type=tf.int64),
         (_s("99999999999", "+4", "-0"),), lambda x: _i64(99999999999, 4, 0), grad=False),
    Case("as-string-float-default", "as_string", lambda tf, x: tf.strings.as_string(x),
         (np.array([1.5, 1e10, -0.0, np.nan], np.float32),),
         lambda x: _s("1.500000", "10000000000.000000", "-0.000000", "nan"), grad=False),
    Case("as-string-int-width-fill", "as_string",
         lambda tf, x: tf.strings.as_string(x, width=5, fill="0"), (_i32(7, -7),),
         lambda x: _s("00007", "-0007"), grad=False),
    Case("as-string-shortest-and-bool", "as_string",
         lambda tf, x, b: [tf.strings.as_string(x, shortest=True), tf.strings.as_string(b)],
         (np.array([1.5, 1234567.0], np.float32), np.array([True, False])),
         lambda x, b: [_s("1.5", "1.23457e+06"), _s("true", "false")], grad=False),
    Case("format-summarizes", "string_format",
         lambda tf, x, y: tf.strings.format("x={} y={}", (x, y)),
         (np.array(1, np.int32), np.arange(10, dtype=np.int32)),
         lambda x, y: np.array(b"x=1 y=[0 1 2 ... 7 8 9]", object), grad=False),
    Case("format-floats-and-strings", "string_format",
         lambda tf, x, y: tf.strings.format("{} {}", [x, y]),
         (np.array([0.1, 1 / 3, 123456789.0], np.float32), _s("a", "é")),
         lambda x, y: np.array('[0.1 0.333333343 123456792] ["a" "é"]'.encode(), object),
         grad=False),
    Case("hash-bucket-fast-farmhash", "string_to_hash_bucket_fast",
         lambda tf, x: tf.strings.to_hash_bucket_fast(x, 1000),
         (_s("hello", "world", "", "café", "a" * 100),), lambda x: _i64(296, 598, 263, 587, 618),
         grad=False),
]

CASES = [*UNICODE, *SPLIT_JOIN, *TEXT_OPS, *NUMBERS]
