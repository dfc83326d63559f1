"""Datasets inside traced functions: what AutoGraph and `Dataset.reduce` call.

**The AutoGraph hook.** A `for` statement over a dataset inside `tf.function` must run over
the dataset's elements each time the function runs (TF re-runs the loop per call; it is never
unrolled at trace time). AutoGraph converts

    for x in dataset:          into   state = tensorlet.data.graph_loop.for_loop(
        <body>                            dataset, body_fn, init_state, extra_test)

with `body_fn(state, element) -> new state` (a tuple of the loop variables, TF's
get_state/set_state values) and optional `extra_test(state) -> scalar bool` (False stops the
loop: how `break` is expressed). Eagerly `for_loop` is a plain Python loop; while tracing it
adds one `dataset_for` node whose body is a traced subgraph. `Dataset._graph_for` is the same
function, for converters that dispatch on the iterated object.

`next(iterator)` inside a traced function, on an iterator created outside it, adds an
`iterator_get_next` node: each call of the function takes the next element.
"""

from __future__ import annotations

from ..core import nest
from ..core.context import state
from ..core.spec import TensorSpec
from ..ops import _control_subgraph as subgraphs
from ..ops import dataset_ops
from . import loops, structure

__all__ = ["for_loop", "get_next"]


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
    for s in subs:
        s.builder.internalize_reads(s.builder.written)
    variables, captured = subgraphs.align(subs)
    attrs = {"dataset": dataset, "body": sub, "test": test, "num_resources": len(variables),
             "num_state": len(leaves), "specs": tuple(specs)}
    outs = subgraphs.emit_node(dataset_ops.DATASET_FOR, "dataset_for", variables,
                               leaves + captured, attrs, specs)
    return nest.pack_sequence_as(initial, outs)


def _trace(initial, element_spec, element_specs: list, specs: list, body, extra_test):
    n = len(specs)

    def body_fn(*args):
        current = nest.pack_sequence_as(initial, list(args[:n]))
        element = nest.pack_sequence_as(element_spec, list(args[n:]))
        new = structure.normalize(body(current, element), lists_as_tuples=True) if n else \
            body(current, element)
        if n:
            loops.check_state(initial, new)
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
