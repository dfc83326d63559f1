"""The `tf.errors` hierarchy (A1.13)."""

import pickle

import pytest

import tensorlet as tf

NAMES = [("CancelledError", "CANCELLED"), ("UnknownError", "UNKNOWN"),
         ("InvalidArgumentError", "INVALID_ARGUMENT"),
         ("DeadlineExceededError", "DEADLINE_EXCEEDED"), ("NotFoundError", "NOT_FOUND"),
         ("AlreadyExistsError", "ALREADY_EXISTS"), ("PermissionDeniedError", "PERMISSION_DENIED"),
         ("ResourceExhaustedError", "RESOURCE_EXHAUSTED"),
         ("FailedPreconditionError", "FAILED_PRECONDITION"), ("AbortedError", "ABORTED"),
         ("OutOfRangeError", "OUT_OF_RANGE"), ("UnimplementedError", "UNIMPLEMENTED"),
         ("InternalError", "INTERNAL"), ("UnavailableError", "UNAVAILABLE"),
         ("DataLossError", "DATA_LOSS"), ("UnauthenticatedError", "UNAUTHENTICATED")]


def test_a1_13_invalid_argument_is_an_op_error_is_an_exception():
    assert [c.__name__ for c in tf.errors.InvalidArgumentError.__mro__] == \
        ["InvalidArgumentError", "OpError", "Exception", "BaseException", "object"]


@pytest.mark.parametrize("code,names", list(enumerate(NAMES, 1)), ids=lambda v: str(v))
def test_a1_13_every_error_class_exists_with_its_code(code, names):
    cls = getattr(tf.errors, names[0])
    assert issubclass(cls, tf.errors.OpError)
    error = cls(None, None, "boom")
    assert error.error_code == code == getattr(tf.errors, names[1])
    assert str(error) == "boom" and error.message == "boom"


def test_a1_13_unimplemented_and_not_found_can_be_raised_and_caught_as_op_errors():
    for cls in (tf.errors.UnimplementedError, tf.errors.NotFoundError):
        with pytest.raises(tf.errors.OpError, match="nope"):
            raise cls(None, None, "nope")


def test_error_code_constants():
    assert (tf.errors.OK, tf.errors.INVALID_ARGUMENT, tf.errors.NOT_FOUND,
            tf.errors.UNIMPLEMENTED, tf.errors.UNAUTHENTICATED) == (0, 3, 5, 12, 16)


def test_op_error_takes_tf_signature_and_a_code():
    error = tf.errors.OpError(None, None, "m", 3)
    assert error.error_code == 3 and error.node_def is None and error.op is None
    assert error.experimental_payloads == {}


def test_errors_pickle():
    error = pickle.loads(pickle.dumps(tf.errors.InvalidArgumentError(None, None, "m")))
    assert type(error) is tf.errors.InvalidArgumentError and str(error) == "m"


def test_operator_not_allowed_in_graph_is_a_type_error():
    assert issubclass(tf.errors.OperatorNotAllowedInGraphError, TypeError)
