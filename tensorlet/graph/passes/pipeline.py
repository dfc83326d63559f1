"""The order in which the graph passes run.

Simplification exposes constants and duplicates, folding turns them into constants, CSE merges
what is left, fusion merges update patterns into one op, DCE drops whatever nothing uses any
more. The sequence runs until nothing changes (at most `MAX_ROUNDS` times).
"""

from __future__ import annotations

from .algebraic import simplify
from .constant_fold import fold_constants
from .cse import eliminate_common_subexpressions
from .dce import eliminate_dead_code
from .fusion import fuse_updates

__all__ = ["PASSES", "optimize", "MAX_ROUNDS"]

PASSES = (simplify, fold_constants, eliminate_common_subexpressions, fuse_updates,
          eliminate_dead_code)
MAX_ROUNDS = 4


def optimize(graph):
    """A copy of `graph` with every pass applied; the traced graph is left as it is."""
    graph = graph.copy()
    for _ in range(MAX_ROUNDS):
        changed = False
        for run_pass in PASSES:
            changed = run_pass(graph) or changed
        if not changed:
            break
    return graph
