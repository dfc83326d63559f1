"""`execute`: runs one registry op eagerly, or hands it to the graph builder while tracing.

The eager path is kept lean (it is the cost of every `a + b`): read the input arrays, check the
dtype group, call the kernel, wrap the result, tell the active tapes. Shape and attribute
validation happen in the kernel; when a kernel fails, the op's shape rule is run on the inputs'
specs to produce TF's error with a clear message.
"""

from __future__ import annotations

import functools
import sys

import numpy as np

from . import dtypes
from .context import _debug, state
from .convert import to_array
from .errors import InternalError, InvalidArgumentError, OpError
from .frames import first_outside
from .registry import REGISTRY, errstate_switch
from .spec import TensorSpec
from .tensor import EagerTensor, as_result_array, wrap
from .variable import ResourceVariable

__all__ = ["execute", "fast_binary", "specs_text", "check_dtypes", "enable_numpy_promotion",
           "promotion_target"]

_NO_ATTRS: dict = {}
_promotion = {"on": False}
_SWITCH = errstate_switch()
_ERR_VAR, _ERR_IGNORE = _SWITCH if _SWITCH is not None else (None, None)
_new_tensor = EagerTensor.__new__
_FLOAT_NP = frozenset({np.dtype(np.float32), np.dtype(np.float64)})
_FAST_SCALARS = {
    float: frozenset({dtypes.float32, dtypes.float64}),
    int: frozenset({dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64}),
}
_FAST_LIMIT = 2**31 - 1
# Operand types the fast path reads directly (exact types: subclasses take the generic path).
_OPERANDS = frozenset({EagerTensor, ResourceVariable})
_NP_TO_DTYPE = dtypes._BY_NP


def execute(op, inputs, attrs=_NO_ATTRS, name=None):
    """Runs `op` on `inputs` (tensors, variables or Python values) with `attrs`.

    Returns one Tensor, or a tuple of Tensors for ops with several outputs.
    """
    st = state
    if st.builder is not None:
        return st.builder.add_op(op, inputs, attrs, name)
    try:
        values = [x._value for x in inputs]
    except AttributeError:
        inputs = _convert_inputs(op, inputs)
        values = [x._value for x in inputs]
    group = op.dtype_group
    if group:
        dt = values[group[0]].dtype
        for i in group:
            other = values[i].dtype
            if other is not dt and other != dt:
                target = promotion_target(op, [_NP_TO_DTYPE[v.dtype] for v in values])
                if target is None:
                    check_dtypes(op, [_NP_TO_DTYPE[v.dtype] for v in values])
                inputs = [execute(REGISTRY["cast"], (x,), {"dtype": target})
                          if j in group and _NP_TO_DTYPE[values[j].dtype] is not target else x
                          for j, x in enumerate(inputs)]
                values = [x._value for x in inputs]
                dt = target._np
                break
        if op.allowed_np is not None and dt not in op.allowed_np:
            check_dtypes(op, [_NP_TO_DTYPE[v.dtype] for v in values])
    try:
        if op.quiet and _SWITCH is not None:
            token = _ERR_VAR.set(_ERR_IGNORE)
            try:
                out = op.raw_kernel(*values, **attrs)
            finally:
                _ERR_VAR.reset(token)
        else:
            out = op.kernel(*values, **attrs)
    except OpError:
        raise
    except (ValueError, TypeError, IndexError, KeyError, ZeroDivisionError, OverflowError,
            MemoryError) as exc:
        raise _explain_failure(op, values, attrs, exc) from None
    if op.num_outputs == 1:
        if type(out) is not np.ndarray:
            out = as_result_array(out)
        result = _new_tensor(EagerTensor)
        result._value = out
    else:
        result = tuple(wrap(o) for o in out)
    if _debug["checks"]:
        _check_infer(op, values, attrs, result)
    if st.tapes:
        for tape in tuple(st.tapes):
            tape._record(op, inputs, attrs, result)
    return result


def _convert_inputs(op, inputs) -> list:
    """Converts non-tensor inputs the way TF's generated ops do.

    In the dtype group, the first tensor's dtype is required of every Python or NumPy value
    (NumPy data is cast; Python data that cannot take it, such as 1.5 for int32, is a TypeError).
    With no tensor in the group, the first value's inferred dtype is required of the others.
    Tensors of another dtype are kept, so `check_dtypes` reports the mismatch.
    """
    group = op.dtype_group
    dtype = None
    for i in group:
        v = getattr(inputs[i], "_value", None)
        if v is not None:
            dtype = _NP_TO_DTYPE[v.dtype]
            break
    converted = []
    for i, x in enumerate(inputs):
        if hasattr(x, "_value"):
            converted.append(x)
            continue
        if i in group and dtype is not None and type(x) in _FAST_SCALARS \
                and dtype in _FAST_SCALARS[type(x)] and abs(x) <= _FAST_LIMIT:
            # Fast path for `3 * w`: a Python number that the group's dtype always represents.
            converted.append(wrap(np.array(x, dtype._np)))
            continue
        if i not in group:
            converted.append(wrap(to_array(x)))
            continue
        try:
            arr = to_array(x, dtype)
        except TypeError as e:
            if dtype is None:
                raise
            raise TypeError(f"{e}\n{op.name}: input #{i} ({x!r}) cannot be {dtype.name} like "
                            f"the op's other inputs; tensorlet never casts silently: pass a "
                            f"{dtype.name} value, or cast the tensor, e.g. "
                            f"tf.cast(x, tf.float32)") from None
        if dtype is None:
            dtype = _NP_TO_DTYPE[arr.dtype]
        converted.append(wrap(arr))
    return converted


def specs_text(values) -> str:
    return ", ".join(_spec(v).short() for v in values)


def _spec(v) -> TensorSpec:
    return TensorSpec(v.shape, _NP_TO_DTYPE[v.dtype])


def enable_numpy_promotion(enabled: bool = True) -> None:
    """Opt-in (C10): mixed dtypes in an op follow NumPy's promotion instead of raising.

    The inputs are cast with the registry's `cast` op (so tapes and traces see the casts). TF's
    strict rule stays the default, as the chapter requires.

    Example:
        >>> import tensorlet as tf
        >>> tf.config.enable_numpy_promotion()
        >>> (tf.constant(2.0) + tf.constant(40)).dtype
        tf.float64
        >>> tf.config.enable_numpy_promotion(False)
    """
    _promotion["on"] = bool(enabled)


def promotion_target(op, input_dtypes):
    """The dtype a mixed dtype group is promoted to when promotion is on, else None."""
    if not _promotion["on"]:
        return None
    group = [input_dtypes[i] for i in op.dtype_group]
    if any(d is dtypes.string for d in group):
        return None
    return dtypes.from_numpy(np.result_type(*[d._np for d in group]))


def check_dtypes(op, input_dtypes) -> None:
    """Raises TF's error when the op's dtype group is mixed or holds a dtype it does not take.

    Used by eager execution and by graph tracing, so both report the same message.
    """
    group = op.dtype_group
    if not group:
        return
    first = input_dtypes[group[0]]
    for i in group:
        if input_dtypes[i] is not first:
            raise _dtype_mismatch_error(op, first, input_dtypes[i], group[0], i)
    if op.allowed is not None and first not in op.allowed:
        raise _unsupported_dtype_error(op, first)


def _dtype_mismatch_error(op, expected, got, first, index) -> InvalidArgumentError:
    """TF's message for mixed dtypes, plus the dtypes by name and the `tf.cast` fix."""
    return InvalidArgumentError(
        None, None,
        f"cannot compute {op.tf_name} as input #{index}(zero-based) was expected to be a "
        f"{expected.kernel_name} tensor but is a {got.kernel_name} tensor [Op:{op.tf_name}]\n"
        f"{op.name}: input #{first} is {expected.name} and input #{index} is {got.name}; "
        f"tensorlet never casts silently: convert one of them, e.g. "
        f"tf.cast(y, tf.{expected.name}) (at {_user_location()})",
    )


def _user_location() -> str:
    """`file:line` of the innermost caller outside tensorlet: where the user wrote the op."""
    frame = first_outside(sys._getframe(1))
    return "<unknown>" if frame is None else f"{frame.f_code.co_filename}:{frame.f_lineno}"


def _unsupported_dtype_error(op, got) -> InvalidArgumentError:
    allowed = ", ".join(sorted(d.name for d in op.allowed))
    return InvalidArgumentError(
        None, None,
        f"Value for attr 'T' of {got.name} is not in the list of allowed values: {allowed} "
        f"[Op:{op.tf_name}]\n{op.name}: got a {got.name} tensor; expected one of: {allowed}",
    )


def _explain_failure(op, values, attrs, exc) -> Exception:
    """Asks the op's shape rule for a precise error; falls back to the kernel's message."""
    try:
        op.infer(*[_spec(v) for v in values], **attrs)
    except (OpError, ValueError, TypeError) as rule_error:
        return rule_error
    return InvalidArgumentError(
        None, None,
        f"{op.name}: {exc} (inputs: {specs_text(values)}; attrs: {attrs}) [Op:{op.tf_name}]",
    )


def _check_infer(op, values, attrs, result) -> None:
    """Debug mode: the shape rule must agree with what the kernel produced."""
    specs = op.infer(*[_spec(v) for v in values], **attrs)
    outs = result if isinstance(result, tuple) else (result,)
    specs = specs if isinstance(specs, (tuple, list)) else (specs,)
    if len(specs) != len(outs):
        raise InternalError(f"{op.name}: shape rule gives {len(specs)} outputs, kernel "
                            f"{len(outs)}")
    for spec, out in zip(specs, outs):
        if not isinstance(out, EagerTensor) or spec.dtype is not out.dtype or \
                not spec.shape.is_compatible_with(out.shape):
            raise InternalError(f"{op.name}: shape rule says {spec.short()} but the kernel gave "
                                f"{_spec(out._value).short()} (attrs {attrs})")


def fast_binary(op, public_fn):
    """Wraps `public_fn(x, y, name=None)` with a fast path for the commonest eager calls.

    Operands that are eager tensors or variables of one dtype the op accepts (or one of them a
    Python number the other's float dtype represents exactly, as `3 * w`), outside traces and
    debug checks, go straight to the op's kernel: the same kernel, checks, result and tape
    records as `execute`, minus its generic bookkeeping (a `+` costs 1.1 µs instead of 1.6).
    Every other call, and any kernel failure, goes through `public_fn`.
    """
    kernel = op.raw_kernel
    allowed = op.allowed_np
    quiet = op.quiet and _SWITCH is not None
    if op.quiet and not quiet:
        kernel = op.kernel

    @functools.wraps(public_fn)
    def fast(x, y, name=None):
        st = state
        if st.builder is not None or _debug["checks"]:
            return public_fn(x, y, name=name)
        tx, ty = type(x), type(y)
        if tx in _OPERANDS:
            a = x._value
            if ty in _OPERANDS:
                b = y._value
            elif (ty is float or ty is int) and a.dtype in _FLOAT_NP and abs(y) <= _FAST_LIMIT:
                b = np.array(y, a.dtype)
            else:
                return public_fn(x, y, name=name)
        elif ty in _OPERANDS and (tx is float or tx is int):
            b = y._value
            if b.dtype not in _FLOAT_NP or abs(x) > _FAST_LIMIT:
                return public_fn(x, y, name=name)
            a = np.array(x, b.dtype)
        else:
            return public_fn(x, y, name=name)
        dt = a.dtype
        if dt is not b.dtype or dt not in allowed:
            return public_fn(x, y, name=name)
        token = _ERR_VAR.set(_ERR_IGNORE) if quiet else None
        try:
            out = kernel(a, b)
        except Exception:
            out = None
        finally:
            if quiet:
                _ERR_VAR.reset(token)
        if out is None:
            return public_fn(x, y, name=name)
        if type(out) is not np.ndarray:
            out = as_result_array(out)
        result = _new_tensor(EagerTensor)
        result._value = out
        if st.tapes:
            inputs = (x if tx in _OPERANDS else _wrap_scalar(a),
                      y if ty in _OPERANDS else _wrap_scalar(b))
            for tape in tuple(st.tapes):
                tape._record(op, inputs, _NO_ATTRS, result)
        return result

    return fast


def _wrap_scalar(value):
    t = _new_tensor(EagerTensor)
    t._value = value
    return t
