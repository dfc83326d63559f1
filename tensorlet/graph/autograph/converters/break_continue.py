"""`break` and `continue`: flags, and guards on the statements that follow them.

    while x > 0:                        break_1 = False
        if x == 3:                      while not break_1 and x > 0:
            break             ->            if x == 3:
        x -= 1                                  break_1 = True
                                            if not break_1:
                                                x -= 1

A `for` loop gets its flags as an extra test (`loop.ag_flags`) checked before each iteration.
`continue` sets a flag cleared at the start of each iteration. An `else:` clause runs after the
loop unless the loop was left by `break`. The guards are ordinary `if`s, so they become `cond`s
when a flag is a tensor.
"""

from __future__ import annotations

import ast

from .. import analysis
from ..templates import Namer, generated, located, not_flag

__all__ = ["convert_loops"]

_LOOPS = (ast.For, ast.While)


def _holds(s, kind) -> bool:
    """Whether `s` holds a `kind` statement of the current loop (not of a nested loop)."""
    if isinstance(s, kind):
        return True
    if isinstance(s, _LOOPS + analysis.NESTED_SCOPES):
        return False
    return any(_holds(c, kind) for c in ast.iter_child_nodes(s))


def _guard(stmts: list, flag: str, kind) -> list:
    """`stmts` with `kind` replaced by `flag = True` and what follows it guarded."""
    out = []
    for i, s in enumerate(stmts):
        if isinstance(s, kind):
            out += located(generated(f"{flag} = True"), s)
            return out
        if not _holds(s, kind):
            out.append(s)
            continue
        _descend(s, flag, kind)
        out.append(s)
        rest = stmts[i + 1:]
        if rest:
            guard = ast.If(test=not_flag(flag), body=_guard(rest, flag, kind), orelse=[])
            out += located([guard], rest[0])
        return out
    return out


def _descend(s, flag: str, kind) -> None:
    if isinstance(s, ast.If):
        s.body, s.orelse = _guard(s.body, flag, kind) or [ast.Pass()], _guard(s.orelse, flag,
                                                                                kind)
    elif isinstance(s, ast.Try):
        s.body, s.orelse = _guard(s.body, flag, kind), _guard(s.orelse, flag, kind)
        s.finalbody = _guard(s.finalbody, flag, kind)
        for handler in s.handlers:
            handler.body = _guard(handler.body, flag, kind) or [ast.Pass()]
    elif hasattr(s, "body"):
        s.body = _guard(s.body, flag, kind)


def _convert_loop(loop, namer: Namer) -> list:
    """The statements replacing `loop` (flags set before it, `else` after it)."""
    before, after = [], []
    if any(_holds(s, ast.Continue) for s in loop.body):
        flag = namer.new("continue_")
        loop.body = located(generated(f"{flag} = False"), loop) + \
            _guard(loop.body, flag, ast.Continue)
    if any(_holds(s, ast.Break) for s in loop.body):
        flag = namer.new("break_")
        loop.body = _guard(loop.body, flag, ast.Break)
        before = located(generated(f"{flag} = False"), loop)
        if isinstance(loop, ast.While):
            loop.test = ast.BoolOp(op=ast.And(), values=[not_flag(flag), loop.test])
        else:
            loop.ag_flags = [*getattr(loop, "ag_flags", []), flag]
        if loop.orelse:
            after = located([ast.If(test=not_flag(flag), body=loop.orelse, orelse=[])], loop)
    elif loop.orelse:
        after = loop.orelse
    loop.orelse = []
    return before + [loop] + after


class _Loops(ast.NodeTransformer):
    def __init__(self, namer: Namer) -> None:
        self.namer = namer

    def visit_For(self, node):
        self.generic_visit(node)
        return _convert_loop(node, self.namer)

    visit_While = visit_For

    def _skip(self, node):
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = _skip


def convert_loops(function, namer: Namer) -> None:
    """Converts the `break`, `continue` and loop `else` of every loop of `function`."""
    loops = _Loops(namer)
    function.body = [r for s in function.body for r in _as_list(loops.visit(s))]


def _as_list(result) -> list:
    return result if isinstance(result, list) else [result]
