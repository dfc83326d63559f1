"""Variable ops inside graphs: read_variable, assign_variable, assign_add/sub_variable.

A traced function refers to a variable through a *resource* input: at run time that input is
the `tf.Variable` object itself, so each call reads the variable's current value (variables are
captured by reference) and assignments replace the variable's array, as eager assignment does.
The kernels therefore take the variable as their first argument. Eagerly, `Variable.assign*`
runs its own code; these ops only appear in graphs, where the builder creates them.
"""

from __future__ import annotations

import operator
import sys

import numpy as np

from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, STATEFUL, Traits, def_op
from ..core.spec import TensorSpec

__all__: list = []

# A read has no side effect (dead reads may be pruned) but its value changes between calls,
# so it is neither folded nor merged.
_READ = Traits(pure=False)


# NOTE: a C-level getter: graphs read variables often, and this is the whole kernel.
_read = operator.attrgetter("_value")


def _check_shape(variable, x, op: str) -> None:
    if x.shape != variable._value.shape and not variable._shape.is_compatible_with(x.shape):
        raise InvalidArgumentError(
            f"{op}: the value shape {list(x.shape)} is not compatible with the shape "
            f"{variable._shape} of variable '{variable.name}'")


def _assign(variable, x) -> None:
    _check_shape(variable, x, "assign_variable")
    # NOTE: np.asarray: plans pass NumPy scalars for 0-d results; a variable holds arrays.
    variable._value = np.asarray(x)


# References to a variable's array when only the variable holds it, counted inside `_sole_array`
# (the variable's attribute, the local name and `sys.getrefcount`'s argument).
_SOLE_REFS = 3


def _sole_array(variable, x):
    """The variable's array when nothing else can see it (no tensor, view or local holds it), so
    an update may write into it instead of allocating; None otherwise (copy-on-write)."""
    arr = variable._value
    if (type(arr) is np.ndarray and arr.base is None and arr.flags.writeable
            and getattr(x, "shape", None) == arr.shape and getattr(x, "dtype", None) == arr.dtype
            and sys.getrefcount(arr) <= _SOLE_REFS):
        return arr
    return None


def _assign_add(variable, x) -> None:
    if x.shape != variable._value.shape:
        _check_shape(variable, x, "assign_add_variable")
    arr = _sole_array(variable, x)
    if arr is not None:
        np.add(arr, x, out=arr)
        return
    variable._value = np.asarray(variable._value + x)


def _assign_sub(variable, x) -> None:
    if x.shape != variable._value.shape:
        _check_shape(variable, x, "assign_sub_variable")
    arr = _sole_array(variable, x)
    if arr is not None:
        np.subtract(arr, x, out=arr)
        return
    variable._value = np.asarray(variable._value - x)


def _update_infer(op: str, exact: bool):
    def infer(resource: TensorSpec, x: TensorSpec) -> tuple:
        if x.dtype is not resource.dtype:
            raise InvalidArgumentError(
                f"{op}: cannot write a {x.dtype.name} value to a {resource.dtype.name} "
                f"variable; use tf.cast(value, tf.{resource.dtype.name})")
        same = resource.shape.is_compatible_with(x.shape)
        if exact and same and resource.shape.rank is not None:
            same = resource.shape.rank == x.shape.rank
        if not same:
            raise InvalidArgumentError(
                f"{op}: the value shape {x.shape} is not compatible with the variable shape "
                f"{resource.shape} (value: {x.short()})")
        return ()

    return infer


READ_VARIABLE = def_op(
    "read_variable", tf_name="ReadVariableOp", kernel=_read,
    infer=lambda resource: TensorSpec(resource.shape, resource.dtype),
    grad=lambda g, y, variable: (g,), traits=_READ,
)
ASSIGN_VARIABLE = def_op(
    "assign_variable", tf_name="AssignVariableOp", kernel=_assign,
    infer=_update_infer("assign_variable", exact=False), grad=NONDIFF, traits=STATEFUL,
    num_outputs=0,
)
ASSIGN_ADD_VARIABLE = def_op(
    "assign_add_variable", tf_name="AssignAddVariableOp", kernel=_assign_add,
    infer=_update_infer("assign_add_variable", exact=True), grad=NONDIFF, traits=STATEFUL,
    num_outputs=0, fresh=True,
)
ASSIGN_SUB_VARIABLE = def_op(
    "assign_sub_variable", tf_name="AssignSubVariableOp", kernel=_assign_sub,
    infer=_update_infer("assign_sub_variable", exact=True), grad=NONDIFF, traits=STATEFUL,
    num_outputs=0, fresh=True,
)

# Elements per block of the fused update below: the scaled gradient of a block stays in the
# cache, so the update reads the gradient and the variable once and writes the variable once.
_BLOCK = 1 << 16


def _apply_gradient_descent(variable, alpha, delta) -> None:
    if delta.shape != variable._value.shape:
        _check_shape(variable, delta, "resource_apply_gradient_descent")
    arr = _sole_array(variable, delta)
    if arr is None:
        variable._value = np.asarray(variable._value - alpha * delta)
        return
    if arr.size <= _BLOCK or not (arr.flags.c_contiguous and delta.flags.c_contiguous):
        np.subtract(arr, alpha * delta, out=arr)
        return
    flat, flat_delta = arr.reshape(-1), delta.reshape(-1)
    scaled = np.empty(_BLOCK, arr.dtype)
    for start in range(0, flat.size, _BLOCK):
        stop = min(start + _BLOCK, flat.size)
        part = scaled[:stop - start]
        np.multiply(flat_delta[start:stop], alpha, out=part)
        np.subtract(flat[start:stop], part, out=flat[start:stop])


def _apply_gradient_descent_infer(resource: TensorSpec, alpha: TensorSpec,
                                  delta: TensorSpec) -> tuple:
    if alpha.shape.rank != 0:
        raise InvalidArgumentError(
            f"resource_apply_gradient_descent: alpha is not a scalar: {alpha.short()}")
    return _update_infer("resource_apply_gradient_descent", exact=True)(resource, delta)


# TF's ResourceApplyGradientDescent, `var -= alpha * delta`: graphs get it from the fusion pass
# (passes/fusion.py), which finds `assign_sub(var, delta * alpha)`; the result is the same bits.
APPLY_GRADIENT_DESCENT = def_op(
    "resource_apply_gradient_descent", tf_name="ResourceApplyGradientDescent",
    kernel=_apply_gradient_descent, infer=_apply_gradient_descent_infer, grad=NONDIFF,
    traits=STATEFUL, num_outputs=0, fresh=True, dtype_group=(1, 2),
)

UPDATES = {"assign": ASSIGN_VARIABLE, "assign_add": ASSIGN_ADD_VARIABLE,
           "assign_sub": ASSIGN_SUB_VARIABLE}
