"""Loops on tensors: one `while_loop` node carrying the loop's live variables (A13.10, A13.11).

The carried state is flattened into leaves: tensors and Python numbers become loop variables
(numbers turn into tensors), other Python values must stay unchanged. A variable first assigned
inside the loop and used after it is given a zero of the type it has after one iteration (the
body is traced once more to find it, as TF does). A variable whose dtype or shape changes from
one iteration to the next raises TF's error naming it and both types (A13.13), unless
`tf.autograph.experimental.set_loop_options(shape_invariants=...)` relaxes its shape.

A `for` loop over a tensor counts with a hidden index through its first dimension; over a
`tf.range` it computes each element from the range's bounds instead of building the range.
"""

from __future__ import annotations

from ....core import dtypes, nest
from ....core.context import state
from ....core.convert import to_array
from ....core.shape import as_shape
from ....core.spec import TensorSpec
from ....core.tensor import Tensor
from ....core.variable import Variable
from ....graph.symbolic import SymbolicTensor
from ....ops import (
    array_create,
    array_index,
    array_shape,
    control_while,
    math_cast,
    math_compare,
    math_unary,
)
from ....ops import math as math_ops
from ....ops._control_subgraph import trace_subgraph
from .calls import TensorRange
from .conditionals import is_tensor_like, static_equal
from .undefined import Undefined, is_undefined

__all__ = ["tensor_while", "tensor_for"]

_INDEX = "<loop index>"


def _refuse_return(options) -> None:
    line = (options or {}).get("returns")
    if line is not None:
        raise NotImplementedError(
            f"a return statement cannot be placed inside this TensorFlow loop; this may happen "
            f"if a return statement depends on a static Python condition such as a "
            f"hyperparameter. The loop (line {line}) runs on a tensor: assign the result to a "
            f"variable, `break` out of the loop, and return the variable after the loop.")


class _Layout:
    """Where the loop variables sit in the state: `slots[k] = (state index, leaf index)`."""

    def __init__(self, names: tuple, init: list, carried: list) -> None:
        self.init = init
        self.slots, self.values, self.names = [], [], []
        for i in carried:
            flat = nest.flatten(init[i], True)
            for j, leaf in enumerate(flat):
                if is_tensor_like(leaf):
                    self.slots.append((i, j))
                    self.values.append(leaf)
                    self.names.append(names[i] if len(flat) == 1 else f"{names[i]}[{j}]")

    def rebuild(self, leaves) -> list:
        result = list(self.init)
        by_index: dict = {}
        for (i, j), leaf in zip(self.slots, leaves):
            by_index.setdefault(i, {})[j] = leaf
        for i, replaced in by_index.items():
            flat = [replaced.get(j, x) for j, x in enumerate(nest.flatten(self.init[i], True))]
            result[i] = nest.pack_sequence_as(self.init[i], flat, True)
        return result

    def leaves_after(self, names: tuple, carried: list, new) -> list:
        """The loop variables after one iteration (checking that the rest is unchanged)."""
        out = []
        for i in carried:
            before, after = self.init[i], new[i]
            if is_undefined(after):
                raise ValueError(f"'{names[i]}' has no value at the end of the loop body")
            try:
                nest.assert_same_structure(before, after, check_types=False)
            except (TypeError, ValueError) as exc:
                raise TypeError(f"'{names[i]}' must keep its nested structure in a loop on a "
                                f"tensor: {exc}") from None
            for x, y in zip(nest.flatten(before, True), nest.flatten(after, True)):
                if is_tensor_like(x):
                    out.append(y)
                elif not static_equal(x, y):
                    raise TypeError(
                        f"'{names[i]}' has type {type(x).__name__} before the loop, but type "
                        f"{type(y).__name__} after one iteration; a Python value cannot change "
                        f"in a loop on a tensor: give '{names[i]}' a tensor value before the "
                        f"loop")
        return out


def _spec(v) -> TensorSpec:
    """The spec `v` has as a graph value (no node is recorded)."""
    if isinstance(v, SymbolicTensor):
        return v.spec
    if isinstance(v, (Tensor, Variable)):
        return TensorSpec(v.shape, v.dtype)
    array = to_array(v)
    return TensorSpec(array.shape, dtypes.from_numpy(array.dtype))


def _specs(values: list) -> list:
    return [_spec(v) for v in values]


def _zeros(spec):
    shape = [0 if d is None else d for d in spec.shape.as_list()]
    return array_create.zeros(shape, spec.dtype)


def _define_first_assigned(names, init, carried, body, get_state, set_state, relaxed) -> None:
    """Gives variables first assigned in the loop a zero initial value (TF's placeholder)."""
    undefined = [i for i in carried if is_undefined(init[i])]
    if not undefined:
        return
    layout = _Layout(names, init, [i for i in carried if i not in undefined])

    def probe(*leaves):
        set_state(layout.rebuild(leaves))
        body()
        return get_state()

    _, after = trace_subgraph(probe, _specs(layout.values), "while_probe")
    for i in undefined:
        leaves = nest.flatten(after[i])
        if all(isinstance(x, Tensor) or type(x) in (bool, int, float) for x in leaves):
            specs = _specs(leaves)
            zeros = [_zeros(s) for s in specs]
            for z, s in zip(zeros, specs):
                relaxed[id(z)] = s.shape
            init[i] = nest.pack_sequence_as(after[i], zeros)


def _invariants(layout: _Layout, options, relaxed: dict) -> list:
    shapes = [relaxed.get(id(v)) for v in layout.values]
    for value, shape in (options or {}).get("shape_invariants") or ():
        where = [k for k, v in enumerate(layout.values) if v is value]
        if not where:
            raise ValueError(f"set_loop_options: a shape invariant names {value!r}, which is "
                             f"not a variable of this loop")
        shapes[where[0]] = as_shape(shape)
    return [_spec(v).shape if s is None else s for v, s in zip(layout.values, shapes)]


def tensor_while(test, body, get_state, set_state, names: tuple, live: tuple, options) -> None:
    """Records `while test(): body()` as one `while_loop` node; updates the state."""
    _refuse_return(options)
    init = list(get_state())
    carried = [i for i, n in enumerate(names) if n in live]
    relaxed: dict = {}
    _define_first_assigned(names, init, carried, body, get_state, set_state, relaxed)
    carried = [i for i in carried if not is_undefined(init[i])]
    layout = _Layout(names, init, carried)

    def cond_fn(*leaves):
        set_state(layout.rebuild(leaves))
        return test()

    def body_fn(*leaves):
        set_state(layout.rebuild(leaves))
        body()
        return layout.leaves_after(names, carried, get_state())

    def check_output(k, before, after):
        name = layout.names[k]
        if after.dtype is not before.dtype:
            raise TypeError(f"'{name}' has dtype {before.dtype.name} before the loop, but dtype "
                            f"{after.dtype.name} after one iteration")
        raise ValueError(f"'{name}' has shape {before.shape} before the loop, but shape "
                         f"{after.shape} after one iteration. Use "
                         f"tf.autograph.experimental.set_loop_options to set shape invariants.")

    shapes = _invariants(layout, options, relaxed)
    limit = (options or {}).get("maximum_iterations")
    outs = control_while.build_while(cond_fn, body_fn, layout.values, shapes, limit,
                                     check_output)
    final = layout.rebuild(outs)
    for i, name in enumerate(names):
        if i not in carried:
            final[i] = Undefined(name, f"'{name}' is assigned in a loop on a tensor; it has no "
                                       f"value after the loop: define it before the loop")
    set_state(tuple(final))


def _range_count(r: TensorRange):
    span = math_cast.cast(math_ops.subtract(r.limit, r.start), dtypes.float64)
    steps = math_unary.ceil(math_ops.divide(span, math_cast.cast(r.delta, dtypes.float64)))
    return math_cast.cast(math_ops.maximum(steps, 0.0), dtypes.int32)


def _iteration(iter_) -> tuple:
    """`(number of elements, element(i))` for a tensor, a `tf.range` or a TensorRange."""
    count = None
    if isinstance(iter_, SymbolicTensor) and iter_.node.kind == "op" and \
            iter_.node.op.name == "range":
        a = iter_.node.attrs
        count = iter_.shape[0]
        iter_ = TensorRange(a["start"], a["limit"], a["delta"], a["dtype"])
    if isinstance(iter_, TensorRange):
        r = iter_

        def element(i):
            return math_ops.add(r.start, math_ops.multiply(math_cast.cast(i, r.dtype), r.delta))

        return (_range_count(r) if count is None else count), element
    x = state.builder.to_value(iter_) if isinstance(iter_, Variable) else iter_
    if x.shape.rank == 0:
        raise TypeError("Cannot iterate over a scalar tensor.")
    n = x.shape[0] if x.shape.rank is not None else None
    if n is None:
        n = array_shape.shape(x)[0]
    return n, lambda i: array_index.gather(x, i)


def tensor_for(iter_, extra_test, body, get_state, set_state, names, live, options) -> None:
    """Records `for x in iter_: body(x)` as one `while_loop` node with a hidden index."""
    _refuse_return(options)
    n, element = _iteration(iter_)
    index = [0]

    def get():
        return (index[0], *get_state())

    def put(values):
        index[0] = values[0]
        set_state(tuple(values[1:]))

    def test():
        more = math_compare.less(index[0], n)
        return more if extra_test is None else math_compare.logical_and(more, extra_test())

    def step():
        i = index[0]
        body(element(i))
        index[0] = math_ops.add(i, 1)

    tensor_while(test, step, get, put, (_INDEX, *names), (_INDEX, *live), options)
