"""`tf.io.decode_csv` and `tf.io.read_file` (B10, issue #7 item 7): TF 2.21's dtypes, defaults,
quoting, na_value, select_cols and error messages."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import FailedPreconditionError, InvalidArgumentError, NotFoundError

dc = tf.io.decode_csv


def values(tensors):
    return [t.numpy() for t in tensors]


def test_scalar_record_and_default_dtypes_B10():
    out = dc("1,2.5,x", record_defaults=[0, 0.0, ""])
    assert [t.dtype for t in out] == [tf.int32, tf.float32, tf.string]
    assert values(out) == [1, np.float32(2.5), b"x"]


def test_vector_records_and_defaults_for_empty_fields():
    a, b, c = dc(["1,2.5,x", "3,,y"], record_defaults=[0, 0.0, "d"])
    assert a.shape == (2,) and b.numpy().tolist() == [2.5, 0.0] and c.numpy().tolist() == [
        b"x", b"y"]
    two_d = dc([["1,2"], ["3,4"]], record_defaults=[0, 0])
    assert two_d[0].shape == (2, 1) and two_d[1].numpy().tolist() == [[2], [4]]


def test_typed_and_required_defaults_B10():
    out = dc("1,2,x", record_defaults=[tf.zeros([0], tf.int64), tf.zeros([0], tf.float64), ""])
    assert [t.dtype for t in out] == [tf.int64, tf.float64, tf.string]
    assert values(dc("1,2", record_defaults=[[0.], []])) == [1.0, 2.0]  # [] is float32
    assert values(dc("99999999999", record_defaults=[tf.constant(0, tf.int64)])) == [
        99999999999]
    # a DType names a required column of that dtype (TF wants an empty tensor instead)
    assert dc("7", record_defaults=[tf.int64])[0].dtype == tf.int64
    with pytest.raises(InvalidArgumentError, match="Field 1 is required but missing in record "
                                                   "0!"):
        dc("1,,x", record_defaults=[tf.int64, tf.zeros([0], tf.float64), ""])


def test_field_delim_na_value_and_select_cols_B10():
    assert values(dc("1;2", record_defaults=[0, 0], field_delim=";")) == [1, 2]
    assert values(dc("1,NA", record_defaults=[0, 7], na_value="NA")) == [1, 7]
    assert values(dc("1,,NA", record_defaults=[0, 5, 6], na_value="NA")) == [1, 5, 6]
    assert values(dc("1,2,3", record_defaults=[0, 0], select_cols=[0, 2])) == [1, 3]
    assert values(dc("1,2,3,4", record_defaults=[0], select_cols=[1])) == [2]
    with pytest.raises(ValueError, match="select_cols is not strictly increasing"):
        dc("1,2,3", record_defaults=[0, 0], select_cols=[2, 0])
    with pytest.raises(ValueError, match="Length of select_cols and record_defaults do not "
                                         "match"):
        dc("1,2,3", record_defaults=[0], select_cols=[0, 2])
    with pytest.raises(ValueError, match="select_cols contains negative values"):
        dc("1,2", record_defaults=[0], select_cols=[-1])
    with pytest.raises(InvalidArgumentError, match="field_delim should be only 1 char"):
        dc("1;;2", record_defaults=[0, 0], field_delim=";;")


def test_quotes_like_tf():
    assert values(dc('"a,b",2', record_defaults=["", 0])) == [b"a,b", 2]
    assert values(dc('"a""b",2', record_defaults=["", 0])) == [b'a"b', 2]
    assert values(dc('"1",2', record_defaults=[0, 0])) == [1, 2]
    assert values(dc('"",1', record_defaults=["d", 0])) == [b"d", 1]
    assert values(dc('"a,b",2', record_defaults=["", "", 0], use_quote_delim=False)) == [
        b'"a', b'b"', 2]
    for record, message in [('a"b,2', "Unquoted fields cannot have quotes/CRLFs inside"),
                            ("a\rb,2", "Unquoted fields cannot have quotes/CRLFs inside"),
                            ('"ab"c,2', "Quote inside a string has to be escaped"),
                            ('"abc,2', "Quoted field has to end with quote followed by delim")]:
        with pytest.raises(InvalidArgumentError, match=message):
            dc(record, record_defaults=["", 0])


def test_number_formats_like_tf():
    assert values(dc(" 1 , 2.5", record_defaults=[0, 0.0])) == [1, 2.5]
    assert values(dc("+7,-3, 4", record_defaults=[0, 0, 0])) == [7, -3, 4]
    floats = values(dc("1e3,inf,nan,0x10,-Infinity,1e40",
                       record_defaults=[0., 0., 0., 0., 0., 0.]))
    assert floats[0] == 1000. and floats[1] == np.inf and np.isnan(floats[2])
    assert floats[3] == 16. and floats[4] == -np.inf and floats[5] == np.inf
    assert values(dc("1.,.5,-.5e1", record_defaults=[0., 0., 0.])) == [1., .5, -5.]
    assert values(dc("-2147483648", record_defaults=[0])) == [-2147483648]


@pytest.mark.parametrize("record, default, message", [
    ("a", 0, "Field 0 in record 0 is not a valid int32: a"),
    ("1.0", 0, "not a valid int32: 1.0"), ("0x10", 0, "not a valid int32: 0x10"),
    ("1e3", 0, "not a valid int32: 1e3"), ("99999999999", 0, "not a valid int32: 99999999999"),
    ("-2147483649", 0, "not a valid int32"), ("zz", 0.0, "is not a valid float: zz"),
    ("1_0", 0.0, "not a valid float: 1_0"), ("1e", 0.0, "not a valid float: 1e"),
    (".", 0.0, "not a valid float: ."), ("x", np.float64(0), "is not a valid double: x"),
])
def test_invalid_numbers_name_field_record_and_type(record, default, message):
    with pytest.raises(InvalidArgumentError, match=message):
        dc(record, record_defaults=[default])


def test_field_count_errors_name_the_record():
    with pytest.raises(InvalidArgumentError, match="Expect 3 fields but have 4 in record 0"):
        dc("1,2,x,4", record_defaults=[0, 0.0, ""])
    with pytest.raises(InvalidArgumentError, match="Expect 2 fields but have 1 in record 1"):
        dc(["1,2", "3"], record_defaults=[0, 0])
    with pytest.raises(InvalidArgumentError, match="Expect 1 fields but have 0 in record 0"):
        dc("", record_defaults=[0])
    assert values(dc(",", record_defaults=["", ""])) == [b"", b""]


def test_bad_defaults_and_records():
    with pytest.raises(InvalidArgumentError, match="There should only be 1 default per field "
                                                   "but field 0 has 2"):
        dc("1", record_defaults=[[1, 2]])
    with pytest.raises(InvalidArgumentError, match="OUT_TYPE' of bool is not in the list"):
        dc("1", record_defaults=[True])
    with pytest.raises(InvalidArgumentError, match="OUT_TYPE"):
        dc("1", record_defaults=[])
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype string"):
        dc(1, record_defaults=[0])


def test_decode_csv_inside_a_function():
    f = tf.function(lambda r: dc(r, [0, ""]))
    a, b = f(tf.constant("1,a"))
    assert int(a) == 1 and b.numpy() == b"a"


def test_read_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"4,5.5,z\n6,7,w")
    content = tf.io.read_file(str(path))
    assert content.dtype == tf.string and content.shape == () and content.numpy() == \
        b"4,5.5,z\n6,7,w"
    with pytest.raises(NotFoundError, match="nothere; No such file or directory"):
        tf.io.read_file(str(tmp_path / "nothere"))
    with pytest.raises(FailedPreconditionError, match="Is a directory"):
        tf.io.read_file(str(tmp_path))
    read = tf.function(lambda name: tf.io.read_file(name))
    assert read(tf.constant(str(path))).numpy().startswith(b"4,5.5")
    path.write_bytes(b"changed")  # a traced read happens on every call
    assert read(tf.constant(str(path))).numpy() == b"changed"
