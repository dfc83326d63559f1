"""What a gradient rule may ask while it runs: which of its inputs need a gradient at all.

A tape only needs the gradients of inputs that depend on a source; for the others a rule may
skip work and return None (as TF's `skip_input_indices` and PyTorch's `needs_input_grad`).
`x ** 2` is the typical case: the exponent's gradient (a log and two selects) is never needed.
Rules that never ask stay correct: outside a backward pass every input counts as needed.

This module imports nothing, so the op families can import it while they load.
"""

from __future__ import annotations

import threading

__all__ = ["needs_grad", "set_needed"]

_local = threading.local()
_local.mask = None


def needs_grad(index: int) -> bool:
    """Inside a gradient rule: False when the gradient of input `index` will be discarded.

    Example:
        >>> from tensorlet.autodiff.rule_context import needs_grad
        >>> needs_grad(1)  # outside a backward pass everything is needed
        True
    """
    mask = getattr(_local, "mask", None)
    return mask is None or mask[index]


def set_needed(mask):
    """Sets the mask of the rule about to run (None: all needed); returns the previous one."""
    previous = getattr(_local, "mask", None)
    _local.mask = mask
    return previous
