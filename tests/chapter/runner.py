"""Runs a chapter block by block with its glue steps, and records what was checked.

A `Step` attaches notebook glue to one block, found by a fingerprint (a substring that must
occur in exactly one block, so a changed chapter fails loudly instead of running glue at the
wrong place): `before`/`after` hooks (data, saving a model the book loads, value checks from
../shared/FEATURES.md), `rewrites` (each with its reason; line count kept), or `not_code` (the
block is not Python: its reason, and `after` may still check it as the book's output).
"""

from __future__ import annotations

import contextlib
import logging
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from . import notebook as nbk

_ALLOWED_WARNINGS = ("DeprecationWarning", "PendingDeprecationWarning")


@dataclass
class Step:
    fingerprint: str
    before: Callable | None = None
    after: Callable | None = None
    rewrites: tuple = ()  # (old, new, why)
    not_code: str | None = None


@dataclass
class Result:
    block: nbk.Block
    status: str = "ran"  # "ran" | "not code" | "failed"
    message: str = ""
    checked: list = field(default_factory=list)
    rewrites: list = field(default_factory=list)
    logged: list = field(default_factory=list)  # tensorlet's log warnings and Python warnings


def match_steps(blocks: list, steps: list) -> dict:
    """{block index: step}; every fingerprint must name exactly one block."""
    table = {}
    for step in steps:
        hits = [b.index for b in blocks if step.fingerprint in b.text]
        if len(hits) != 1:
            raise ValueError(f"the step fingerprint {step.fingerprint!r} occurs in blocks "
                             f"{hits}, expected exactly one: has the chapter changed?")
        if hits[0] in table:
            raise ValueError(f"two steps for block {hits[0]}")
        table[hits[0]] = step
    return table


def rewritten(block: nbk.Block, step: Step | None) -> nbk.Block:
    text = block.text
    for old, new, _why in (step.rewrites if step else ()):
        if old not in text:
            raise ValueError(f"block {block.index}: the rewrite {old!r} is not in the block")
        text = text.replace(old, new)
    if text.count("\n") != block.text.count("\n"):
        raise ValueError(f"block {block.index}: a rewrite changed the number of lines")
    return nbk.Block(block.index, block.line, text)


def run_chapter(notebook: nbk.Notebook, steps: list, state: dict) -> list:
    """Runs every block in order (continuing after a failure); one Result per block."""
    table = match_steps(notebook.blocks, steps)
    state.setdefault("stdout", {})
    with notebook.activated():
        return [run_block(notebook, block, table.get(block.index), state)
                for block in notebook.blocks]


def run_block(notebook: nbk.Notebook, block: nbk.Block, step: Step | None, state: dict):
    result = Result(block, rewrites=[(old, new, why) for old, new, why in
                                     (step.rewrites if step else ())])
    state["block"] = block
    try:
        with _capture(result.logged):
            if step and step.before:
                step.before(notebook.ns, state)
            if step and step.not_code:
                result.status = "not code"
            else:
                _run_statements(notebook, rewritten(block, step), result, state)
            if step and step.after:
                step.after(notebook.ns, state)
                result.checked.append(f"after-checks: {step.after.__name__}")
        if unexpected := [w for w in result.logged if not w.startswith(_ALLOWED_WARNINGS)]:
            raise AssertionError("the block warned (the chapter should run cleanly; §0 allows "
                                 "only DeprecationWarning):\n" + "\n".join(unexpected))
    except Exception as error:  # noqa: BLE001 - reported per block, the run goes on
        result.status = "failed"
        lines = traceback.format_exception(error)
        result.message = (f"block {block.index} (markdown line {block.line}: {block.head!r}) "
                          f"failed:\n" + "".join(lines)[-6000:])
    return result


class _Collect(logging.Handler):
    def __init__(self, into: list):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record):
        self.into.append(f"log {record.levelname}: {record.getMessage()}")


@contextlib.contextmanager
def _capture(into: list):
    """Collects tensorlet's log warnings and Python warnings raised while a block runs."""
    handler, logger = _Collect(into), logging.getLogger("tensorlet")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        logger.removeHandler(handler)
        into.extend(f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})"
                    for w in caught)


def _run_statements(notebook, block, result, state):
    filename = notebook.register(block)
    session = block.is_session
    statements = nbk.session_statements(block) if session else nbk.script_statements(block)
    printed_all = []
    for statement in statements:
        printed_all.append(_run_statement(notebook, statement, filename, session, result))
    state["stdout"][block.index] = "".join(printed_all)


def _run_statement(notebook, statement, filename, session, result) -> str:
    where = f"line {statement.line}: {statement.source.splitlines()[0]!r}"
    claims = [c for c in map(nbk.parse_claim, statement.claims) if c]
    expected_error = nbk.expected_exception(statement.expected) if session else None
    raises = [c[1] for c in claims if c[0] == "raises"]
    if raises:
        expected_error = (raises[0], "")
    try:
        printed, value = notebook.execute(statement, filename, echo=session)
    except Exception as error:
        if expected_error is None:
            raise
        if problem := nbk.check_exception(expected_error, error):
            raise AssertionError(f"{where}: {problem}") from error
        result.checked.append(f"{where} raises {expected_error[0]}")
        return ""
    if expected_error is not None:
        raise AssertionError(f"{where}: the book shows {expected_error[0]}, nothing was raised")
    if session:
        if problem := nbk.check_output(statement.expected, printed, value):
            raise AssertionError(f"{where}: {problem}")
        if statement.expected:
            result.checked.append(f"{where} prints the book's output")
    for claim in claims:
        _check_claim(notebook, statement, claim, where, result)
    return printed


def _check_claim(notebook, statement, claim, where, result):
    import numpy as np

    if claim[0] == "returns":
        name = nbk.assigned_name(statement)
        if name is None:
            raise AssertionError(f"{where}: a 'returns' comment on a statement that assigns "
                                 f"no single name")
        if problem := nbk.check_returns(claim[1], notebook.ns[name]):
            raise AssertionError(f"{where}: {problem}")
        result.checked.append(f"{where} returns {claim[1]}")
    elif claim[0] == "equals":
        actual = np.asarray(notebook.ns[claim[1]])
        if actual.shape != np.shape(claim[2]) or not np.allclose(actual, claim[2]):
            raise AssertionError(f"{where}: {claim[1]} should equal {claim[2]}, got {actual}")
        result.checked.append(f"{where} {claim[1]} equals {claim[2]}")
