"""`tf.config`: devices and execution settings.

tensorlet runs on the CPU; a GPU request is honoured with soft placement (the op runs on the
CPU without error), as TF does when no GPU is present.
"""

from __future__ import annotations

from typing import NamedTuple

from .core.dispatch import enable_numpy_promotion
from .core.variable import enable_variable_setitem
from .graph.run_mode import functions_run_eagerly, run_functions_eagerly

__all__ = ["enable_numpy_promotion", "enable_variable_setitem", "functions_run_eagerly",
           "run_functions_eagerly",
           "PhysicalDevice", "LogicalDevice", "list_physical_devices", "list_logical_devices",
           "get_visible_devices", "set_soft_device_placement", "get_soft_device_placement"]


class PhysicalDevice(NamedTuple):
    """A device of the machine, as `tf.config.list_physical_devices` lists it."""

    name: str
    device_type: str


class LogicalDevice(NamedTuple):
    """A device as the runtime sees it."""

    name: str
    device_type: str


_CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")
_settings = {"soft_placement": True}


def list_physical_devices(device_type: str | None = None) -> list:
    """The machine's devices: one CPU; never a GPU.

    Example:
        >>> import tensorlet as tf
        >>> tf.config.list_physical_devices("CPU"), tf.config.list_physical_devices("GPU")
        ([PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')], [])
    """
    if device_type is None or device_type.upper() == "CPU":
        return [_CPU]
    return []


def list_logical_devices(device_type: str | None = None) -> list:
    """The logical devices: one CPU."""
    return [LogicalDevice("/device:CPU:0", "CPU")] if device_type in (None, "CPU") else []


def get_visible_devices(device_type: str | None = None) -> list:
    return list_physical_devices(device_type)


def set_soft_device_placement(enabled: bool) -> None:
    _settings["soft_placement"] = bool(enabled)


def get_soft_device_placement() -> bool:
    return _settings["soft_placement"]
