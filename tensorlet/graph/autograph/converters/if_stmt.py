"""`if`: both branches become functions; `ag__.if_stmt` picks Python or a `cond` node.

    if x > 0:                 def if_body_1():            def else_body_1():
        y = x        ->           nonlocal y                  nonlocal y
    else:                         y = x                       y = -x
        y = -x                ag__.if_stmt(x > 0, if_body_1, else_body_1, get_state_1,
                                           set_state_1, ('y',), ('y',))

On a Python condition only the chosen function runs (one trace per value). On a tensor both
are traced, and the live names they assign become the outputs of one `cond` node.
"""

from __future__ import annotations

from ..templates import function_def, generated, located, state_functions

__all__ = ["convert"]


def convert(node, context) -> list:
    namer = context.namer
    names, live = context.names(node)
    body, orelse = namer.new("if_body", True), namer.new("else_body", True)
    defs = function_def(body, "", names, context.global_names, node.body)
    defs += function_def(orelse, "", names, context.global_names, node.orelse)
    state, get, put = state_functions(namer, names, context.global_names)
    call = generated(f"ag__.if_stmt(TEST, {body}, {orelse}, {get}, {put}, {tuple(names)!r}, "
                     f"{live!r})", TEST=node.test)
    return located(state + defs, node) + located(call, node, node.test)
