"""Finding the user's own frame: the innermost caller whose code is not tensorlet's.

Error messages, graph nodes and gradient explanations all name the user's file and line.
"""

from __future__ import annotations

import os

__all__ = ["PACKAGE_DIR", "first_outside"]

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def first_outside(frame, skipped: tuple = (PACKAGE_DIR,)):
    """`frame` or its innermost caller whose file does not start with one of `skipped`.

    Returns None when every frame up the stack is skipped.
    """
    while frame is not None and frame.f_code.co_filename.startswith(skipped):
        frame = frame.f_back
    return frame
