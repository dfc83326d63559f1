"""Prints the code lines of every module in tensorlet/ and fails when one exceeds the cap.

Code lines exclude blank lines, comments and docstrings. The cap is 500 (STYLE.md: aim for 300).
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from pathlib import Path

CAP = 500
ROOT = Path(__file__).resolve().parent.parent / "tensorlet"


def _docstring_lines(tree: ast.AST) -> set:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant
            ) and isinstance(body[0].value.value, str):
                lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


def code_lines(path: Path) -> int:
    source = path.read_text(encoding="utf-8")
    docstrings = _docstring_lines(ast.parse(source))
    lines = set()
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
            tokenize.ENCODING, tokenize.ENDMARKER}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in skip:
            lines.update(range(tok.start[0], tok.end[0] + 1))
    return len(lines - docstrings)


def main() -> int:
    rows = sorted((code_lines(p), p.relative_to(ROOT.parent)) for p in ROOT.rglob("*.py"))
    total = sum(n for n, _ in rows)
    over = [(n, p) for n, p in rows if n > CAP]
    for n, p in rows[-10:]:
        print(f"{n:6d}  {p}")
    print(f"{total:6d}  total code lines in {len(rows)} modules (cap {CAP} per module)")
    for n, p in over:
        print(f"error: {p} has {n} code lines (cap {CAP}); split it by concern", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
