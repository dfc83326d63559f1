"""`ag__.if_stmt`: a Python `if` on Python values, one `cond` node on a tensor (A13.11).

On a tensor both branches are traced, each from the state before the `if`. For each live name
the two results are compared: the same object or equal Python values stay as they are (a
Python value is never staged needlessly); tensors and Python numbers become outputs of the
`cond` node and must agree in structure and dtype. A name assigned in one branch only, and
used after the `if`, raises TF's `ValueError` ("'y' must also be initialized in the else
branch") with the fix.
"""

from __future__ import annotations

import numpy as np

from ....core import nest
from ....core.tensor import Tensor
from ....core.variable import Variable
from ....ops import control
from ....ops._control_subgraph import set_outputs, trace_subgraph
from .undefined import Undefined, UndefinedReturnValue, is_undefined

__all__ = ["if_stmt", "is_tensor_like", "static_equal"]

_NUMBERS = (bool, int, float, complex)


def is_tensor_like(x) -> bool:
    """Whether `x` can be a graph value (tensors, variables, arrays and Python numbers)."""
    return isinstance(x, (Tensor, Variable, np.ndarray, np.generic)) or type(x) in _NUMBERS


def static_equal(a, b) -> bool:
    """Whether two values are the same Python value (tensors only when identical)."""
    if a is b:
        return True
    if isinstance(a, (Tensor, Variable, np.ndarray)) or isinstance(b, (Tensor, Variable,
                                                                       np.ndarray)):
        return False
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # noqa: BLE001 - values that cannot be compared are not equal
        return False


def _describe(x) -> str:
    if isinstance(x, Tensor):
        return f"a {x.dtype.name} tensor"
    return f"the Python value {x!r}"


def _missing(name: str, a, b) -> ValueError:
    branch = "else" if is_undefined(b) else "main"
    if isinstance(a, UndefinedReturnValue) or isinstance(b, UndefinedReturnValue):
        return ValueError(f"the {branch} branch must also have a return statement. (The `if` "
                          f"condition is a tensor, so both branches become part of the graph "
                          f"and each must return a value of the same type.)")
    return ValueError(
        f"'{name}' must also be initialized in the {branch} branch. (The `if` condition is a "
        f"tensor, so both branches become part of the graph: assign '{name}' before the "
        f"`if`, or in both branches.)")


def _leaves(name: str, a, b) -> tuple:
    try:
        nest.assert_same_structure(a, b, check_types=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"'{name}' must have the same nested structure in the main and else "
                        f"branches: {exc}") from None
    fa, fb = nest.flatten(a, True), nest.flatten(b, True)
    for x, y in zip(fa, fb):
        if not static_equal(x, y) and not (is_tensor_like(x) and is_tensor_like(y)):
            raise TypeError(
                f"'{name}' is {_describe(x)} in the main branch, but {_describe(y)} in the "
                f"else branch; only tensors and Python numbers may differ between the branches "
                f"of an `if` on a tensor")
    return fa, fb


def _hint(x):
    return x.dtype if isinstance(x, (Tensor, Variable)) else None


def _branch(fn, init, get_state, set_state):
    def run():
        set_state(init)
        fn()
        return get_state()

    return run


def if_stmt(cond, body, orelse, get_state, set_state, names: tuple, live: tuple) -> None:
    """Runs `body()` if `cond` else `orelse()`; stages both when `cond` is a tensor."""
    if not control.is_symbolic(cond):
        if cond:
            body()
        else:
            orelse()
        return
    init = get_state()
    then_sub, t_state = trace_subgraph(_branch(body, init, get_state, set_state), [], "if_true")
    else_sub, e_state = trace_subgraph(_branch(orelse, init, get_state, set_state), [],
                                       "if_false")
    result = list(init)
    slots, t_leaves, e_leaves = [], [], []
    for i, name in enumerate(names):
        a, b = t_state[i], e_state[i]
        if name not in live:
            result[i] = Undefined(name, f"'{name}' was assigned in an `if` on a tensor and has "
                                        f"no value after it")
        elif static_equal(a, b) or (is_undefined(a) and is_undefined(b)):
            result[i] = a
        elif is_undefined(a) or is_undefined(b):
            raise _missing(name, a, b)
        else:
            fa, fb = _leaves(name, a, b)
            for j, (x, y) in enumerate(zip(fa, fb)):
                if not static_equal(x, y):
                    slots.append((i, j))
                    t_leaves.append(x)
                    e_leaves.append(y)
    t_values = set_outputs(then_sub, t_leaves, [_hint(y) for y in e_leaves])
    e_values = set_outputs(else_sub, e_leaves, [_hint(x) for x in t_leaves])
    for (i, _), x, y in zip(slots, t_values, e_values):
        if x.dtype is not y.dtype:
            raise TypeError(f"'{names[i]}' has dtype {x.dtype.name} in the main branch, but "
                            f"dtype {y.dtype.name} in the else branch")
    outs = control.build_cond(cond, then_sub, else_sub)
    _assemble(result, t_state, slots, outs)
    set_state(tuple(result))


def _assemble(result: list, t_state, slots: list, outs: list) -> None:
    """Puts the node's outputs at their places in the structures of the state."""
    by_name: dict = {}
    for (i, j), out in zip(slots, outs):
        by_name.setdefault(i, {})[j] = out
    for i, replaced in by_name.items():
        flat = nest.flatten(t_state[i], True)
        flat = [replaced.get(j, x) for j, x in enumerate(flat)]
        result[i] = nest.pack_sequence_as(t_state[i], flat, True)
