"""`return` inside `if` / loops / `with` / `try`: the function gets a single exit.

    if x > 0:                           do_return = False; retval_ = UndefinedReturnValue()
        return x              ->        if x > 0:
    return -x                               do_return = True; retval_ = x
                                        else:
                                            do_return = True; retval_ = -x
                                        return ag__.retval(retval_)

When one branch of an `if` always returns, the statements after the `if` move into the other
branch (as above); otherwise they run under `if not do_return:`. A loop holding a `return`
stops once `do_return` is set; a loop on a tensor cannot hold one (the runtime raises
NotImplementedError with a fix, as TF does). A function whose returns are all at its top level
is left alone.
"""

from __future__ import annotations

import ast

from .. import analysis
from ..templates import Namer, generated, located, not_flag

__all__ = ["convert_returns"]

_COMPOUND = (ast.If, ast.For, ast.While, ast.With, ast.AsyncWith, ast.Try)


def _nested_return(body: list) -> bool:
    return any(isinstance(s, _COMPOUND) and analysis.contains([s], ast.Return) for s in body)


def _always_returns(stmts: list) -> bool:
    for s in stmts:
        if isinstance(s, ast.Return):
            return True
        if isinstance(s, ast.If) and _always_returns(s.body) and _always_returns(s.orelse):
            return True
    return False


class _Returns:
    def __init__(self, do_return: str, retval: str) -> None:
        self.do_return = do_return
        self.retval = retval

    def block(self, stmts: list) -> list:
        out = []
        for i, s in enumerate(stmts):
            rest = stmts[i + 1:]
            if isinstance(s, ast.Return):
                value = s.value if s.value is not None else ast.Constant(None)
                out += located(self._set(value), s)
                return out
            if not analysis.contains([s], ast.Return):
                out.append(s)
                continue
            rest = self._compound(s, rest)
            out.append(s)
            if rest:
                guard = ast.If(test=not_flag(self.do_return), body=self.block(rest), orelse=[])
                out.append(located([guard], rest[0])[0])
            return out
        return out

    def _set(self, value) -> list:
        return generated(f"{self.do_return} = True\n{self.retval} = VALUE", VALUE=value)

    def _compound(self, s, rest: list) -> list:
        """Converts the blocks of `s`; returns the statements still to guard after it."""
        if isinstance(s, ast.If):
            body_returns, else_returns = _always_returns(s.body), _always_returns(s.orelse)
            if body_returns and not else_returns:
                s.orelse, rest = s.orelse + rest, []
            elif else_returns and not body_returns:
                s.body, rest = s.body + rest, []
            elif body_returns and else_returns:
                rest = []
            s.body, s.orelse = self.block(s.body) or [ast.Pass()], self.block(s.orelse)
        elif isinstance(s, (ast.For, ast.While)):
            s.body = self.block(s.body)
            s.ag_returns = s.lineno
            if isinstance(s, ast.While):
                s.test = ast.BoolOp(op=ast.And(), values=[not_flag(self.do_return), s.test])
            else:
                s.ag_flags = [*getattr(s, "ag_flags", []), self.do_return]
        elif isinstance(s, ast.Try):
            s.body, s.orelse = self.block(s.body), self.block(s.orelse)
            s.finalbody = self.block(s.finalbody)
            for handler in s.handlers:
                handler.body = self.block(handler.body) or [ast.Pass()]
        else:
            s.body = self.block(s.body)
        return rest


def convert_returns(function, namer: Namer) -> None:
    """Rewrites the returns of `function` (a FunctionDef) when some are nested."""
    if not _nested_return(function.body):
        return
    do_return, retval = namer.new("do_return"), namer.new("retval_")
    head = generated(f"{do_return} = False\n{retval} = ag__.UndefinedReturnValue()")
    tail = generated(f"return ag__.retval({retval})")
    located(head, function.body[0])
    located(tail, function.body[-1])
    function.body = head + _Returns(do_return, retval).block(function.body) + tail
