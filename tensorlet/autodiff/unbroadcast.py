"""The one place where a gradient of a broadcast input is summed back to the input's shape.

Every broadcasting op's gradient rule calls `unbroadcast(g, x)`. This module imports no op family
at load time (the families import it while they load); the reduce and reshape it needs on the
broadcast path are looked up when first used.
"""

from __future__ import annotations

__all__ = ["unbroadcast"]


def unbroadcast(g, x):
    """Sums `g` over the axes along which `x` was broadcast, and reshapes it to `x`'s shape.

    Written in tensorlet ops, so the result can itself be differentiated or traced.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.autodiff.unbroadcast import unbroadcast
        >>> unbroadcast(tf.ones([2, 3]), tf.constant([1., 2., 3.])).numpy()
        array([2., 2., 2.], dtype=float32)
    """
    g_value, x_value = getattr(g, "_value", None), getattr(x, "_value", None)
    if g_value is not None and x_value is not None:
        if g_value.shape == x_value.shape:
            return g
    elif g.shape == x.shape:
        return g
    g_dims, x_dims = g.shape.as_list(), x.shape.as_list()
    if None in x_dims:  # which axes were broadcast is known only at run time
        from ..ops import array_dynamic, array_shape

        return array_dynamic.sum_to(g, array_shape.shape(x), x.shape)
    lead = len(g_dims) - len(x_dims)
    axes = list(range(lead))
    axes += [lead + i for i, d in enumerate(x_dims) if d == 1 and g_dims[lead + i] != 1]
    from ..ops import array as array_ops
    from ..ops import reduce as reduce_ops

    if axes:
        g = reduce_ops.reduce_sum(g, axis=axes, keepdims=False)
    return array_ops.reshape(g, x_dims)
