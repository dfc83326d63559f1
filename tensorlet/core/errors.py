"""The `tf.errors` hierarchy: every runtime error an op raises is an `OpError` subclass."""

from __future__ import annotations

__all__ = [
    "OpError",
    "CancelledError",
    "UnknownError",
    "InvalidArgumentError",
    "DeadlineExceededError",
    "NotFoundError",
    "AlreadyExistsError",
    "PermissionDeniedError",
    "ResourceExhaustedError",
    "FailedPreconditionError",
    "AbortedError",
    "OutOfRangeError",
    "UnimplementedError",
    "InternalError",
    "UnavailableError",
    "DataLossError",
    "UnauthenticatedError",
    "OperatorNotAllowedInGraphError",
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
    "UNAUTHENTICATED",
]

# TF's canonical error codes (`tf.errors.INVALID_ARGUMENT == 3`).
(OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS,
 PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED,
 INTERNAL, UNAVAILABLE, DATA_LOSS) = range(16)
UNAUTHENTICATED = 16


class OpError(Exception):
    """The base class of errors raised while running an op.

    Accepts TF's `(node_def, op, message)` signature (and `error_code` fourth for `OpError`
    itself) as well as a single message.

    Example:
        >>> import tensorlet as tf
        >>> issubclass(tf.errors.InvalidArgumentError, tf.errors.OpError)
        True
    """

    error_code = 2

    def __init__(self, *args) -> None:
        if len(args) >= 3:
            node_def, op, message = args[:3]
        else:
            node_def, op, message = None, None, args[0] if args else ""
        super().__init__(message)
        self._node_def = node_def
        self._op = op
        self._message = message
        if len(args) >= 4:
            self.error_code = args[3]

    @property
    def experimental_payloads(self) -> dict:
        return {}

    @property
    def message(self) -> str:
        return self._message

    @property
    def op(self):
        return self._op

    @property
    def node_def(self):
        return self._node_def

    def __str__(self) -> str:
        return self._message

    def __reduce__(self):
        return (type(self), (self._node_def, self._op, self._message))


def _error(name: str, code: int) -> type:
    return type(name, (OpError,), {"error_code": code, "__doc__": f"TF's `{name}`."})


CancelledError = _error("CancelledError", 1)
UnknownError = _error("UnknownError", 2)
InvalidArgumentError = _error("InvalidArgumentError", 3)
DeadlineExceededError = _error("DeadlineExceededError", 4)
NotFoundError = _error("NotFoundError", 5)
AlreadyExistsError = _error("AlreadyExistsError", 6)
PermissionDeniedError = _error("PermissionDeniedError", 7)
ResourceExhaustedError = _error("ResourceExhaustedError", 8)
FailedPreconditionError = _error("FailedPreconditionError", 9)
AbortedError = _error("AbortedError", 10)
OutOfRangeError = _error("OutOfRangeError", 11)
UnimplementedError = _error("UnimplementedError", 12)
InternalError = _error("InternalError", 13)
UnavailableError = _error("UnavailableError", 14)
DataLossError = _error("DataLossError", 15)
UnauthenticatedError = _error("UnauthenticatedError", 16)


# Errors found while a function is traced: TF raises ValueError for shapes that do not fit and
# TypeError for dtypes that do not match while it builds a graph; tensorlet's trace-time errors
# are both that and InvalidArgumentError (what the same call raises eagerly).
TracedShapeError = type("TracedShapeError", (InvalidArgumentError, ValueError),
                        {"__doc__": "An op's shape rule failed while tracing (TF: ValueError)."})
TracedDtypeError = type("TracedDtypeError", (InvalidArgumentError, TypeError),
                        {"__doc__": "Input dtypes did not match while tracing (TF: TypeError)."})


def as_traced(error: InvalidArgumentError, kind: type) -> InvalidArgumentError:
    """`error` as the trace-time error class `kind` (same message, node and op)."""
    if isinstance(error, kind):
        return error
    return kind(error.node_def, error.op, error.message)


class OperatorNotAllowedInGraphError(TypeError):
    """Raised when a traced function uses a tensor where Python needs a concrete value."""
