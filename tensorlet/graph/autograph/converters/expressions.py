"""`and`, `or`, `not` and `a if c else b`: staged when their operand is a tensor.

    a and b        ->  ag__.and_(lambda: a, lambda: b)
    not a          ->  ag__.not_(a)
    a if c else b  ->  ag__.if_exp(c, lambda: a, lambda: b)

On Python values they behave exactly as Python's operators (short-circuit included); on a
symbolic tensor they become `logical_not` or a `cond` (which keeps the short-circuit: the second
operand runs only where the first one lets it).
"""

from __future__ import annotations

import ast

__all__ = ["convert_expressions"]


def _ag(name: str) -> ast.Attribute:
    return ast.Attribute(value=ast.Name(id="ag__", ctx=ast.Load()), attr=name, ctx=ast.Load())


def _thunk(expr) -> ast.Lambda:
    args = ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                         kwarg=None, defaults=[])
    return ast.copy_location(ast.Lambda(args=args, body=expr), expr)


class _Expressions(ast.NodeTransformer):
    def visit_BoolOp(self, node):
        self.generic_visit(node)
        name = "and_" if isinstance(node.op, ast.And) else "or_"
        result = node.values[-1]
        for value in reversed(node.values[:-1]):
            call = ast.Call(func=_ag(name), args=[_thunk(value), _thunk(result)], keywords=[])
            result = ast.copy_location(call, node)
        return result

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if not isinstance(node.op, ast.Not):
            return node
        return ast.copy_location(ast.Call(func=_ag("not_"), args=[node.operand], keywords=[]),
                                 node)

    def visit_IfExp(self, node):
        self.generic_visit(node)
        call = ast.Call(func=_ag("if_exp"), args=[node.test, _thunk(node.body),
                                                  _thunk(node.orelse)], keywords=[])
        return ast.copy_location(call, node)

    def visit_ClassDef(self, node):
        return node


def convert_expressions(function) -> None:
    """Rewrites the boolean operators and conditional expressions of `function`."""
    function.body = [_Expressions().visit(s) for s in function.body]
