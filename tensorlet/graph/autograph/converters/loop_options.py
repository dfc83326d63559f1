"""`tf.autograph.experimental.set_loop_options(...)` inside a loop body: lifted out.

TF's options belong to the loop, not to one iteration: the call is removed from the body and
its keyword arguments are evaluated once, before the loop, as the loop's options
(`node.ag_options`). Shape invariants name loop variables by their value at loop entry.
"""

from __future__ import annotations

import ast

__all__ = ["lift_loop_options"]


def _is_options_call(stmt) -> bool:
    if not isinstance(stmt, ast.Expr) or not isinstance(stmt.value, ast.Call):
        return False
    func = stmt.value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name == "set_loop_options"


def lift_loop_options(loop) -> None:
    """Moves the loop's `set_loop_options` calls into `loop.ag_options` (keywords)."""
    keywords = []
    body = []
    for stmt in loop.body:
        if _is_options_call(stmt):
            keywords.extend(stmt.value.keywords)
        else:
            body.append(stmt)
    if keywords:
        loop.body = body or [ast.Pass()]
    loop.ag_options = keywords
