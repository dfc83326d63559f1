"""`tf.concat` on ragged tensors (A3.3: axis 0 appends rows, axis 1 appends row by row),
`tf.ragged.stack` and `tf.ragged.boolean_mask`; the book's example, checked on TF 2.21."""

import numpy as np
import pytest

import tensorlet as tf

WORDS = ["Café", "Coffee", "caffè", "咖啡"]


def test_book_example_concat_and_to_tensor_A3_3():
    r = tf.strings.unicode_decode(tf.constant(WORDS), "UTF8")
    r2 = tf.ragged.constant([[65, 66], [], [67]])
    assert repr(tf.concat([r, r2], axis=0)) == (
        "<tf.RaggedTensor [[67, 97, 102, 233], [67, 111, 102, 102, 101, 101],\n"
        " [99, 97, 102, 102, 232], [21654, 21857], [65, 66], [], [67]]>")
    r3 = tf.ragged.constant([[68, 69, 70], [71], [], [72, 73]])
    assert repr(tf.concat([r, r3], axis=1)) == (
        "<tf.RaggedTensor [[67, 97, 102, 233, 68, 69, 70], [67, 111, 102, 102, 101, 101, 71],\n"
        " [99, 97, 102, 102, 232], [21654, 21857, 72, 73]]>")
    dense = r.to_tensor()
    assert dense.shape == (4, 6)
    np.testing.assert_array_equal(dense[3], [21654, 21857, 0, 0, 0, 0])


def test_concat_axis_variants():
    r = tf.ragged.constant([[1.0, 2.0, 3.0], [4.0], [], [5.0, 6.0]])
    assert tf.concat([r, tf.constant([[7.0, 8.0]])], axis=0).to_list()[-1] == [7.0, 8.0]
    assert tf.concat([r, r], axis=-1).to_list() == \
        [[1.0, 2.0, 3.0, 1.0, 2.0, 3.0], [4.0, 4.0], [], [5.0, 6.0, 5.0, 6.0]]
    assert tf.concat([r], axis=0).to_list() == r.to_list()
    r3 = tf.ragged.constant([[[1, 2], [3]], [[4]]])
    assert tf.concat([r3, r3], axis=2).to_list() == [[[1, 2, 1, 2], [3, 3]], [[4, 4]]]
    assert tf.concat([r3, r3], axis=1).to_list() == [[[1, 2], [3], [1, 2], [3]], [[4], [4]]]


@pytest.mark.parametrize("values, axis, error, message", [
    (lambda r: [r, tf.ragged.constant([[1.0]])], 1, "InvalidArgumentError",
     "incompatible shapes"),
    (lambda r: [r, tf.ragged.constant([[1]])], 0, "InvalidArgumentError",
     "cannot compute ConcatV2 as input #1"),
    (lambda r: [r, r], 2, "ValueError", r"axis=2 out of bounds: expected -2<=axis<2"),
])
def test_concat_errors(values, axis, error, message):
    r = tf.ragged.constant([[1.0, 2.0, 3.0], [4.0], [], [5.0, 6.0]])
    cls = getattr(tf.errors, error, None) or ValueError
    with pytest.raises(cls, match=message):
        tf.concat(values(r), axis=axis)


def test_concat_of_plain_tensors_is_unchanged():
    a = tf.constant([[1, 2]])
    np.testing.assert_array_equal(tf.concat([a, a], axis=0), [[1, 2], [1, 2]])
    with pytest.raises(ValueError, match="unsupported type"):
        tf.concat([a, object()], axis=0)


def test_stack():
    r = tf.ragged.constant([[1, 2], [3]])
    assert tf.ragged.stack([r, r]).to_list() == [[[1, 2], [3]], [[1, 2], [3]]]
    assert tf.ragged.stack([r, r], axis=1).to_list() == [[[1, 2], [1, 2]], [[3], [3]]]


def test_boolean_mask():
    dense = tf.ragged.boolean_mask(tf.constant([[1, 2], [3, 4]]),
                                   tf.constant([[True, False], [True, True]]))
    assert dense.to_list() == [[1], [3, 4]]
    r = tf.ragged.constant([[1.0, 2.0, 3.0], [4.0], [], [5.0, 6.0]])
    assert tf.ragged.boolean_mask(r, r > 2).to_list() == [[3.0], [4.0], [], [5.0, 6.0]]
    assert tf.ragged.boolean_mask(r, tf.constant([True, False, True, True])).to_list() == \
        [[1.0, 2.0, 3.0], [], [5.0, 6.0]]
    np.testing.assert_array_equal(
        tf.ragged.boolean_mask(tf.constant([1, 2, 3]), tf.constant([True, False, True])), [1, 3])
