"""Graph nodes for `tf.data` inside traced functions (no public functions here).

- `iterator_get_next`: `next(iterator)` on an iterator made outside the function; each run of
  the function pulls the next element (OutOfRangeError at the end, as TF).
- `dataset_for`: a whole loop over a dataset (`for x in dataset` through AutoGraph, or
  `dataset.reduce`): each run iterates the dataset afresh and runs the loop body, a traced
  subgraph, on every element. Inputs are `[*variables written by the body, *initial state,
  *bound source tensors, *captured values]`; outputs are the final state.

Both are stateful (never pruned or folded) and have no gradient, as in TF. The dataset and
iterator objects are attributes: this module never imports `tensorlet.data`.

A dataset built inside the traced function from its tensors (`from_tensor_slices(x)` of an
argument `x`) is rebuilt on each run: those tensors are node inputs after the state, and the
`rebind(dataset, arrays)` attribute returns the pipeline holding this run's values.
"""

from __future__ import annotations

import numpy as np

from ..core.registry import NONDIFF, STATEFUL, def_op

__all__: list = []


def _get_next_kernel(iterator=None, specs=()):
    return iterator._next_flat()


ITERATOR_GET_NEXT = def_op(
    "iterator_get_next", tf_name="IteratorGetNext", kernel=_get_next_kernel,
    infer=lambda iterator=None, specs=(): list(specs), grad=NONDIFF, traits=STATEFUL,
    attrs={"iterator": None, "specs": ()}, num_outputs=-1,
)


def _as_arrays(values) -> list:
    return [v if type(v) is np.ndarray else np.asarray(v) for v in values]


def _dataset_for_kernel(*inputs, dataset=None, body=None, test=None, num_resources=0,
                        num_state=0, num_bound=0, rebind=None, specs=()):
    resources = inputs[:num_resources]
    at = num_resources + num_state
    loop_state = inputs[num_resources:at]
    if num_bound:
        dataset = rebind(dataset, inputs[at:at + num_bound])
    captured = inputs[at + num_bound:]
    for leaves in dataset._iter_flat():
        if test is not None and not test.run(*resources, *loop_state, *captured)[0]:
            break
        loop_state = body.run(*resources, *loop_state, *leaves, *captured)
    return tuple(_as_arrays(loop_state))


DATASET_FOR = def_op(
    "dataset_for", tf_name="ReduceDataset", kernel=_dataset_for_kernel,
    infer=lambda *inputs, specs=(), **attrs: list(specs), grad=NONDIFF, traits=STATEFUL,
    attrs={"dataset": None, "body": None, "test": None, "num_resources": 0, "num_state": 0,
           "num_bound": 0, "rebind": None, "specs": ()},
    num_outputs=-1,
)
