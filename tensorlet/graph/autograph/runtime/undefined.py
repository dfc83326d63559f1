"""Values of names that are not defined on some path of converted code.

`ld(lambda: x, "x")` reads a name for a construct's state and gives `Undefined("x")` when it is
unbound. An `Undefined` can be carried around, but any use of it (arithmetic, attributes, a
truth test, passing it to an op) raises `ValueError` naming the variable and saying why it has
no value. `UndefinedReturnValue` is the return value before any `return` ran.
"""

from __future__ import annotations

__all__ = ["Undefined", "UndefinedReturnValue", "ld", "retval", "is_undefined"]


class UndefinedReturnValue:
    """The function's result before a `return` statement ran."""

    def __repr__(self) -> str:
        return "<no return value yet>"


class Undefined:
    """A variable with no value on this path.

    Attributes:
        symbol: the variable's name.
        reason: why it has no value (shown by any use).
    """

    __slots__ = ("symbol", "reason")

    def __init__(self, symbol: str, reason: str | None = None) -> None:
        self.symbol = symbol
        self.reason = reason or f"'{symbol}' is used before it is assigned"

    def _fail(self, *args, **kwargs):
        raise ValueError(self.reason)

    def __getattr__(self, name):
        raise ValueError(self.reason)

    def __repr__(self) -> str:
        return f"<undefined {self.symbol!r}>"


_DUNDERS = (
    "__bool__ __len__ __iter__ __call__ __getitem__ __setitem__ __contains__ __index__ __int__ "
    "__float__ __complex__ __array__ __format__ __neg__ __pos__ __abs__ __invert__ __lt__ "
    "__le__ __gt__ __ge__ __add__ __radd__ __sub__ __rsub__ __mul__ __rmul__ __truediv__ "
    "__rtruediv__ __floordiv__ __rfloordiv__ __mod__ __rmod__ __pow__ __rpow__ __matmul__ "
    "__rmatmul__ __and__ __rand__ __or__ __ror__ __xor__ __rxor__ __lshift__ __rshift__"
).split()
for _name in _DUNDERS:
    setattr(Undefined, _name, Undefined._fail)


def is_undefined(x) -> bool:
    return type(x) is Undefined or type(x) is UndefinedReturnValue


def ld(read, name: str):
    """`read()`, or `Undefined(name)` when the name is unbound."""
    try:
        return read()
    except NameError:
        return Undefined(name)


def retval(value):
    """The function's result: None when no `return` ran."""
    return None if type(value) is UndefinedReturnValue else value
