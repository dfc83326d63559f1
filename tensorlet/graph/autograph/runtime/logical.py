"""`and`, `or`, `not`, conditional expressions, and the loop flags' test, on any values.

Python values keep Python's semantics (including short-circuit and returning an operand). A
symbolic tensor operand is staged: `not` as `logical_not`, `and` / `or` / `x if c else y` as a
`cond`, so the second operand is evaluated only where the first one lets it (as in TF).
"""

from __future__ import annotations

from ....ops import control, math_compare

__all__ = ["and_", "or_", "not_", "not_any", "if_exp"]


def and_(first, second):
    a = first()
    if control.is_symbolic(a):
        return control.cond(a, second, lambda: a)
    return a and second()


def or_(first, second):
    a = first()
    if control.is_symbolic(a):
        return control.cond(a, lambda: a, second)
    return a or second()


def not_(x):
    if control.is_symbolic(x):
        return math_compare.logical_not(x)
    return not x


def not_any(*flags):
    """True when no flag is set (the extra test of a loop with `break` or `return`)."""
    staged = [f for f in flags if control.is_symbolic(f)]
    if not staged:
        return not any(flags)
    if any(f for f in flags if not control.is_symbolic(f)):
        return False
    result = staged[0]
    for f in staged[1:]:
        result = math_compare.logical_or(result, f)
    return math_compare.logical_not(result)


def if_exp(cond, if_true, if_false):
    if control.is_symbolic(cond):
        return control.cond(cond, if_true, if_false)
    return if_true() if cond else if_false()
