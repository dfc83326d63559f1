"""Why is a gradient None? (C13: TF returns None without a reason; tensorlet says why.)

`tape.gradient` keeps returning None, as TF does. `tape.explain(target, source)` returns a short
text naming the reason: the source has an integer dtype, was never watched, or the target does
not depend on it, and then where the path broke: at a non-differentiable op, at an integer
result, or where a watched value left tensorlet through `.numpy()` / a NumPy call (the user's
file and line, noted by `hooks.note_numpy_read`).

`no_gradients_message(grads_and_vars)` is the error text for `optimizer.apply_gradients` when no
variable has a gradient, `missing_gradients_message` the warning text when some lack one; both
explain each such variable with the tape that last ran `gradient()` in this thread.
"""

from __future__ import annotations

import threading
import weakref

from ..core import nest
from . import backprop

__all__ = ["explain", "note_gradient_call", "why_no_gradient", "no_gradients_message",
           "missing_gradients_message"]

# NOTE: per thread, a weak reference to the tape that last computed gradients, so that an
# optimizer can explain missing gradients without being handed the tape.
_last = threading.local()

_MAX_PLACES = 3


def note_gradient_call(tape, targets: list) -> None:
    """Remembers the tape and targets of the latest `gradient()`/`jacobian()` call."""
    tape._last_targets = targets
    _last.tape = weakref.ref(tape)


def _describe(x) -> str:
    if getattr(x, "trainable", None) is not None and hasattr(x, "assign"):
        return f"variable '{x.name}'"
    return f"the {x.dtype.name} tensor of shape {tuple(x.shape.as_list())}"


def _is_variable(x) -> bool:
    return hasattr(x, "assign") and getattr(x, "trainable", None) is not None


def explain(tape, target, source) -> str:
    """The reason `tape.gradient(target, source)` is None, or a note that it is not."""
    if not hasattr(source, "dtype"):
        return f"{source!r} is not a tensor or a variable: only they have gradients."
    name = _describe(source)
    if not (source.dtype.is_floating or source.dtype.is_complex):
        return (f"{name} has the integer dtype {source.dtype.name}: only floating-point and "
                f"complex tensors have gradients (TF returns None too). Differentiate a float "
                f"tensor instead: create it as float (tf.Variable(3.0), tf.constant(3.0)) or "
                f"cast it first and watch the cast, e.g. x = tf.cast(n, tf.float32).")
    if id(source) not in tape._tracked:
        return _not_watched(tape, source, name)
    targets = [t for t in nest.flatten(target) if hasattr(t, "dtype")]
    live, path = backprop.depends_on(tape, [source])
    if any(id(t) in live for t in targets):
        return f"the target depends on {name} through {len(path)} recorded op(s): its gradient " \
               f"is not None."
    return _not_connected(tape, targets, name, live)


def _not_watched(tape, source, name: str) -> str:
    if not _is_variable(source):
        return (f"{name} is not watched: a tape watches trainable variables by itself, but a "
                f"constant tensor only after tape.watch(x), called inside the `with` block "
                f"before the ops that use it.")
    if not source.trainable:
        return (f"{name} is not watched: it is not trainable (trainable=False), and a tape only "
                f"watches trainable variables by itself; call tape.watch(v) to differentiate it.")
    if not tape._watch_accessed:
        return (f"{name} is not watched: the tape was created with "
                f"watch_accessed_variables=False; call tape.watch(v) inside the `with` block.")
    text = (f"{name} is not watched: no op read it while the tape was recording (was it used "
            f"before the `with` block, inside tape.stop_recording(), or only through NumPy?).")
    return text + _numpy_places(tape, {id(source)})


def _not_connected(tape, targets: list, name: str, live: set) -> str:
    text = f"the target does not depend on {name} through any recorded op, so its gradient is " \
           f"None."
    if not any(id(t) in tape._tracked for t in targets):
        text += (" The target was not computed from any watched tensor while the tape was "
                 "recording (computed outside the `with` block or inside stop_recording()?).")
    text += _numpy_places(tape, live)
    cuts = _cut_ops(tape, live)
    if cuts:
        text += f" Its paths stop at: {cuts}."
    if text.endswith("None."):
        text += (" If tape.watch(x) was called after the ops that use x, watch it before them.")
    return text


def _numpy_places(tape, live: set) -> str:
    places = []
    for x, where in tape._numpy_reads:
        if id(x) in live and where not in places:
            places.append(where)
    if not places:
        return ""
    shown = "; ".join(places[:_MAX_PLACES])
    more = f" (and {len(places) - _MAX_PLACES} more)" if len(places) > _MAX_PLACES else ""
    return (f" The path broke where a watched value left tensorlet through .numpy() or a NumPy "
            f"call, at {shown}{more}: anything computed from a NumPy array is a constant to the "
            f"tape. Use tensorlet ops there (e.g. tf.square instead of np.square).")


def _cut_ops(tape, live: set) -> str:
    names = []
    for op_name, inputs in tape._cuts:
        if any(id(x) in live for x in inputs) and op_name not in names:
            names.append(op_name)
    if not names:
        return ""
    parts = []
    for op_name in names[:_MAX_PLACES]:
        if op_name == "stop_gradient":
            parts.append("tf.stop_gradient (it blocks gradients by design)")
        else:
            parts.append(f"'{op_name}' (not differentiable, or its result is an integer)")
    return "; ".join(parts)


def _last_tape():
    ref = getattr(_last, "tape", None)
    return None if ref is None else ref()


def why_no_gradient(variable) -> str:
    """Explains a None gradient of `variable` with the tape that last computed gradients."""
    tape = _last_tape()
    if tape is None:
        return "no GradientTape has computed gradients in this thread."
    return explain(tape, tape._last_targets, variable)


def _reasons(grads_and_vars) -> tuple:
    """`(names, lines)` of the variables whose gradient is None, one explanation line each."""
    names, lines = [], []
    for g, v in grads_and_vars:
        if g is None:
            label = getattr(v, "name", repr(v))
            names.append(label)
            lines.append(f"  {label}: {why_no_gradient(v)}")
    return names, lines


def no_gradients_message(grads_and_vars) -> str:
    """The text of the error `optimizer.apply_gradients` raises when every gradient is None.

    Starts with TF's sentence, then explains each variable (C13).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.autodiff.explain import no_gradients_message
        >>> v = tf.Variable(1., trainable=False)
        >>> with tf.GradientTape() as tape:
        ...     y = v * 2.
        >>> g = tape.gradient(y, v)
        >>> print(no_gradients_message([(g, v)]).splitlines()[0])
        No gradients provided for any variable.
    """
    _, lines = _reasons(grads_and_vars)
    return "\n".join(["No gradients provided for any variable."] + lines)


def missing_gradients_message(grads_and_vars) -> str:
    """The warning `apply_gradients` logs when some (not all) gradients are None: TF's text,
    then one explanation per variable (C13)."""
    names, lines = _reasons(grads_and_vars)
    head = (f"Gradients do not exist for variables {names} when minimizing the loss. If using "
            f"`model.compile()`, did you forget to provide a `loss` argument?")
    return "\n".join([head] + lines)
