"""Calls: `f(a, *b, k=c, **d)` becomes `ag__.converted_call(f, (a, *b), {'k': c, **d})`.

At trace time `converted_call` converts the functions it is given (plain helpers, methods,
nested `tf.function`s, lambdas) before calling them, so control flow in helpers is converted
too (A13.20). Library code is called as it is. `super()`, `locals()`, `globals()`, `vars()`,
`eval()` and `exec()` read the caller's frame and stay direct calls.
"""

from __future__ import annotations

import ast

__all__ = ["convert_calls"]

_FRAME_CALLS = frozenset({"super", "locals", "globals", "vars", "eval", "exec"})


def _is_generated(func) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
        func.value.id == "ag__"


class _Calls(ast.NodeTransformer):
    def visit_Call(self, node):
        self.generic_visit(node)
        func = node.func
        if _is_generated(func) or (isinstance(func, ast.Name) and func.id in _FRAME_CALLS):
            return node
        args = ast.Tuple(elts=node.args, ctx=ast.Load())
        if node.keywords:
            kwargs = ast.Dict(keys=[k.arg and ast.Constant(k.arg) for k in node.keywords],
                              values=[k.value for k in node.keywords])
        else:
            kwargs = ast.Constant(None)
        target = ast.Attribute(value=ast.Name(id="ag__", ctx=ast.Load()), attr="converted_call",
                               ctx=ast.Load())
        return ast.copy_location(ast.Call(func=target, args=[func, args, kwargs], keywords=[]),
                                 node)

    def visit_ClassDef(self, node):
        return node


def convert_calls(function) -> None:
    """Rewrites every call of `function` (and of the functions nested in it)."""
    function.body = [_Calls().visit(s) for s in function.body]
