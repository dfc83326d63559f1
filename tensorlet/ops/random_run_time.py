"""Random draws whose shape is known only when a traced function runs.

`tf.random.normal(tf.shape(log_var))` in a layer of a functional model (whose batch dim is
unknown when traced) draws a shape computed at run time. Each stateful random primitive of
random.py whose shape is an attribute gets a twin here that takes the shape as a leading 1-D
integer tensor input (as TF's ops do); the twin's kernel is the original kernel, called with
the run-time shape, so the draws are the same as for an attribute shape.
"""

from __future__ import annotations

from ..core.dispatch import execute
from ..core.registry import NONDIFF, STATEFUL, def_op
from ..core.spec import TensorSpec
from . import array_dynamic
from . import random as random_ops

__all__: list = []


def _run_time_twin(op):
    base = op.raw_kernel
    attrs = {k: v for k, v in op.attrs.items() if k != "shape"}

    def kernel(shape, *inputs, known=(), **kwargs):
        return base(*inputs, shape=array_dynamic.run_time_dims(op.name, shape, known), **kwargs)

    def infer(shape, *inputs, known=(), dtype=None, **kwargs):
        array_dynamic.check_shape_input(op.name, shape)
        return TensorSpec(list(known), dtype)

    return def_op(
        f"{op.name}_run_time_shape", tf_name=op.tf_name, kernel=kernel, infer=infer,
        grad=NONDIFF, traits=STATEFUL, attrs={**attrs, "known": ()},
        dtype_group=tuple(i + 1 for i in op.dtype_group), allowed=op.allowed,
    )


TWINS = {op.name: _run_time_twin(op) for op in (
    random_ops.RANDOM_UNIFORM, random_ops.RANDOM_UNIFORM_INT, random_ops.RANDOM_STANDARD_NORMAL,
    random_ops.TRUNCATED_NORMAL)}


def draw(op, inputs: tuple, shape, attrs: dict, name=None):
    """`op` drawn with a shape computed at run time."""
    return execute(TWINS[op.name], (array_dynamic.shape_tensor(shape), *inputs),
                   {**attrs, "known": array_dynamic.known_dims(shape)}, name=name)
