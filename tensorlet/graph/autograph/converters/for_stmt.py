"""`for`: the body becomes a function of the element; `ag__.for_stmt` iterates in Python over
Python iterables, and records one `while_loop` node over a tensor, a `tf.range` or (through the
`_ag_for_stmt` protocol) a dataset.

    for i in tf.range(n):     def loop_body_1(itr_1):
        s += i       ->           nonlocal i, s
                                  i = itr_1
                                  s += i
                              ag__.for_stmt(ag__.converted_call(tf.range, (n,), None,
                                            iterated=True), None, loop_body_1, get_state_1,
                                            set_state_1, ('i', 's'), ('s',), None)

The loop's `break` / `return` flags form an extra test checked before each iteration.
"""

from __future__ import annotations

import ast

from ..templates import function_def, generated, located, state_functions
from .while_stmt import options

__all__ = ["convert"]


def _iterated(iter_) -> ast.expr:
    """Marks a call in the iterable position: `tf.range` on tensors may then stay lazy."""
    func = iter_.func if isinstance(iter_, ast.Call) else None
    if isinstance(func, ast.Attribute) and func.attr == "converted_call" and \
            isinstance(func.value, ast.Name) and func.value.id == "ag__":
        iter_.keywords = [*iter_.keywords, ast.keyword(arg="iterated",
                                                       value=ast.Constant(True))]
    return iter_


def convert(node, context) -> list:
    namer = context.namer
    names, live = context.names(node)
    body, item = namer.new("loop_body", True), namer.new("itr")
    assign = located([ast.Assign(targets=[node.target], value=ast.Name(id=item, ctx=ast.Load()))],
                     node.target)
    defs = function_def(body, item, names, context.global_names, assign + node.body)
    extra = "None"
    flags = getattr(node, "ag_flags", [])
    if flags:
        extra = namer.new("extra_test", True)
        defs += generated(f"def {extra}():\n    return ag__.not_any({', '.join(flags)})")
    state, get, put = state_functions(namer, names, context.global_names)
    call = generated(f"ag__.for_stmt(ITER, {extra}, {body}, {get}, {put}, {tuple(names)!r}, "
                     f"{live!r}, OPTIONS)", ITER=_iterated(node.iter), OPTIONS=options(node))
    return located(state + defs, node) + located(call, node, node.iter)
