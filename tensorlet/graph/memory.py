"""Memory planning for compiled plans: which results reuse memory instead of allocating.

A training step allocates the same large arrays on every call (activations, gradients, the
weight gradient of a 2048x2048 layer is 16 MB); fresh allocations of that size come from the
operating system each time and cost page faults comparable to the arithmetic. The planner gives
such results memory that outlives the call (an *arena* slot of the plan, allocated once) or the
memory of an input that dies at this op (*donation*: `add(matmul(x, w), b)` adds in place).

A result may live in reused memory only when nobody can see that memory after its last use: it
has a fully known shape of rank >= 1, it is not an output of the graph, and every op that reads
it is `fresh` (returns new arrays and keeps no reference to its inputs: no view, no variable
assignment, no Python callback keeps it). Only ops with an `out_kernel` write into given memory.
Arena slots are shared between results whose lifetimes do not overlap.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MemoryPlan", "plan_memory"]

# Results smaller than this are left to NumPy's allocator, which is fast for them; an arena slot
# costs its memory for as long as the plan lives.
ARENA_MIN_BYTES = 16 * 1024


class MemoryPlan:
    """Where each op node writes its result: `donor[node]` is the input position whose memory
    it reuses, `slot[node]` the arena slot it writes to; `slots` lists `(shape, dtype)`."""

    def __init__(self) -> None:
        self.donor: dict = {}
        self.slot: dict = {}
        self.slots: list = []

    def out_target(self, node):
        """`("input", position)`, `("slot", index)` or None for a node."""
        if id(node) in self.donor:
            return "input", self.donor[id(node)]
        if id(node) in self.slot:
            return "slot", self.slot[id(node)]
        return None

    def allocate(self) -> list:
        """The arena's arrays (allocated once per plan, reused by every call)."""
        return [np.empty(shape, dtype) for shape, dtype in self.slots]


def _static(value):
    """`(shape, numpy dtype)` when the value's shape is fully known, rank >= 1, non-string."""
    shape = value.spec.shape
    if shape.rank is None or shape.rank == 0 or not shape.is_fully_defined():
        return None
    np_dtype = value.spec.dtype._np
    if np_dtype.kind == "O":
        return None
    return tuple(shape.as_list()), np_dtype


def _consumers(graph) -> dict:
    users: dict = {}
    for node in graph.nodes:
        for v in node.inputs:
            users.setdefault(id(v), []).append(node)
    return users


def _private(value, users: dict, outputs: set) -> bool:
    """Whether the value's memory is invisible after its last use (see the module docstring)."""
    node = value.node
    if node.kind != "op" or not node.op.fresh or node.op.num_outputs != 1:
        return False
    if id(value) in outputs or _static(value) is None:
        return False
    return all(user.kind == "op" and user.op.fresh for user in users.get(id(value), ()))


def plan_memory(graph) -> MemoryPlan:
    """The memory plan of an (optimised) graph: donations first, arena slots for the rest."""
    plan = MemoryPlan()
    users = _consumers(graph)
    outputs = {id(v) for v in graph.outputs}
    last: dict = {}
    for i, node in enumerate(graph.nodes):
        for v in node.inputs:
            last[id(v)] = i
    buffer_of: dict = {}  # id(value) -> arena slot it lives in
    ends: dict = {}  # slot -> index of the last node reading it
    free: dict = {}  # (shape, dtype) -> slots free for reuse
    for i, node in enumerate(graph.nodes):
        if node.kind != "op" or node.op.out_kernel is None or len(node.outputs) != 1:
            continue
        out = node.outputs[0]
        private = _private(out, users, outputs)
        target = _static(out)
        donor = _donor(node, i, target, last, users, outputs, buffer_of, private)
        if donor is not None:
            plan.donor[id(node)] = donor
            slot = buffer_of.get(id(node.inputs[donor]))
            if slot is not None:
                buffer_of[id(out)] = slot
                ends[slot] = max(ends[slot], last.get(id(out), i))
        elif private and target[1].itemsize * int(np.prod(target[0])) >= ARENA_MIN_BYTES:
            slot = _take_slot(plan, free, ends, target, i)
            plan.slot[id(node)] = slot
            buffer_of[id(out)] = slot
            ends[slot] = last.get(id(out), i)
    return plan


def _donor(node, i, target, last, users, outputs, buffer_of, private):
    """The input position whose memory the node may write into, or None (only elementwise
    ops read each element before writing it; a matmul must never write over its inputs)."""
    if target is None or node.op.traits.fusion != "elementwise":
        return None
    for position, v in enumerate(node.inputs):
        if last.get(id(v)) != i or id(v) in outputs or not _private(v, users, outputs):
            continue
        if node.inputs.count(v) > 1 or _static(v) != target:
            continue
        if id(v) in buffer_of and not private:
            continue  # arena memory must never reach a result that escapes
        return position
    return None


def _take_slot(plan: MemoryPlan, free: dict, ends: dict, target: tuple, i: int) -> int:
    """A slot of this shape and dtype whose last reader ran before node `i`, or a new one."""
    for slot in free.get(target, ()):
        if ends[slot] < i:
            free[target].remove(slot)
            free[target].append(slot)
            return slot
    plan.slots.append(target)
    slot = len(plan.slots) - 1
    free.setdefault(target, []).append(slot)
    return slot
