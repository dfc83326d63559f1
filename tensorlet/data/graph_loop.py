"""Datasets inside traced functions: what AutoGraph and `Dataset.reduce` call.

**The AutoGraph hook.** A `for` statement over a dataset (or an iterator of one) inside
`tf.function` must run over the elements each time the function runs (TF re-runs the loop per
call; it is never unrolled at trace time). AutoGraph's `for_stmt` calls
`type(iter_)._ag_for_stmt(iter_, extra_test, body, get_state, set_state, names, live,
options)` (`ag_for_stmt` here): eagerly a Python loop; while tracing one `dataset_for` node
whose body is a traced subgraph, carrying the tensor leaves of the live loop variables.

The functional form `for_loop(dataset, body_fn, init_state, extra_test)`, with
`body_fn(state, element) -> new state` and `extra_test(state) -> bool` (False stops the loop:
how `break` is expressed), serves `Dataset.reduce` and converters that prefer it.

`next(iterator)` inside a traced function, on an iterator created outside it, adds an
`iterator_get_next` node: each call of the function takes the next element.
"""

from __future__ import annotations

import copy

import numpy as np

from ..core import nest
from ..core.context import state
from ..core.spec import TensorSpec
from ..core.tensor import Tensor, wrap
from ..graph.symbolic import SymbolicTensor
from ..ops import _control_subgraph as subgraphs
from ..ops import dataset_ops
from . import structure

__all__ = ["for_loop", "get_next", "ag_for_stmt"]


def _tensor_specs(element_spec, what: str) -> list:
    specs = nest.flatten(element_spec)
    for spec in specs:
        if not isinstance(spec, TensorSpec):
            raise TypeError(f"{what} over a dataset of datasets is not supported inside "
                            f"tf.function; flatten it with `flat_map` first.")
    return specs


def get_next(iterator):
    """`next(iterator)` while tracing: an `iterator_get_next` node (see module docstring)."""
    spec = iterator.element_spec
    specs = tuple(_tensor_specs(spec, "next(iterator)"))
    builder = state.builder
    outs = builder.add_op(dataset_ops.ITERATOR_GET_NEXT, [], {"iterator": iterator,
                                                              "specs": specs}, None)
    return nest.pack_sequence_as(spec, list(outs))


def _eager_loop(dataset, body, init_state, extra_test):
    pack = structure.make_packer(dataset.element_spec)
    current = init_state
    for leaves in dataset._iter_flat():
        if extra_test is not None and not bool(extra_test(current)):
            break
        current = body(current, pack(leaves))
    return current


def _relaxed(specs: list, outs: list) -> list:
    return [TensorSpec(s.shape.most_specific_compatible_shape(o.shape), s.dtype)
            for s, o in zip(specs, outs)]


def for_loop(dataset, body, init_state, extra_test=None):
    """Runs `state = body(state, element)` over the dataset (see the module docstring).

    Args:
        dataset: the dataset iterated.
        body: `body(state, element) -> new state` (same structure and dtypes).
        init_state: the loop variables (a structure of tensors or Python numbers).
        extra_test: optional `extra_test(state) -> bool`; the loop stops when it is False.

    Returns:
        The final state.
    """
    if state.builder is None:
        return _eager_loop(dataset, body, init_state, extra_test)
    initial = structure.normalize(init_state, lists_as_tuples=True) if nest.flatten(
        init_state) else init_state
    leaves = nest.flatten(initial)
    element_spec = dataset.element_spec
    element_specs = _tensor_specs(element_spec, "A for loop")
    specs = [structure.spec_of_tensor(t) for t in leaves]
    sub, test = _trace(initial, element_spec, element_specs, specs, body, extra_test)
    if [v.spec.shape for v in sub.graph.outputs] != [s.shape for s in specs]:
        specs = _relaxed(specs, [v.spec for v in sub.graph.outputs])
        sub, test = _trace(initial, element_spec, element_specs, specs, body, extra_test)
    subs = [sub] if test is None else [sub, test]
    written = {k: v for s in subs for k, v in s.builder.written.items()}
    for s in subs:
        s.builder.internalize_reads(written)
    variables, captured = subgraphs.align(subs)
    bound = _symbolic_sources(dataset, {})
    attrs = {"dataset": dataset, "body": sub, "test": test, "num_resources": len(variables),
             "num_state": len(leaves), "specs": tuple(specs)}
    if bound:
        attrs.update(num_bound=len(bound), rebind=_rebinder(bound))
    outs = subgraphs.emit_node(dataset_ops.DATASET_FOR, "dataset_for", variables,
                               leaves + bound + captured, attrs, specs)
    return nest.pack_sequence_as(initial, outs)


def _children(dataset):
    """The datasets and tensors a dataset holds (its inputs, its source tensors)."""
    for value in vars(dataset).values():
        items = value if isinstance(value, (list, tuple)) else (value,)
        for item in items:
            if structure.is_dataset(item) or isinstance(item, SymbolicTensor):
                yield item


def _symbolic_sources(dataset, found: dict) -> list:
    """The symbolic tensors of the trace that the dataset's sources were built from."""
    for item in _children(dataset):
        if isinstance(item, SymbolicTensor):
            found.setdefault(id(item), item)
        else:
            _symbolic_sources(item, found)
    return list(found.values())


def _rebinder(tensors: list):
    """`rebind(dataset, arrays)`: a copy of the pipeline whose sources hold, in place of the
    symbolic `tensors`, the arrays they have in this run of the function."""
    keys = [id(t) for t in tensors]

    def rebind(dataset, arrays):
        return _rebound(dataset, {k: wrap(a) for k, a in zip(keys, arrays)})

    return rebind


def _rebound(dataset, values: dict):
    clone = copy.copy(dataset)
    for key, value in vars(dataset).items():
        if structure.is_dataset(value):
            setattr(clone, key, _rebound(value, values))
        elif isinstance(value, (list, tuple)) and any(
                structure.is_dataset(v) or isinstance(v, SymbolicTensor) for v in value):
            items = [_rebound(v, values) if structure.is_dataset(v) else values.get(id(v), v)
                     for v in value]
            setattr(clone, key, type(value)(items))
    return clone


def _trace(initial, element_spec, element_specs: list, specs: list, body, extra_test):
    n = len(specs)

    def body_fn(*args):
        current = nest.pack_sequence_as(initial, list(args[:n]))
        element = nest.pack_sequence_as(element_spec, list(args[n:]))
        new = structure.normalize(body(current, element), lists_as_tuples=True) if n else \
            body(current, element)
        if n:
            structure.check_state(initial, new)
        return nest.flatten(new) if n else []

    sub, result = subgraphs.trace_subgraph(body_fn, specs + element_specs, "dataset_for_body")
    values = subgraphs.set_outputs(sub, result, [s.dtype for s in specs])
    sub.out_specs = [v.spec for v in values]
    test = None
    if extra_test is not None:
        test, flag = subgraphs.trace_subgraph(
            lambda *args: extra_test(nest.pack_sequence_as(initial, list(args))), specs,
            "dataset_for_test")
        subgraphs.set_outputs(test, [flag])
    return sub, test


def _is_loop_value(x) -> bool:
    return isinstance(x, (Tensor, np.ndarray, np.generic)) or type(x) in (bool, int, float)


def ag_for_stmt(iterable, extra_test, body, get_state, set_state, names: tuple, live: tuple,
                options) -> None:
    """AutoGraph's `for x in iterable` over a dataset or a dataset iterator."""
    if state.builder is None:
        pack = structure.make_packer(iterable.element_spec)
        for leaves in iterable._iter_flat():
            if extra_test is not None and not extra_test():
                return
            body(pack(leaves))
        return
    # NOTE: imported here: only converted code calls this, and AutoGraph is loaded by then.
    from ..graph.autograph.runtime.undefined import Undefined, is_undefined

    if (options or {}).get("returns") is not None:
        raise NotImplementedError(
            f"a return statement cannot be placed inside a loop over a tf.data.Dataset (line "
            f"{options['returns']}): assign the result to a variable, `break` out of the loop, "
            f"and return the variable after the loop.")
    init = list(get_state())
    carried = [i for i, n in enumerate(names) if n in live and not is_undefined(init[i])]
    slots = [(i, j) for i in carried for j, leaf in enumerate(nest.flatten(init[i]))
             if _is_loop_value(leaf)]

    def rebuild(values) -> list:
        result = list(init)
        for i in carried:
            flat = nest.flatten(init[i])
            for (k, j), value in zip(slots, values):
                if k == i:
                    flat[j] = value
            result[i] = nest.pack_sequence_as(init[i], flat)
        return result

    def body_fn(loop_state, element):
        set_state(tuple(rebuild(loop_state)))
        body(element)
        new = get_state()
        return tuple(nest.flatten(new[i])[j] for i, j in slots)

    def test_fn(loop_state):
        set_state(tuple(rebuild(loop_state)))
        return extra_test()

    initial = tuple(nest.flatten(init[i])[j] for i, j in slots)
    final = for_loop(iterable, body_fn, initial, None if extra_test is None else test_fn)
    result = rebuild(final)
    for i, name in enumerate(names):
        if i not in carried:
            result[i] = Undefined(name, f"'{name}' is assigned in a loop over a dataset; it has "
                                        f"no value after the loop: define it before the loop")
    set_state(tuple(result))
