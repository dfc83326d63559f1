"""What a layer's `call()` accepts, read once per class (never per call)."""

from __future__ import annotations

import inspect

__all__ = ["CallSpec", "call_spec"]

_SPECS: dict = {}


class CallSpec:
    """The parameters of one `call` method that `Layer.__call__` needs to know about."""

    __slots__ = ("first_arg", "accepts_training", "training_default", "accepts_mask",
                 "var_kwargs", "names")

    def __init__(self, fn) -> None:
        params = list(inspect.signature(fn).parameters.values())[1:]
        self.names = {p.name for p in params}
        self.first_arg = params[0].name if params else None
        training = next((p for p in params if p.name == "training"), None)
        self.accepts_training = training is not None
        default = None if training is None else training.default
        self.training_default = None if default is inspect.Parameter.empty else default
        self.accepts_mask = "mask" in self.names
        self.var_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params)


def call_spec(cls) -> CallSpec:
    """The cached `CallSpec` of `cls.call`."""
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = CallSpec(cls.call)
    return spec
