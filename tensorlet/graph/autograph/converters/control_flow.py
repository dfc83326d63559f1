"""Runs the `if` / `while` / `for` converters over one function, innermost constructs first.

What each construct modifies and which of those names stay live is computed on the whole
function before anything is rewritten (`analysis.control_info`). The helpers assign those names
through `nonlocal`, which needs a binding in the function: names bound only inside converted
constructs get one in a never-run `if False:` block, which makes them locals as they were.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .. import analysis
from ..templates import Namer, generated, located
from . import for_stmt, if_stmt, while_stmt

__all__ = ["Context", "convert_control_flow"]


@dataclass
class Context:
    """What a construct converter needs: fresh names and the function's scope facts."""

    namer: Namer
    info: dict
    global_names: set
    declared: set = field(default_factory=set)  # names the helpers declare nonlocal

    def names(self, node) -> tuple:
        names, live = self.info[id(node)]
        self.declared.update(n for n in names if n not in self.global_names)
        return list(names), tuple(live)


class _ControlFlow(ast.NodeTransformer):
    def __init__(self, context: Context) -> None:
        self.context = context

    def visit_If(self, node):
        self.generic_visit(node)
        return if_stmt.convert(node, self.context)

    def visit_While(self, node):
        self.generic_visit(node)
        return while_stmt.convert(node, self.context)

    def visit_For(self, node):
        self.generic_visit(node)
        return for_stmt.convert(node, self.context)

    def _skip(self, node):
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = _skip


def _params(function) -> set:
    args = function.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    return names | {a.arg for a in (args.vararg, args.kwarg) if a is not None}


def convert_control_flow(function, namer: Namer) -> None:
    """Converts the control flow of `function` (a FunctionDef; nested ones are left alone)."""
    global_names, nonlocal_names = analysis.declared(function)
    context = Context(namer, analysis.control_info(function), global_names)
    transformer = _ControlFlow(context)
    body = []
    for s in function.body:
        result = s if isinstance(s, analysis.NESTED_SCOPES) else transformer.visit(s)
        body.extend(result if isinstance(result, list) else [result])
    unbound = sorted(context.declared - _params(function) - nonlocal_names)
    if unbound:
        targets = " = ".join(unbound)
        body = located(generated(f"if False:\n    {targets} = None"), function.body[0]) + body
    function.body = body
