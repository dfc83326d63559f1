"""`while`: the test and the body become functions; `ag__.while_stmt` runs a Python loop while
the test is a Python value, or records one `while_loop` node once it is a tensor.

    while x > 1:              def loop_test_1():          def loop_body_1():
        x //= 2      ->           return x > 1                nonlocal x
                                                              x //= 2
                              ag__.while_stmt(loop_test_1, loop_body_1, get_state_1,
                                              set_state_1, ('x',), ('x',), None)

The loop's options (`set_loop_options`, and the line of a `return` it holds) are the last
argument.
"""

from __future__ import annotations

import ast

from ..templates import function_def, generated, located, state_functions

__all__ = ["convert", "options"]


def options(node) -> ast.expr:
    """`ag__.loop_options(...)` for the loop's lifted options and `return`, or None."""
    keywords = list(getattr(node, "ag_options", []))
    returns = getattr(node, "ag_returns", None)
    if returns is not None:
        keywords.append(ast.keyword(arg="returns", value=ast.Constant(returns)))
    if not keywords:
        return ast.Constant(None)
    func = ast.Attribute(value=ast.Name(id="ag__", ctx=ast.Load()), attr="loop_options",
                         ctx=ast.Load())
    return ast.Call(func=func, args=[], keywords=keywords)


def convert(node, context) -> list:
    namer = context.namer
    names, live = context.names(node)
    test, body = namer.new("loop_test", True), namer.new("loop_body", True)
    defs = generated(f"def {test}():\n    return TEST", TEST=node.test)
    defs += function_def(body, "", names, context.global_names, node.body)
    state, get, put = state_functions(namer, names, context.global_names)
    call = generated(f"ag__.while_stmt({test}, {body}, {get}, {put}, {tuple(names)!r}, "
                     f"{live!r}, OPTIONS)", OPTIONS=options(node))
    return located(state + defs, node) + located(call, node, node.test)
