"""`ag__.while_stmt` and `ag__.for_stmt`: Python loops on Python values, graph loops on tensors.

A `while` loop runs in Python while its test gives Python values; the first time the test gives
a tensor the rest of the loop becomes one `while_loop` node, continuing from the current state.
A `for` loop over a tensor or a `tf.range` on tensors is a graph loop; over a Python iterable
(`range(10)` included) it is unrolled while tracing. An object with an `_ag_for_stmt` method (a
`tf.data.Dataset`) runs the loop itself. In a Python `for` loop, a `break` or `return` that
depends on a tensor raises TF's NotImplementedError, with the fix.
"""

from __future__ import annotations

from ....core.context import state
from ....core.tensor import Tensor
from ....core.variable import Variable
from ....ops import control
from . import graph_loops
from .calls import TensorRange

__all__ = ["while_stmt", "for_stmt", "loop_options"]

_OPTIONS = frozenset({"shape_invariants", "maximum_iterations", "parallel_iterations",
                      "swap_memory", "returns"})


def loop_options(**options) -> dict:
    """The options of one loop (`set_loop_options` keywords, and the line of a `return`)."""
    unknown = sorted(set(options) - _OPTIONS)
    if unknown:
        raise TypeError(f"set_loop_options() got unexpected keyword arguments {unknown}; it "
                        f"takes {sorted(_OPTIONS - {'returns'})}")
    return options


def while_stmt(test, body, get_state, set_state, names: tuple, live: tuple, options) -> None:
    """`while test(): body()`, staged as a graph loop once the test is a tensor."""
    result = test()
    while not control.is_symbolic(result):
        if not result:
            return
        body()
        result = test()
    graph_loops.tensor_while(test, body, get_state, set_state, names, live, options)


def for_stmt(iter_, extra_test, body, get_state, set_state, names: tuple, live: tuple,
             options) -> None:
    """`for x in iter_: body(x)` (stopping when `extra_test()` is false)."""
    staged = getattr(type(iter_), "_ag_for_stmt", None)
    if staged is not None:
        return staged(iter_, extra_test, body, get_state, set_state, names, live, options)
    if isinstance(iter_, TensorRange) or (state.builder is not None and
                                          isinstance(iter_, (Tensor, Variable))):
        return graph_loops.tensor_for(iter_, extra_test, body, get_state, set_state, names,
                                      live, options)
    items = iter(iter_)
    while True:
        if extra_test is not None:
            more = extra_test()
            if control.is_symbolic(more):
                raise NotImplementedError(
                    "break and return statements which depend on a TF condition are not "
                    "supported in Python for loops. Did you intend to make it a TF loop? "
                    "Iterate over tf.range(...) (or a tensor) instead of a Python iterable, so "
                    "the loop becomes a graph loop.")
            if not more:
                return None
        try:
            item = next(items)
        except StopIteration:
            return None
        body(item)
