"""`tf.map_fn`, `tf.scan`, `tf.foldl` and `tf.foldr`: a Python function applied along the first
axis of (nested) tensors.

Eagerly the loop runs in Python on `unstack`ed rows and `stack`s the results; inside a
`tf.function` it is one `tf.while_loop` that reads rows with `gather` and writes results into
`TensorArray`s, so the first dimension may be unknown. Both paths are made of differentiable
ops, so gradients flow to `elems`, initializers and captured variables.
"""

from __future__ import annotations

from ..core import dtypes, nest
from ..core.convert import convert_to_tensor
from ..core.errors import InvalidArgumentError, OutOfRangeError
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ._runtime import tracing

__all__ = ["map_fn", "scan", "foldl", "foldr"]


def _elems(elems) -> list:
    leaves = [convert_to_tensor(x) for x in nest.flatten(elems)]
    if not leaves:
        raise ValueError(f"elems must be a Tensor or (possibly nested) sequence of Tensors. Got "
                         f"{elems!r}, which does not contain any Tensors.")
    for x in leaves:
        if x.shape.rank == 0:
            raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    first = leaves[0].shape[0] if leaves[0].shape.rank is not None else None
    for x in leaves[1:]:
        n = x.shape[0] if x.shape.rank is not None else None
        if first is not None and n is not None and n != first:
            raise ValueError(f"Dimensions {first} and {n} are not compatible")
        first = first if first is not None else n
    return leaves


def _length(leaves: list):
    """The number of rows: an int when it is static, else a scalar tensor."""
    for x in leaves:
        if x.shape.rank is not None and x.shape[0] is not None:
            return x.shape[0]
    from ..ops import array_shape

    return array_shape.shape(leaves[0])[0]


def _spec_of(sig) -> TensorSpec:
    if isinstance(sig, TensorSpec):
        return sig
    return TensorSpec(None, dtypes.as_dtype(sig))


def _checked(value, spec: TensorSpec, shapes: list, i: int):
    """`value` as a tensor of `spec`'s dtype, with the shape of the first row written."""
    value = convert_to_tensor(value, dtype=spec.dtype if not hasattr(value, "dtype") else None)
    if value.dtype != spec.dtype:
        raise InvalidArgumentError(
            None, None, f"TensorArray dtype is {spec.dtype.name} but Op is trying to write dtype "
                        f"{value.dtype.name} ")
    expected = shapes[i] if shapes[i] is not None else spec.shape
    if not TensorShape(value.shape).is_compatible_with(expected):
        raise ValueError(f"Incompatible shape for value ({tuple(value.shape.as_list())}), "
                         f"expected ({tuple(TensorShape(expected).as_list())})")
    if shapes[i] is None:
        shapes[i] = value.shape
    return value


def _flat_result(result, structure, specs: list, shapes: list) -> list:
    nest.assert_same_structure(structure, result)
    return [_checked(v, s, shapes, i) for i, (v, s) in enumerate(zip(nest.flatten(result),
                                                                     specs))]


def _loop(n, leaves: list, step, state: list, out_specs: list, reverse: bool):
    """Runs `state, outputs = step(rows, state)` for each row; returns (state, stacked)."""
    if tracing():
        return _graph_loop(n, leaves, step, state, out_specs, reverse)
    from ..ops import array_create, array_join

    rows = [array_join.unstack(x) for x in leaves]
    columns: list = [[] for _ in out_specs]
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        state, outputs = step([r[i] for r in rows], state)
        for column, y in zip(columns, outputs):
            column.append(y)
    if reverse:
        columns = [c[::-1] for c in columns]
    stacked = [array_join.stack(c) if c else array_create.zeros([0], s.dtype)
               for c, s in zip(columns, out_specs)]
    return state, stacked


def _graph_loop(n, leaves: list, step, state: list, out_specs: list, reverse: bool):
    from ..ops import array_index, control_while
    from ..tensor_array import TensorArray

    arrays = [TensorArray(s.dtype, size=n, element_shape=s.shape) for s in out_specs]

    def body(i, state, arrays):
        j = n - 1 - i if reverse else i
        rows = [array_index.gather(x, j) for x in leaves]
        state, outputs = step(rows, list(state))
        return i + 1, tuple(state), tuple(a.write(j, y) for a, y in zip(arrays, outputs))

    _, state, arrays = control_while.while_loop(lambda i, s, a: i < n, body,
                                                (0, tuple(state), tuple(arrays)))
    stacked = []
    for a in arrays:
        y = a.stack()
        if isinstance(n, int):
            y.set_shape(TensorShape([n]).concatenate(y.shape[1:]))
        stacked.append(y)
    return list(state), stacked


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
           infer_shape=True, name=None, fn_output_signature=None):
    """Applies `fn` to each row (the slices along axis 0) of `elems` and stacks the results.

    Args:
        fn: a callable taking one row (with the structure of `elems`).
        elems: a tensor or a nested structure of tensors sharing their first dimension.
        dtype: a deprecated alias of `fn_output_signature`.
        parallel_iterations, back_prop, swap_memory, infer_shape: accepted for TF
            compatibility (rows run one after another).
        name: ignored.
        fn_output_signature: the structure of `fn`'s output as dtypes or `TensorSpec`s;
            None means the same structure and dtypes as `elems`.

    Returns:
        The stacked results, with the structure of `fn_output_signature`.

    Raises:
        ValueError: for scalar or empty `elems`, first dimensions that differ, or an output of
            another structure or shape.
        InvalidArgumentError: when `fn` returns another dtype than the signature says.

    Example:
        >>> import tensorlet as tf
        >>> tf.map_fn(lambda r: tf.reduce_sum(r), tf.constant([[1, 2], [3, 4]])).numpy()
        array([3, 7], dtype=int32)
    """
    leaves = _elems(elems)
    signature = fn_output_signature if fn_output_signature is not None else dtype
    if signature is None:
        structure, specs = elems, [TensorSpec(None, x.dtype) for x in leaves]
    else:
        structure = signature
        specs = [_spec_of(s) for s in nest.flatten(signature)]
    shapes: list = [None] * len(specs)

    def step(rows, state):
        result = fn(nest.pack_sequence_as(elems, rows))
        return state, _flat_result(result, structure, specs, shapes)

    _, stacked = _loop(_length(leaves), leaves, step, [], specs, False)
    return nest.pack_sequence_as(structure, stacked)


def _accumulate(fn, elems, initializer, reverse: bool, keep: bool):
    """The shared loop of scan (keep: stack every accumulator) and the folds."""
    leaves = _elems(elems)
    n = _length(leaves)
    if initializer is None:
        if isinstance(n, int) and n == 0:
            raise OutOfRangeError(None, None,
                                  "Tried to read from index 0 but array size is: 0 ")
        first = [x[n - 1] if reverse else x[0] for x in leaves]
        structure, state = elems, first
        leaves = [x[:-1] if reverse else x[1:] for x in leaves]
        n = n - 1
    else:
        structure = initializer
        state = [convert_to_tensor(x) for x in nest.flatten(initializer)]
    specs = [TensorSpec(None, x.dtype) for x in state]
    shapes: list = [None] * len(specs)

    def step(rows, acc):
        result = fn(nest.pack_sequence_as(structure, acc), nest.pack_sequence_as(elems, rows))
        new = _flat_result(result, structure, specs, shapes)
        return new, (new if keep else [])

    final, stacked = _loop(n, leaves, step, state, specs if keep else [], reverse)
    if not keep:
        return nest.pack_sequence_as(structure, final)
    if initializer is None:
        from ..ops import array_join

        stacked = [array_join.concat([y, s], 0) if reverse else array_join.concat([s, y], 0)
                   for s, y in zip([_row(x) for x in first], stacked)]
    return nest.pack_sequence_as(structure, stacked)


def _row(x):
    from ..ops import array_shape

    return array_shape.expand_dims(x, 0)


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
         infer_shape=True, reverse=False, name=None):
    """Cumulates `acc = fn(acc, row)` over the rows of `elems`; returns every `acc`, stacked.

    Args:
        fn: a callable `(accumulator, row) -> accumulator`.
        elems: a tensor or nested structure of tensors sharing their first dimension.
        initializer: the first accumulator; None uses the first row (which is then output
            as it is).
        reverse: scan from the last row to the first.
        parallel_iterations, back_prop, swap_memory, infer_shape, name: accepted for TF
            compatibility.

    Returns:
        The stacked accumulators, with the structure of `initializer` (or `elems`).

    Example:
        >>> import tensorlet as tf
        >>> tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3, 4])).numpy()
        array([ 1,  3,  6, 10], dtype=int32)
    """
    return _accumulate(fn, elems, initializer, reverse, keep=True)


def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """Folds `acc = fn(acc, row)` over the rows of `elems`, first to last; returns the last.

    Example:
        >>> import tensorlet as tf
        >>> tf.foldl(lambda a, x: a - x, tf.constant([1, 2, 3]), initializer=10).numpy()
        np.int32(4)
    """
    return _accumulate(fn, elems, initializer, False, keep=False)


def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """Folds `acc = fn(acc, row)` over the rows of `elems`, last to first; returns the last.

    Example:
        >>> import tensorlet as tf
        >>> tf.foldr(lambda a, x: a * 10 + x, tf.constant([1, 2, 3])).numpy()
        np.int32(321)
    """
    return _accumulate(fn, elems, initializer, True, keep=False)
