"""Dataset sources (B10, issue #7 item 7): from_tensor_slices, from_tensors, range,
from_generator, zip, concatenate, with TF 2.21's element specs, dtypes and errors."""

import collections

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError, UnknownError
from tensorlet.data import Dataset

D = Dataset


def values(ds):
    return list(ds.as_numpy_iterator())


def test_from_tensor_slices_array_gives_rows_as_tensors_B10():
    ds = D.from_tensor_slices(np.arange(6, dtype=np.float32).reshape(3, 2))
    elements = list(ds)
    assert all(isinstance(e, tf.Tensor) for e in elements)
    assert [e.numpy().tolist() for e in elements] == [[0, 1], [2, 3], [4, 5]]
    assert ds.element_spec == tf.TensorSpec([2], tf.float32)


def test_from_tensor_slices_python_lists_use_tf_dtypes_B10():
    assert D.from_tensor_slices([1, 2, 3]).element_spec == tf.TensorSpec([], tf.int32)
    assert D.from_tensor_slices([1., 2.]).element_spec == tf.TensorSpec([], tf.float32)
    assert D.from_tensor_slices(["a", "b"]).element_spec == tf.TensorSpec([], tf.string)
    assert values(D.from_tensor_slices(["a", "b"])) == [b"a", b"b"]
    # a list of tuples is one tensor (TF converts lists), a tuple is a structure
    assert D.from_tensor_slices([(1, 2), (3, 4)]).element_spec == tf.TensorSpec([2], tf.int32)


def test_from_tensor_slices_tuple_dict_and_nested_structures_B10():
    ds = D.from_tensor_slices(([1, 2], [3., 4.]))
    assert ds.element_spec == (tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.float32))
    assert [(int(a), float(b)) for a, b in ds] == [(1, 3.), (2, 4.)]
    ds = D.from_tensor_slices({"a": (np.zeros((2, 3)), [1, 2]), "b": np.ones(2, np.float16)})
    assert ds.element_spec == {"a": (tf.TensorSpec([3], tf.float64), tf.TensorSpec([], tf.int32)),
                               "b": tf.TensorSpec([], tf.float16)}
    first = next(iter(ds))
    assert isinstance(first, dict) and list(first) == ["a", "b"]
    assert first["a"][1].numpy() == 1


def test_from_tensor_slices_keeps_namedtuples():
    Point = collections.namedtuple("Point", "x y")
    element = next(iter(D.from_tensor_slices(Point([1, 2], [3, 4]))))
    assert type(element) is Point and int(element.y) == 3


def test_from_tensor_slices_errors_match_tf():
    with pytest.raises(ValueError, match="Dimensions 3 and 4 are not compatible"):
        D.from_tensor_slices((np.zeros(3), np.zeros(4)))
    with pytest.raises(ValueError, match="only supported for rank >= 1"):
        D.from_tensor_slices(3)
    with pytest.raises(ValueError, match="should not be empty"):
        D.from_tensor_slices(())


def test_from_tensor_slices_copies_numpy_input():
    x = np.arange(3)
    ds = D.from_tensor_slices(x)
    x[0] = 99
    assert values(ds)[0] == 0


def test_from_tensors_is_one_element():
    ds = D.from_tensors(([1, 2], 3.))
    assert ds.element_spec == (tf.TensorSpec([2], tf.int32), tf.TensorSpec([], tf.float32))
    assert int(ds.cardinality()) == 1
    assert [(a.tolist(), b) for a, b in values(ds)] == [([1, 2], 3.0)]


def test_range_like_python_with_int64_elements_B10():
    assert values(D.range(3)) == [0, 1, 2]
    assert values(D.range(10, 0, -3)) == [10, 7, 4, 1]
    assert values(D.range(2, 5)) == [2, 3, 4]
    assert D.range(3).element_spec == tf.TensorSpec([], tf.int64)
    assert values(D.range(3))[0].dtype == np.int64
    assert D.range(3, output_type=tf.int32).element_spec.dtype == tf.int32
    assert int(D.range(5, 2).cardinality()) == 0


def test_range_errors_match_tf():
    with pytest.raises(InvalidArgumentError, match="step must be a non-zero integer"):
        D.range(1, 5, 0)
    with pytest.raises(TypeError, match="Cannot convert 2.5 to EagerTensor of dtype int64"):
        D.range(2.5)
    with pytest.raises(ValueError, match="should be between 1 and 3 but was 0"):
        D.range()


def test_range_accepts_integer_tensors():
    assert values(D.range(tf.constant(3))) == [0, 1, 2]


def test_from_generator_with_output_signature_B10():
    ds = D.from_generator(lambda: ((i, [1.] * i) for i in range(3)),
                          output_signature=(tf.TensorSpec((), tf.int32),
                                            tf.TensorSpec((None,), tf.float32)))
    got = values(ds)
    assert [a for a, _ in got] == [0, 1, 2] and got[2][1].tolist() == [1., 1.]
    assert got[0][0].dtype == np.int32 and got[1][1].dtype == np.float32
    assert int(ds.cardinality()) == -2


def test_from_generator_is_called_again_for_each_iteration():
    calls = []

    def gen():
        calls.append(1)
        yield from range(2)

    ds = D.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64))
    assert values(ds) == values(ds) == [0, 1]
    assert len(calls) == 2


def test_from_generator_output_types_and_shapes_B10():
    ds = D.from_generator(lambda: iter([(1, [2.])]), output_types=(tf.int32, tf.float32))
    assert ds.element_spec == (tf.TensorSpec(None, tf.int32), tf.TensorSpec(None, tf.float32))
    ds = D.from_generator(lambda: iter([(1, [2.])]), output_types=(tf.int32, tf.float32),
                          output_shapes=((), (None,)))
    assert ds.element_spec == (tf.TensorSpec([], tf.int32), tf.TensorSpec([None], tf.float32))
    assert values(ds)[0][1].tolist() == [2.]


def test_from_generator_args_and_conversion_like_tf():
    ds = D.from_generator(lambda n: iter(range(n)), output_signature=tf.TensorSpec((), tf.int64),
                          args=(3,))
    assert values(ds) == [0, 1, 2]
    kinds = D.from_generator(lambda n: iter([type(n).__name__]), args=(3,),
                             output_signature=tf.TensorSpec((), tf.string))
    assert values(kinds) == [b"int32"]
    # TF casts a yielded value to the declared dtype (1.5 as int32 is 1)
    assert values(D.from_generator(lambda: iter([1.5]),
                                   output_signature=tf.TensorSpec((), tf.int32))) == [1]


def test_from_generator_errors_match_tf():
    with pytest.raises(TypeError, match="must be a Python callable"):
        D.from_generator(iter([1]), output_signature=tf.TensorSpec((), tf.int32))
    with pytest.raises(TypeError, match="either the `output_signature` argument or the "
                                        "`output_types`"):
        D.from_generator(lambda: iter([1]))
    with pytest.raises(TypeError, match="can not be used together"):
        D.from_generator(lambda: iter([1]), output_types=tf.int32,
                         output_signature=tf.TensorSpec((), tf.int32))
    bad_shape = D.from_generator(lambda: iter([[1, 2]]),
                                 output_signature=tf.TensorSpec((), tf.int32))
    with pytest.raises(InvalidArgumentError, match=r"yielded an element of shape \(2,\) where "
                                                   r"an element of shape \(\) was expected"):
        values(bad_shape)
    bad_structure = D.from_generator(lambda: iter([1]), output_signature=(
        tf.TensorSpec((), tf.int32), tf.TensorSpec((), tf.int32)))
    with pytest.raises(InvalidArgumentError, match="did not match the expected structure"):
        values(bad_structure)


def test_from_generator_exception_is_tf_unknown_error_with_the_cause():
    ds = D.from_generator(lambda: (1 / 0 for _ in range(2)),
                          output_signature=tf.TensorSpec((), tf.float32))
    with pytest.raises(UnknownError, match="ZeroDivisionError: division by zero") as info:
        values(ds)
    assert isinstance(info.value.__cause__, ZeroDivisionError)


def test_zip_structures_and_stops_at_shortest_B10():
    assert values(D.zip(D.range(2), D.range(5, 8))) == [(0, 5), (1, 6)]
    assert values(D.zip((D.range(2), D.range(3)))) == [(0, 0), (1, 1)]
    got = values(D.zip({"a": D.range(2), "b": D.range(3)}))
    assert got == [{"a": 0, "b": 0}, {"a": 1, "b": 1}]
    nested = D.zip((D.range(2), (D.range(3), D.range(4))))
    assert nested.element_spec == (tf.TensorSpec([], tf.int64),
                                   (tf.TensorSpec([], tf.int64), tf.TensorSpec([], tf.int64)))
    assert values(nested)[1] == (1, (1, 1))
    assert values(D.zip(datasets=(D.range(1), D.range(1)))) == [(0, 0)]


def test_zip_rejects_non_datasets():
    with pytest.raises(TypeError, match="encountered object of type <class 'int'>"):
        D.zip(D.range(2), 3)


def test_concatenate_B10():
    ds = D.range(2).concatenate(D.range(5, 7))
    assert values(ds) == [0, 1, 5, 6] and int(ds.cardinality()) == 4
    mixed = D.from_tensor_slices(np.zeros((2, 3))).concatenate(
        D.from_tensor_slices(np.zeros((2, 4))))
    assert mixed.element_spec == tf.TensorSpec([None], tf.float64)
    with pytest.raises(TypeError, match="Incompatible dataset elements"):
        D.range(2).concatenate(D.from_tensor_slices([1.]))
    with pytest.raises(TypeError, match="Incompatible dataset elements"):
        D.range(2).concatenate(D.from_tensor_slices([1]))


def test_repr_names_tf_classes_and_element_spec():
    assert repr(D.range(5)) == ("<_RangeDataset element_spec=TensorSpec(shape=(), "
                                "dtype=tf.int64, name=None)>")
    assert repr(D.from_tensor_slices([1])).startswith("<_TensorSliceDataset element_spec=")
    assert repr(D.range(3).batch(2)) == ("<_BatchDataset element_spec=TensorSpec(shape=(None,)"
                                         ", dtype=tf.int64, name=None)>")
    assert repr(D.range(3).cache()).startswith("<CacheDataset")
    assert repr(D.range(3).enumerate()).startswith("<_ZipDataset")
